import { CODE_EMAIL_SUBJECT, messageText } from './message-text';

const now = new Date('2025-03-01T10:00:00.000Z');
const inMinutes = (minutes: number): Date => new Date(now.getTime() + minutes * 60_000);

describe('messageText', () => {
  it('words an identity verification code with its lifetime', () => {
    expect(messageText({ code: '123456', purpose: 'IDENTITY_VERIFICATION', expiresAt: inMinutes(5) }, now)).toBe(
      'Your identity verification code is 123456. It expires in 5 minutes. If you did not ask for it, ignore this message.',
    );
  });

  it('words a code that turns protection off so that an owner who did not ask is warned', () => {
    expect(messageText({ code: '271828', purpose: 'DISABLE_PROTECTION', expiresAt: inMinutes(5) }, now)).toBe(
      'Your code to turn off sign-in protection is 271828. It expires in 5 minutes. If you did not ask for it, someone may be signed in as you: change your password.',
    );
  });

  it('words a login code differently, warning the owner who did not try to log in', () => {
    const text = messageText({ code: '654321', purpose: 'LOGIN', expiresAt: inMinutes(10) }, now);
    expect(text).toBe(
      'Your login code is 654321. It expires in 10 minutes. If you did not try to log in, someone may know your password: change it.',
    );
  });

  it('rounds the lifetime to whole minutes and never says less than one minute', () => {
    const at = (expiresAt: Date): string => messageText({ code: '000001', purpose: 'LOGIN', expiresAt }, now);
    expect(at(new Date(now.getTime() + 299_990))).toContain('expires in 5 minutes');
    expect(at(new Date(now.getTime() + 10_000))).toContain('expires in 1 minute.');
    expect(at(now)).toContain('expires in 1 minute.');
  });

  it('keeps the code out of the email subject', () => {
    expect(CODE_EMAIL_SUBJECT).toBe('Your verification code');
    expect(CODE_EMAIL_SUBJECT).not.toMatch(/\d/);
  });
});
