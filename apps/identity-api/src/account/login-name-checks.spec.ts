import { loginNameScripts } from './login-name-scripts';
import { loginNameSkeleton } from './login-name-skeleton';
import { passwordProblem } from './password-policy';

describe('login name scripts (TR 39 highly restrictive)', () => {
  it.each(['аdmin', 'paypαl', 'Ѕcott', 'abcабв'])('refuses the mixed-script name %s', (name) => expect(loginNameScripts(name)).toBeNull());
  it.each(['admin', 'alice.smith-2', 'иван', 'αλέξης', '山田たろう', 'tanaka山田', 'josé', 'user@example.com'])('accepts %s', (name) =>
    expect(loginNameScripts(name)).not.toBeNull(),
  );
});

describe('login name skeletons', () => {
  it.each([
    ['аdmin', 'admin'],
    ['paypa1', 'paypal'],
    ['rnike', 'mike'],
    ['PayPal', 'paypal'],
    ['G00gle', 'google'],
    ['clave', 'dave'],
  ])('%s looks like %s', (lookAlike, original) => expect(loginNameSkeleton(lookAlike)).toBe(loginNameSkeleton(original)));
  it.each([
    ['alice', 'alicia'],
    ['josé', 'jose'],
    ['bob', 'bop'],
  ])('%s does not look like %s', (a, b) => expect(loginNameSkeleton(a)).not.toBe(loginNameSkeleton(b)));
});

describe('password policy (NIST SP 800-63B)', () => {
  it.each(['12345678', 'password', '00000000', 'P@ssw0rd123', 'qwertyuiop'])('refuses %s as common or trivial', (password) =>
    expect(passwordProblem(password)).toMatch(/too common or too easy to guess/),
  );
  it.each(['12345678', '00000000', 'P@ssw0rd123', 'qwertyuiop'])('names why without echoing %s', (password) =>
    expect(passwordProblem(password)).not.toContain(password),
  );
  it('refuses fewer than 8 and more than 256 characters', () => {
    expect(passwordProblem('Zq9!x')).toMatch(/at least 8/);
    expect(passwordProblem('correct horse '.repeat(20))).toMatch(/at most 256/);
  });
  it.each(['correct horse battery', 'Tr0ub4dor-abc-horse', 'lantern orbit mulberry 42'])('accepts %s', (password) =>
    expect(passwordProblem(password)).toBeNull(),
  );
});
