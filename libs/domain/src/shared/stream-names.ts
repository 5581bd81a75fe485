/** Stream names are `<category>-<id>`, the category without a dash. */
export const STREAM_CATEGORIES = {
  account: 'account',
  loginName: 'loginname',
  apiKey: 'apikey',
  webhook: 'webhook',
  loginAttempt: 'loginattempt',
  ramUsers: 'ramusers',
} as const;

export const accountStream = (accountId: string): string => `${STREAM_CATEGORIES.account}-${accountId}`;
export const loginNameStream = (loginNameKey: string): string => `${STREAM_CATEGORIES.loginName}-${loginNameKey}`;
export const apiKeyStream = (keyId: string): string => `${STREAM_CATEGORIES.apiKey}-${keyId}`;
export const webhookStream = (webhookId: string): string => `${STREAM_CATEGORIES.webhook}-${webhookId}`;
/** A primary account's RAM-user membership (libs/domain/src/ram-users). */
export const ramUsersStream = (primaryAccountId: string): string => `${STREAM_CATEGORIES.ramUsers}-${primaryAccountId}`;
export const loginAttemptStream = (key: string): string => `${STREAM_CATEGORIES.loginAttempt}-${key}`;

/** Every stream prefix this service writes, for subscriptions filtered server-side. */
export const SERVICE_STREAM_PREFIXES = Object.values(STREAM_CATEGORIES).map((category) => `${category}-`);

export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}

export function streamEntityId(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? '' : streamId.slice(dash + 1);
}
