import { describeAccountProtection } from '../support/account-protection-scenario';

// The seed's acceptance flow with the identity verified by a code sent to the phone (SMS webhook).
describeAccountProtection('SMS');
