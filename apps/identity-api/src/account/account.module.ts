import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccountCommandRunner } from './account-command-runner';
import { CodeDispatch } from './code-dispatch';
import { LockRefusalTally } from './lock-refusal-tally';
import { IdentityVerificationStarter } from './identity-verification-starter';
import { BeginTotpBindingHandler } from './begin-totp-binding/begin-totp-binding.handler';
import { BeginTotpBindingResolver } from './begin-totp-binding/begin-totp-binding.resolver';
import { totpQrCodeProvider } from './begin-totp-binding/totp-qr-code';
import { BindTotpHandler } from './bind-totp/bind-totp.handler';
import { BindTotpResolver } from './bind-totp/bind-totp.resolver';
import { ChangeContactHandler } from './change-contact/change-contact.handler';
import { ChangeContactResolver } from './change-contact/change-contact.resolver';
import { ConfirmContactChangeHandler } from './confirm-contact-change/confirm-contact-change.handler';
import { ConfirmContactChangeResolver } from './confirm-contact-change/confirm-contact-change.resolver';
import { ChangeProtectionHandler } from './change-protection/change-protection.handler';
import { ChangeProtectionResolver } from './change-protection/change-protection.resolver';
import { ChangePasswordHandler } from './change-password/change-password.handler';
import { ChangePasswordResolver } from './change-password/change-password.resolver';
import { EraseAccountHandler } from './erase-account/erase-account.handler';
import { EraseAccountResolver } from './erase-account/erase-account.resolver';
import { RequestPasswordResetHandler } from './request-password-reset/request-password-reset.handler';
import { RequestPasswordResetResolver } from './request-password-reset/request-password-reset.resolver';
import { ResetPasswordHandler } from './reset-password/reset-password.handler';
import { ResetPasswordResolver } from './reset-password/reset-password.resolver';
import { CompleteLoginHandler } from './complete-login/complete-login.handler';
import { CompleteLoginResolver } from './complete-login/complete-login.resolver';
import { DisableProtectionHandler } from './disable-protection/disable-protection.handler';
import { DisableProtectionResolver } from './disable-protection/disable-protection.resolver';
import { EnableProtectionHandler } from './enable-protection/enable-protection.handler';
import { EnableProtectionResolver } from './enable-protection/enable-protection.resolver';
import { LoginHandler } from './login/login.handler';
import { LoginResolver } from './login/login.resolver';
import { LoginResultFactory } from './login/login-result';
import { ChallengeIds } from './login/challenge-id';
import { UnknownLoginNameAttempts } from './login/unknown-login-name-attempts';
import { RegisterAccountHandler } from './register-account/register-account.handler';
import { RegisterAccountResolver } from './register-account/register-account.resolver';
import { RequestProtectionDisableHandler } from './request-protection-disable/request-protection-disable.handler';
import { RequestProtectionDisableResolver } from './request-protection-disable/request-protection-disable.resolver';
import { RequestVerificationHandler } from './request-verification/request-verification.handler';
import { RequestVerificationResolver } from './request-verification/request-verification.resolver';
import { RegenerateRecoveryCodesHandler } from './regenerate-recovery-codes/regenerate-recovery-codes.handler';
import { RegenerateRecoveryCodesResolver } from './regenerate-recovery-codes/regenerate-recovery-codes.resolver';
import { RemoveAuthenticatorHandler } from './remove-authenticator/remove-authenticator.handler';
import { RemoveAuthenticatorResolver } from './remove-authenticator/remove-authenticator.resolver';
import { RenameAuthenticatorHandler } from './rename-authenticator/rename-authenticator.handler';
import { RenameAuthenticatorResolver } from './rename-authenticator/rename-authenticator.resolver';
import { ResyncTotpHandler } from './resync-totp/resync-totp.handler';
import { ResyncTotpResolver } from './resync-totp/resync-totp.resolver';
import { SecondFactorProofs } from './second-factor/second-factor-proofs';
import { VerifyIdentityHandler } from './verify-identity/verify-identity.handler';
import { VerifyIdentityResolver } from './verify-identity/verify-identity.resolver';
import { UnlockAccountHandler } from './unlock-account/unlock-account.handler';
import { UnlockAccountResolver } from './unlock-account/unlock-account.resolver';
import { LogoutHandler } from './logout/logout.handler';
import { LogoutResolver } from './logout/logout.resolver';
import { RevokeOtherSessionsHandler } from './revoke-other-sessions/revoke-other-sessions.handler';
import { RevokeOtherSessionsResolver } from './revoke-other-sessions/revoke-other-sessions.resolver';
import { RevokeSessionHandler } from './revoke-session/revoke-session.handler';
import { RevokeSessionResolver } from './revoke-session/revoke-session.resolver';
import { StepUpHandler } from './step-up/step-up.handler';
import { StepUpResolver } from './step-up/step-up.resolver';
import { LogonEnrollmentIds, PasswordChangeTickets } from './login/challenge-id';
import { GoverningPreference } from './logon-aids/governing-preference';
import { LogonStepFacts } from './logon-aids/logon-step-facts';
import { RememberedDeviceTokens } from './logon-aids/remembered-device-tokens';
import { TotpEnrollmentView } from './logon-aids/totp-enrollment-view';
import { CompleteEnrollmentHandler } from './complete-enrollment/complete-enrollment.handler';
import { CompleteEnrollmentResolver } from './complete-enrollment/complete-enrollment.resolver';
import { CompletePasswordChangeHandler } from './complete-password-change/complete-password-change.handler';
import { CompletePasswordChangeResolver } from './complete-password-change/complete-password-change.resolver';
import { ResetRamUserMfaHandler } from './reset-ram-user-mfa/reset-ram-user-mfa.handler';
import { ResetRamUserMfaResolver } from './reset-ram-user-mfa/reset-ram-user-mfa.resolver';
import { RevokeRememberedDevicesHandler } from './revoke-remembered-devices/revoke-remembered-devices.handler';
import { RevokeRememberedDevicesResolver } from './revoke-remembered-devices/revoke-remembered-devices.resolver';
import { SetSecurityPreferenceHandler } from './set-security-preference/set-security-preference.handler';
import { SetSecurityPreferenceResolver } from './set-security-preference/set-security-preference.resolver';
import { LoginNameClaims } from './login-name-claims';
import { RamUserManager } from './ram-user-manager';
import { CreateRamUserHandler } from './create-ram-user/create-ram-user.handler';
import { CreateRamUserResolver } from './create-ram-user/create-ram-user.resolver';
import { RamUserErasure } from './ram-user-erasure';
import { UpdateRamUserHandler } from './update-ram-user/update-ram-user.handler';
import { UpdateRamUserResolver } from './update-ram-user/update-ram-user.resolver';
import { DisableRamUserHandler } from './disable-ram-user/disable-ram-user.handler';
import { DisableRamUserResolver } from './disable-ram-user/disable-ram-user.resolver';
import { EnableRamUserHandler } from './enable-ram-user/enable-ram-user.handler';
import { EnableRamUserResolver } from './enable-ram-user/enable-ram-user.resolver';
import { DeleteRamUserHandler } from './delete-ram-user/delete-ram-user.handler';
import { DeleteRamUserResolver } from './delete-ram-user/delete-ram-user.resolver';
import { SetRamUserPasswordHandler } from './set-ram-user-password/set-ram-user-password.handler';
import { SetRamUserPasswordResolver } from './set-ram-user-password/set-ram-user-password.resolver';

export const ACCOUNT_RESOLVERS = [
  RegisterAccountResolver,
  LoginResolver,
  CompleteLoginResolver,
  EnableProtectionResolver,
  VerifyIdentityResolver,
  BeginTotpBindingResolver,
  BindTotpResolver,
  RequestProtectionDisableResolver,
  DisableProtectionResolver,
  RequestVerificationResolver,
  UnlockAccountResolver,
  LogoutResolver,
  RevokeSessionResolver,
  RevokeOtherSessionsResolver,
  StepUpResolver,
  ChangeProtectionResolver,
  ChangeContactResolver,
  ConfirmContactChangeResolver,
  RegenerateRecoveryCodesResolver,
  RenameAuthenticatorResolver,
  RemoveAuthenticatorResolver,
  ResyncTotpResolver,
  ChangePasswordResolver,
  RequestPasswordResetResolver,
  ResetPasswordResolver,
  EraseAccountResolver,
  SetSecurityPreferenceResolver,
  RevokeRememberedDevicesResolver,
  CompleteEnrollmentResolver,
  CompletePasswordChangeResolver,
  ResetRamUserMfaResolver,
  CreateRamUserResolver,
  UpdateRamUserResolver,
  DisableRamUserResolver,
  EnableRamUserResolver,
  DeleteRamUserResolver,
  SetRamUserPasswordResolver,
];

/** The write side: one folder per use case, each a resolver, a command and its handler. */
@Module({
  imports: [CqrsModule],
  exports: [SecondFactorProofs],
  providers: [
    totpQrCodeProvider,
    AccountCommandRunner,
    LockRefusalTally,
    CodeDispatch,
    IdentityVerificationStarter,
    LoginResultFactory,
    ChallengeIds,
    UnknownLoginNameAttempts,
    RegisterAccountHandler,
    LoginHandler,
    CompleteLoginHandler,
    EnableProtectionHandler,
    VerifyIdentityHandler,
    BeginTotpBindingHandler,
    BindTotpHandler,
    RequestProtectionDisableHandler,
    DisableProtectionHandler,
    RequestVerificationHandler,
    UnlockAccountHandler,
    LogoutHandler,
    RevokeSessionHandler,
    RevokeOtherSessionsHandler,
    StepUpHandler,
    ChangeProtectionHandler,
    ChangeContactHandler,
    ConfirmContactChangeHandler,
    SecondFactorProofs,
    RegenerateRecoveryCodesHandler,
    RenameAuthenticatorHandler,
    RemoveAuthenticatorHandler,
    ResyncTotpHandler,
    ChangePasswordHandler,
    RequestPasswordResetHandler,
    ResetPasswordHandler,
    EraseAccountHandler,
    LogonEnrollmentIds,
    PasswordChangeTickets,
    GoverningPreference,
    LogonStepFacts,
    RememberedDeviceTokens,
    TotpEnrollmentView,
    SetSecurityPreferenceHandler,
    RevokeRememberedDevicesHandler,
    CompleteEnrollmentHandler,
    CompletePasswordChangeHandler,
    ResetRamUserMfaHandler,
    LoginNameClaims,
    RamUserManager,
    CreateRamUserHandler,
    RamUserErasure,
    UpdateRamUserHandler,
    DisableRamUserHandler,
    EnableRamUserHandler,
    DeleteRamUserHandler,
    SetRamUserPasswordHandler,
    ...ACCOUNT_RESOLVERS,
  ],
})
export class AccountModule {}
