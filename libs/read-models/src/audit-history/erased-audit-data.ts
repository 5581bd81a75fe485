/** What an erased account's audit rows show instead of its personal data. */
export const ERASED = '[erased]';

/**
 * The fields of an event's data that are personal data shown in clear in audit rows (login name,
 * masked destinations, client addresses): an erasure replaces them in every row of the account.
 * Secrets are never in audit rows to begin with (redactEventData).
 */
export const PERSONAL_AUDIT_FIELDS: readonly string[] = ['loginName', 'maskedEmail', 'maskedPhone', 'maskedDestination', 'ips'];

/** An audit row's data as it reads once its account is erased. */
export function erasedAuditData(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, PERSONAL_AUDIT_FIELDS.includes(key) && value !== null ? ERASED : value]),
  );
}
