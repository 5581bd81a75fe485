import { maskEmail } from './email.masker';
import { maskPhone } from './phone.masker';

describe('maskPhone', () => {
  it.each([
    ['+8613812345678', '+86*******5678'],
    ['+14155550123', '+14*****0123'],
    ['+44 20 7946 0958', '+44******0958'],
    ['13812345678', '13*****5678'],
    ['5550123', '***0123'],
    ['12345', '***45'],
    ['123', '***'],
    ['', ''],
  ])('masks %j as %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('never shows the national digits of a full number', () => {
    expect(maskPhone('+8613812345678')).not.toContain('1381234');
  });
});

describe('maskEmail', () => {
  it.each([
    ['alice.smith@example.com', 'a***h@example.com'],
    ['bob@example.com', 'b***@example.com'],
    ['jo@example.com', 'j***@example.com'],
    ['x@example.com', 'x***@example.com'],
    ['dave@example.org', 'd***e@example.org'],
    ['"odd@local"@example.com', '"***"@example.com'],
    ['not-an-email', '***'],
    ['@example.com', '***'],
  ])('masks %j as %j', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it('hides the length of the local part', () => {
    expect(maskEmail('ab123456789z@example.com')).toBe('a***z@example.com');
  });
});
