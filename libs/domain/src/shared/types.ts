/** ISO-8601 instant in UTC, as produced by `Date.prototype.toISOString()`. */
export type Instant = string;

export const PROTECTION_SCENES = ['LOGON', 'SENSITIVE_OPERATION'] as const;
export type ProtectionScene = (typeof PROTECTION_SCENES)[number];

export const VERIFICATION_METHODS = ['TOTP', 'SMS', 'EMAIL'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

export const VERIFICATION_CHANNELS = ['SMS', 'EMAIL'] as const;
export type VerificationChannel = (typeof VERIFICATION_CHANNELS)[number];

/** A value encrypted by the security library (`enc:v1:…`); the domain never looks inside. */
export type Encrypted = string;
