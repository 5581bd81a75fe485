import { registerEnumType } from '@nestjs/graphql';

export enum ProtectionSceneEnum {
  LOGON = 'LOGON',
  SENSITIVE_OPERATION = 'SENSITIVE_OPERATION',
}
export enum VerificationMethodEnum {
  TOTP = 'TOTP',
  SMS = 'SMS',
  EMAIL = 'EMAIL',
}
export enum VerificationChannelEnum {
  SMS = 'SMS',
  EMAIL = 'EMAIL',
}
export enum VerificationPurposeEnum {
  ADD_AUTHENTICATOR = 'ADD_AUTHENTICATOR',
  CHANGE_PROTECTION = 'CHANGE_PROTECTION',
  ERASE_ACCOUNT = 'ERASE_ACCOUNT',
}
export enum AuthenticatorKindEnum {
  TOTP = 'TOTP',
}
export enum SessionProofMethodEnum {
  PASSWORD = 'PASSWORD',
  TOTP = 'TOTP',
  SMS = 'SMS',
  EMAIL = 'EMAIL',
  RECOVERY_CODE = 'RECOVERY_CODE',
}
export enum LoginStatusEnum {
  SUCCEEDED = 'SUCCEEDED',
  MFA_REQUIRED = 'MFA_REQUIRED',
  MFA_ENROLLMENT_REQUIRED = 'MFA_ENROLLMENT_REQUIRED',
  PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED',
}

registerEnumType(ProtectionSceneEnum, { name: 'ProtectionScene', description: 'Where a second factor is required.' });
registerEnumType(VerificationMethodEnum, { name: 'VerificationMethod' });
registerEnumType(VerificationChannelEnum, { name: 'VerificationChannel', description: 'Where a verification code is sent.' });
registerEnumType(LoginStatusEnum, {
  name: 'LoginStatus',
  description: 'What a logon step answered (docs/api.md, "Logging on").',
  valuesMap: {
    SUCCEEDED: { description: '`session` is set.' },
    MFA_REQUIRED: { description: '`challenge` is set: send its code to completeLogin.' },
    MFA_ENROLLMENT_REQUIRED: {
      description: 'MFA is required and no authenticator is bound: `enrollment` is set; send two consecutive codes to completeEnrollment.',
    },
    PASSWORD_CHANGE_REQUIRED: { description: '`passwordChange` is set: send a new password with its ticket to completePasswordChange.' },
  },
});
registerEnumType(VerificationPurposeEnum, {
  name: 'VerificationPurpose',
  description: 'What a requestVerification code proves the person for.',
  valuesMap: {
    ADD_AUTHENTICATOR: { description: 'Adding a further authenticator while one is bound (beginTotpBinding).' },
    CHANGE_PROTECTION: { description: 'Changing the protection in force (changeProtection).' },
    ERASE_ACCOUNT: { description: 'Erasing your own account (eraseAccount), once verifyIdentity accepted the code.' },
  },
});
registerEnumType(AuthenticatorKindEnum, { name: 'AuthenticatorKind', description: 'The kind of a bound authenticator.' });
registerEnumType(SessionProofMethodEnum, {
  name: 'SessionProofMethod',
  description: 'How a session was proven: the password alone, or a second factor.',
});
