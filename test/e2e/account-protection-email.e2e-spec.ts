import { describeAccountProtection } from '../support/account-protection-scenario';

// The seed's acceptance flow with the identity verified by a code sent by email (SMTP).
describeAccountProtection('EMAIL');
