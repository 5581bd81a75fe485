import { CodeMessage } from './code-delivery.port';

const SUBJECTS: Record<CodeMessage['purpose'], { what: string; ifNotYou: string }> = {
  IDENTITY_VERIFICATION: {
    what: 'Your identity verification code',
    ifNotYou: 'If you did not ask for it, ignore this message.',
  },
  DISABLE_PROTECTION: {
    what: 'Your code to turn off sign-in protection',
    ifNotYou: 'If you did not ask for it, someone may be signed in as you: change your password.',
  },
  PASSWORD_RESET: {
    what: 'Your code to reset your password',
    ifNotYou: 'If you did not ask for it, ignore this message: your password stays as it is.',
  },
  LOGIN: {
    what: 'Your login code',
    ifNotYou: 'If you did not try to log in, someone may know your password: change it.',
  },
  CONTACT_CHANGE_NEW: {
    what: 'Your code to confirm this new phone number or email address',
    ifNotYou: 'If you did not ask for it, ignore this message.',
  },
  CONTACT_CHANGE_CURRENT: {
    what: 'Your code to move your sign-in codes to a new phone number or email address',
    ifNotYou: 'If you did not ask for it, someone may be signed in as you: change your password.',
  },
};

/** The subject line of an email carrying a code; it never contains the code itself. */
export const CODE_EMAIL_SUBJECT = 'Your verification code';

/**
 * The human-readable text carrying the code, one line, the same for SMS and email.
 * The remaining lifetime is rounded to whole minutes (at least one).
 */
export function messageText(message: Pick<CodeMessage, 'code' | 'purpose' | 'expiresAt'>, now: Date): string {
  const { what, ifNotYou } = SUBJECTS[message.purpose];
  const minutes = Math.max(1, Math.round((message.expiresAt.getTime() - now.getTime()) / 60_000));
  const lifetime = minutes === 1 ? '1 minute' : `${minutes} minutes`;
  return `${what} is ${message.code}. It expires in ${lifetime}. ${ifNotYou}`;
}
