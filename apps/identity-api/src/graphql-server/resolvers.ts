import { AccountSecurityResolver } from '../account-security/account-security.resolver';
import { ACCOUNT_RESOLVERS } from '../account/account.module';
import { API_KEY_RESOLVERS } from '../api-keys/api-keys.module';
import { SecurityStateAtResolver } from '../account-security/security-state-at.resolver';
import { AuditTrailResolver } from '../audit-history/audit-trail.resolver';
import { INTEGRATION_RESOLVERS } from '../integration/integration.module';
import { WEBHOOK_RESOLVERS } from '../webhooks/webhooks.module';
import { SessionsResolver } from '../sessions/sessions.resolver';
import { RamUsersResolver } from '../ram-users/ram-users.resolver';

/** Every resolver of the API: the app serves them, and the schema printer prints them. */
export const ALL_RESOLVERS = [
  ...ACCOUNT_RESOLVERS,
  AccountSecurityResolver,
  AuditTrailResolver,
  SecurityStateAtResolver,
  SessionsResolver,
  RamUsersResolver,
  ...INTEGRATION_RESOLVERS,
  ...WEBHOOK_RESOLVERS,
  ...API_KEY_RESOLVERS,
];
