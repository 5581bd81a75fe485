/**
 * The challenge id a client holds names the account and the challenge, so that the public
 * completeLogin finds the account stream without a lookup. Forging one gains nothing: the challenge
 * must exist, be open and unexpired in that account's own events.
 */
export function encodeChallengeId(accountId: string, challengeId: string): string {
  return Buffer.from(`${accountId}:${challengeId}`, 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function decodeChallengeId(value: string): { accountId: string; challengeId: string } | null {
  if (value.length > 120 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const [accountId, challengeId, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split(':');
  if (accountId === undefined || challengeId === undefined || rest.length > 0) return null;
  if (!UUID.test(accountId) || !UUID.test(challengeId)) return null;
  return { accountId, challengeId };
}
