import { at, deciderSpec, registered, totpProtected } from '@identity/testing';
import { DEFAULT_SECURITY_POLICY } from './account.commands';
import { accountDecider } from './account.decider';
import { AccountEvent } from './account.events';
import { applyToSecurityView, securityViewOf } from './account-security.view';
import { accountIntegration } from './account-integration';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());

const eraseVerification = (at0 = at(100)): AccountEvent[] => [
  ...spec
    .given(totpProtected())
    .when({ type: 'RequestVerification', now: at0, verificationId: 'era-1', purpose: 'ERASE_ACCOUNT', channel: 'SMS', codeHash: 'h-era' })
    .events(),
];
const bySelf = (now = at(120), verificationId: string | null = 'era-1') => ({
  type: 'EraseAccount' as const,
  now,
  by: 'SELF' as const,
  sessionId: 'ses-1',
  verificationId,
});

describe('EraseAccount', () => {
  const verified = () => {
    const started = [...totpProtected(), ...eraseVerification()];
    return [
      ...started,
      ...spec
        .given(started)
        .when({ type: 'VerifyIdentity', now: at(110), verificationId: 'era-1', codeHash: 'h-era' })
        .events(),
    ];
  };

  it('erases for the person with a verified ERASE_ACCOUNT verification, naming the acting session', () =>
    spec
      .given(verified())
      .when(bySelf())
      .then([{ type: 'AccountErased', data: { by: 'SELF', sessionId: 'ses-1', verificationId: 'era-1', at: at(120) } }]));

  it('refuses the person without a verification, with one not verified, expired, or of another purpose', () => {
    spec
      .given(verified())
      .when(bySelf(at(120), null))
      .thenThrows('VERIFICATION_REQUIRED');
    spec
      .given([...totpProtected(), ...eraseVerification()])
      .when(bySelf())
      .thenThrows('VERIFICATION_REQUIRED');
    spec
      .given(verified())
      .when(bySelf(at(110 + 601)))
      .thenThrows('VERIFICATION_REQUIRED');
    spec
      .given(totpProtected())
      .when(bySelf(at(30), 'ver-1'))
      .thenThrows('VERIFICATION_REQUIRED');
  });

  it('erases for an admin key without a verification', () =>
    spec
      .given([registered()])
      .when({ type: 'EraseAccount', now: at(5), by: 'ADMIN', sessionId: null, verificationId: null })
      .then([{ type: 'AccountErased', data: { by: 'ADMIN', sessionId: null, verificationId: null, at: at(5) } }]));

  it('leaves no secret, contact, factor or password in the state, and refuses every later command', () => {
    const erased = [...verified(), ...spec.given(verified()).when(bySelf()).events()];
    const state = fold(erased);
    expect(state).toMatchObject({
      erased: true,
      loginName: null,
      passwordHash: null,
      email: null,
      maskedEmail: null,
      phone: null,
      maskedPhone: null,
      authenticators: {},
      verifications: {},
      protection: { enabled: false },
    });
    spec
      .given(erased)
      .when({ type: 'Login', now: at(130), passwordValid: true, sessionId: 's', challengeId: 'c', challengeCodeHash: null })
      .thenThrows('ACCOUNT_NOT_FOUND');
    spec
      .given(erased)
      .when({ type: 'EraseAccount', now: at(130), by: 'ADMIN', sessionId: null, verificationId: null })
      .thenThrows('ACCOUNT_NOT_FOUND');
  });

  it('shows the account as erased, the same from the state and from the fold, and publishes identity.account.erased.v1', () => {
    const erased = [...verified(), ...spec.given(verified()).when(bySelf()).events()];
    const folded = erased.reduce(applyToSecurityView, null);
    expect(folded).toMatchObject({ erased: true, loginName: '', protectionEnabled: false, totpBound: false, authenticators: [] });
    expect(securityViewOf(fold(erased))).toEqual(folded);
    const source = { id: 'e-1', entityId: 'acc-1', position: '9', time: at(120) };
    const last = erased.at(-1) as Extract<AccountEvent, { type: 'AccountErased' }>;
    expect(accountIntegration.accountErased(last, source)).toEqual([
      expect.objectContaining({ type: 'identity.account.erased.v1', subject: 'acc-1', data: { accountId: 'acc-1', by: 'SELF' } }),
    ]);
  });
});
