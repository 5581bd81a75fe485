import { generateSecret } from 'otplib';
import { TOTP_ALGORITHM, TOTP_DIGITS, TOTP_PERIOD_SECONDS } from './totp-code.generator';

/** 160 bits, the key size RFC 4226 recommends for HMAC-SHA1. */
const SECRET_BYTES = 20;
const BASE32_SECRET = /^[A-Z2-7]+=*$/;

/** A fresh TOTP secret from otplib: 20 random bytes as RFC 4648 base32 (32 characters, no padding). */
export function generateTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

export interface TotpKeyUriInput {
  secret: string;
  /** The account as the authenticator app shows it (e.g. the login name). */
  accountLabel: string;
  /** The service name (e.g. "Acme Identity"). */
  issuer: string;
}

/**
 * The Key Uri Format provisioning URI:
 * `otpauth://totp/Issuer:label?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`.
 * Written here rather than by otplib's generateURI, which leaves a ':' inside the issuer or label
 * unencoded (login names may contain one, and the label would then split in the wrong place) and
 * leaves the default parameters out (some apps only honour what the URI says). For a label and
 * issuer without ':', the URI is otplib's with the three parameters appended (the specs check it).
 */
export function totpKeyUri({ secret, accountLabel, issuer }: TotpKeyUriInput): string {
  if (!BASE32_SECRET.test(secret)) throw new TypeError('totpKeyUri: secret must be RFC 4648 base32');
  if (issuer.length === 0 || accountLabel.length === 0) throw new TypeError('totpKeyUri: issuer and accountLabel are required');
  const encodedIssuer = encodeURIComponent(issuer);
  const label = `${encodedIssuer}:${encodeURIComponent(accountLabel)}`;
  const query = [
    `secret=${secret.replace(/=+$/, '')}`,
    `issuer=${encodedIssuer}`,
    `algorithm=${TOTP_ALGORITHM}`,
    `digits=${TOTP_DIGITS}`,
    `period=${TOTP_PERIOD_SECONDS}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}
