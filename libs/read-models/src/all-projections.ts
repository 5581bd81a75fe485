import { AccountSecurityProjection } from './account-security/account-security.projection';
import { AuditHistoryProjection } from './audit-history/audit-history.projection';
import { Projection } from './projections/projection';
import { SessionsProjection } from './sessions/sessions.projection';
import { RamUsersProjection } from './ram-users/ram-users.projection';

/** Every read model of the service: the app runs them, the CLI rebuilds them. */
export function allProjections(): Projection[] {
  return [new AccountSecurityProjection(), new AuditHistoryProjection(), new SessionsProjection(), new RamUsersProjection()];
}
