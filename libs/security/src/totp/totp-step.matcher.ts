import { timingSafeEqual } from 'node:crypto';
import { hotpCodeOfKey, totpKeyBytes, totpStepAt } from './totp-code.generator';

const SIX_DIGITS = /^[0-9]{6}$/;
/** A larger window would accept codes minutes old; RFC 6238 recommends at most one step of drift. */
const MAX_WINDOW = 10;

export interface TotpMatchInput {
  /** RFC 4648 base32 secret. */
  secret: string;
  /** The code as the person typed it. */
  code: string;
  /** The instant of the check (from the command, not the clock). */
  at: Date;
  /** Steps accepted either side of the current one (default 1, so at-1..at+1). */
  window?: number;
  /**
   * How many steps the authenticator's clock runs ahead (negative: behind), as a resync found
   * (RFC 6238 section 6): the window is centred on the current step plus the drift. Default 0.
   */
  driftSteps?: number;
}

/**
 * The RFC 6238 time step whose code equals `code`, among the steps `at - window .. at + window`,
 * or null. Codes that are not exactly six ASCII digits are rejected before any code is computed.
 *
 * The secret is decoded once; each candidate step's code is one HMAC and is compared in constant
 * time, and every candidate is checked, with no early exit, so the time taken does not tell which
 * step, if any, matched. If two steps share the code (a 1-in-a-million event), the current step is
 * preferred, then the nearer past one. A secret that is not base32 or is under 16 bytes throws.
 * The caller stores the step to refuse replays of the same code.
 */
export function matchTotpStep({ secret, code, at, window = 1, driftSteps = 0 }: TotpMatchInput): number | null {
  if (!Number.isInteger(window) || window < 0 || window > MAX_WINDOW) {
    throw new RangeError(`matchTotpStep: window must be an integer from 0 to ${MAX_WINDOW}`);
  }
  if (!Number.isSafeInteger(driftSteps)) throw new RangeError('matchTotpStep: driftSteps must be an integer');
  if (typeof code !== 'string' || !SIX_DIGITS.test(code)) return null;
  const key = totpKeyBytes(secret);
  const typed = Buffer.from(code, 'latin1');
  let matched: number | null = null;
  for (const step of candidateSteps(totpStepAt(at) + driftSteps, window)) {
    if (codeOfStep(key, typed, step) && matched === null) matched = step;
  }
  return matched;
}

/** Whether the typed six digits are the code of exactly `step`, compared in constant time. */
function codeOfStep(key: Uint8Array, typed: Buffer, step: number): boolean {
  return timingSafeEqual(Buffer.from(hotpCodeOfKey(key, step), 'latin1'), typed);
}

/** current, current-1, current+1, current-2, ... (steps before the epoch do not exist). */
function candidateSteps(current: number, window: number): number[] {
  const steps = [current];
  for (let distance = 1; distance <= window; distance++) steps.push(current - distance, current + distance);
  return steps.filter((step) => step >= 0);
}

export interface TotpPairMatchInput {
  secret: string;
  /** Two codes the authenticator showed one after the other. */
  code1: string;
  code2: string;
  at: Date;
  /** Steps searched either side of the current one (at most 10). */
  window: number;
}

/**
 * For a resync (RFC 6238 section 6): the step whose code equals `code2` while the step before it
 * has `code1`, searched within `window` steps of the current one, or null. Every candidate is
 * checked (no early exit); the nearest to the current step wins. `driftSteps`: that step minus
 * the current one.
 */
export function matchConsecutiveTotpSteps({
  secret,
  code1,
  code2,
  at,
  window,
}: TotpPairMatchInput): { timeStep: number; driftSteps: number } | null {
  if (!Number.isInteger(window) || window < 1 || window > MAX_WINDOW) {
    throw new RangeError(`matchConsecutiveTotpSteps: window must be an integer from 1 to ${MAX_WINDOW}`);
  }
  const current = totpStepAt(at);
  const second = matchAll(secret, code2, current, window);
  const first = new Set(matchAll(secret, code1, current, window + 1));
  const pair = second.find((step) => first.has(step - 1));
  return pair === undefined ? null : { timeStep: pair, driftSteps: pair - current };
}

/** Every step within `window` of `current` whose code is `code`, nearest first. */
function matchAll(secret: string, code: string, current: number, window: number): number[] {
  if (typeof code !== 'string' || !SIX_DIGITS.test(code)) return [];
  const key = totpKeyBytes(secret);
  const typed = Buffer.from(code, 'latin1');
  return candidateSteps(current, window).filter((step) => codeOfStep(key, typed, step));
}
