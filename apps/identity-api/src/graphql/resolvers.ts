import { AccountSecurityResolver } from '../account-security/account-security.resolver';
import { ACCOUNT_RESOLVERS } from '../account/account.module';

/** Every resolver of the API: the app serves them, and the schema printer prints them. */
export const ALL_RESOLVERS = [...ACCOUNT_RESOLVERS, AccountSecurityResolver];
