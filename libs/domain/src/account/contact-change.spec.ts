import { at, deciderSpec, identityVerified, registered, totpProtected, verificationStarted } from '@identity/testing';
import { DEFAULT_SECURITY_POLICY } from './account.commands';
import { accountDecider } from './account.decider';
import { AccountEvent } from './account.events';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());

const request = (currentCodeHash: string | null = null, channel: 'SMS' | 'EMAIL' = 'SMS') => ({
  type: 'RequestContactChange' as const,
  now: at(100),
  verificationId: 'cc-1',
  channel,
  destination: 'enc:v1:new-phone',
  maskedDestination: '+1*******9999',
  codeHash: 'hash-of-new',
  currentCodeHash,
  sessionId: 'ses-1',
});
const confirm = (codeHash = 'hash-of-new', currentCodeHash: string | null = null, now = at(110)) => ({
  type: 'ConfirmContactChange' as const,
  now,
  verificationId: 'cc-1',
  codeHash,
  currentCodeHash,
  sessionId: 'ses-1',
});
const smsProtected = (): AccountEvent[] => [
  registered(),
  verificationStarted('ver-1', 'SMS'),
  identityVerified(),
  { type: 'ProtectionEnabled', data: { scenes: ['LOGON'], method: 'SMS', verificationId: 'ver-1', at: at(20) } },
];
const requested = (history: AccountEvent[], currentCodeHash: string | null = null) => [
  ...history,
  ...spec.given(history).when(request(currentCodeHash)).events(),
];

describe('changing the phone or email', () => {
  it('records the new destination, encrypted and masked, pending its code', () =>
    spec
      .given(totpProtected())
      .when(request())
      .then([
        {
          type: 'ContactChangeRequested',
          data: {
            verificationId: 'cc-1',
            channel: 'SMS',
            destination: 'enc:v1:new-phone',
            maskedDestination: '+1*******9999',
            codeHash: 'hash-of-new',
            currentCodeHash: null,
            expiresAt: at(400),
            at: at(100),
          },
        },
      ]));

  it('applies it only with the code sent to the new destination, which is then proven', () => {
    const history = requested([registered()]);
    spec
      .given(history)
      .when(confirm('hash-of-guess'))
      .thenMatch([{ type: 'VerificationFailed', data: { reason: 'WRONG_CODE', attempts: 1 } }]);
    const events = spec.given(history).when(confirm()).events();
    expect(events.map((e) => e.type)).toEqual(['IdentityVerified', 'ContactChanged']);
    const state = fold([...history, ...events]);
    expect(state).toMatchObject({ phone: 'enc:v1:new-phone', maskedPhone: '+1*******9999', phoneProvenAt: at(110) });
    expect(fold(history).phoneProvenAt).toBeNull();
    // Used up: the same code changes nothing again.
    spec
      .given([...history, ...events])
      .when(confirm())
      .then([]);
  });

  it('needs a code to the current phone too when it carries SMS protection', () => {
    spec.given(smsProtected()).when(request(null)).thenThrows('SECOND_FACTOR_REQUIRED');
    const history = requested(smsProtected(), 'hash-of-current');
    spec.given(history).when(confirm('hash-of-new', null)).thenThrows('SECOND_FACTOR_REQUIRED');
    const wrong = spec.given(history).when(confirm('hash-of-new', 'hash-of-guess')).events();
    expect(wrong).toMatchObject([{ type: 'VerificationFailed', data: { reason: 'WRONG_CODE' } }]);
    expect(fold([...history, ...wrong]).phone).toBe('enc:v1:p');
    spec
      .given([...history, ...wrong])
      .when(confirm('hash-of-new', 'hash-of-current'))
      .thenMatch([{ type: 'IdentityVerified' }, { type: 'ContactChanged', data: { channel: 'SMS' } }]);
  });

  it('does not ask the current email for a code when the email carries no protection', () =>
    spec
      .given(smsProtected())
      .when(request('hash-of-current', 'EMAIL'))
      .thenMatch([{ type: 'ContactChangeRequested', data: { channel: 'EMAIL', currentCodeHash: null } }]));

  it('is not taken for anything else, nor anything else for it', () => {
    const history = requested([registered()]);
    spec
      .given(history)
      .when({ type: 'VerifyIdentity', now: at(110), verificationId: 'cc-1', codeHash: 'hash-of-new' })
      .thenMatch([{ type: 'VerificationFailed', data: { reason: 'UNKNOWN_REFERENCE' } }]);
    spec
      .given([registered(), verificationStarted('cc-1', 'SMS', at(100))])
      .when(confirm('hash-of-123456'))
      .thenMatch([{ type: 'VerificationFailed', data: { reason: 'UNKNOWN_REFERENCE' } }]);
  });
});
