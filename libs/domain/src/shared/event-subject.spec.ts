import { eventSubject } from './event-subject';

describe('the account an event is about', () => {
  it('is the id of an account stream, whatever the data says', () => {
    expect(eventSubject('account-acc-1', { accountId: 'acc-2' })).toBe('acc-1');
  });

  it('is the accountId the data names on other streams', () => {
    expect(eventSubject('loginname-alice', { accountId: 'acc-1' })).toBe('acc-1');
  });

  it('is null when the event names no account', () => {
    expect(eventSubject('webhook-wh-1', { url: 'https://example.test' })).toBeNull();
    expect(eventSubject('apikey-k-1', { accountId: 42 })).toBeNull();
  });
});
