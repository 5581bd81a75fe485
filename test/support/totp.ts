import { createHmac } from 'node:crypto';

/**
 * An independent RFC 6238 (TOTP) / RFC 4226 (HOTP) implementation for the end-to-end suites, written
 * against the RFCs with node:crypto only, so the suites never trust the server's TOTP library.
 * Defaults as the contract says: HMAC-SHA1, 6 digits, 30 s steps, counted from the Unix epoch.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 to bytes. Case, spaces and padding are tolerated, other characters are not. */
export function decodeBase32(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value < 0) throw new Error('not a base32 string');
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 4226 HOTP with dynamic truncation; the counter is the 8-byte big-endian moving factor. */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac.readUInt8(mac.length - 1) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The TOTP time step (T) of a moment given in milliseconds since the epoch. */
export function timeStepAt(epochMs: number): number {
  return Math.floor(epochMs / 1000 / TOTP_PERIOD_SECONDS);
}

export function currentStep(): number {
  return timeStepAt(Date.now());
}

/** The code an authenticator app shows for `step`, from the base32 secret the API returned. */
export function codeForStep(secretBase32: string, step: number): string {
  return hotp(decodeBase32(secretBase32), step);
}

/** A 6-digit code that matches none of the steps around now (so it is certainly wrong). */
export function wrongCodeFor(secretBase32: string): string {
  const now = currentStep();
  const nearby = new Set<string>();
  for (let step = now - 3; step <= now + 3; step++) nearby.add(codeForStep(secretBase32, step));
  for (let candidate = 0; ; candidate++) {
    const code = String(candidate).padStart(TOTP_DIGITS, '0');
    if (!nearby.has(code)) return code;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits (polling the clock) until the current time step is at least `step`. */
export async function waitForStep(step: number): Promise<void> {
  while (currentStep() < step) {
    const nextBoundaryMs = (currentStep() + 1) * TOTP_PERIOD_SECONDS * 1000;
    await sleep(Math.max(20, Math.min(1000, nextBoundaryMs - Date.now() + 20)));
  }
}

/**
 * How long the current step must still last for a code of the step before it to be handed out: the
 * request that carries it has to reach the server before the step ends and that code falls out of
 * the window.
 */
const PREVIOUS_STEP_MARGIN_MS = 10_000;

/** The oldest step whose code the server accepts for a request sent now: now − 1 early in a step. */
function oldestAcceptedStep(): number {
  const now = currentStep();
  const msLeft = (now + 1) * TOTP_PERIOD_SECONDS * 1000 - Date.now();
  return msLeft >= PREVIOUS_STEP_MARGIN_MS ? now - 1 : now;
}

/**
 * A phone with an authenticator app, as a test uses it. The server accepts a code of the current
 * step ±1, each step at most once, and never a step at or before one already accepted. So each
 * `nextCode()` uses the oldest step the server still takes that is after the last one handed out:
 * the step before the current one (early enough in the current step), else the current one, else the
 * next one (+1 drift); only if even that was used does it wait for the clock to move on. Three codes
 * in a row thus need no wait, which keeps the suites that log on several times from waiting a step.
 */
export class TotpAuthenticator {
  private lastStep: number | null = null;

  constructor(readonly secret: string) {}

  /** The step of the last code handed out, or null. */
  get lastUsedStep(): number | null {
    return this.lastStep;
  }

  async nextCode(): Promise<string> {
    const oldest = oldestAcceptedStep();
    const wanted = this.lastStep === null ? oldest : Math.max(oldest, this.lastStep + 1);
    if (wanted > currentStep() + 1) await waitForStep(wanted - 1);
    this.lastStep = wanted;
    return codeForStep(this.secret, wanted);
  }

  /** The code of the last step handed out again: a replay. */
  lastCode(): string {
    if (this.lastStep === null) throw new Error('no code was handed out yet');
    return codeForStep(this.secret, this.lastStep);
  }

  wrongCode(): string {
    return wrongCodeFor(this.secret);
  }
}
