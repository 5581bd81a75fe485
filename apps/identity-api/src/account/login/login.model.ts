import { Field, ID, ObjectType } from '@nestjs/graphql';
import { LoginStatusEnum, VerificationMethodEnum } from '../../graphql/graphql-enums';
import { TotpEnrollment } from '../begin-totp-binding/begin-totp-binding.input';

@ObjectType()
export class Session {
  @Field({ description: 'Send as `Authorization: Bearer <token>`. Short-lived.' }) token!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => Date) expiresAt!: Date;
}

@ObjectType()
export class MfaChallenge {
  @Field(() => ID, { description: 'Pass to completeLogin with the code.' }) challengeId!: string;
  @Field(() => [VerificationMethodEnum]) methods!: VerificationMethodEnum[];
  @Field(() => Date) expiresAt!: Date;
}

@ObjectType({ description: 'A logon that must set a new password first (PASSWORD_CHANGE_REQUIRED).' })
export class PasswordChangeTicket {
  @Field({ description: 'Pass to completePasswordChange with the new password. Short-lived, once.' }) ticket!: string;
  @Field(() => Date) expiresAt!: Date;
}

@ObjectType({ description: 'A remembered device: keep the token and send it as `rememberedDeviceToken` with later logons.' })
export class RememberedDeviceToken {
  @Field({ description: 'Shown once; the service stores only a keyed hash of it.' }) token!: string;
  @Field(() => Date, { description: 'Until then, a logon with the token skips the second factor (unless revoked).' }) expiresAt!: Date;
}

@ObjectType()
export class LoginPayload {
  @Field(() => LoginStatusEnum) status!: LoginStatusEnum;
  @Field(() => Session, { nullable: true }) session!: Session | null;
  @Field(() => MfaChallenge, { nullable: true }) challenge!: MfaChallenge | null;
  @Field(() => TotpEnrollment, { nullable: true, description: 'MFA_ENROLLMENT_REQUIRED: the new authenticator secret, shown once.' })
  enrollment?: TotpEnrollment | null;
  @Field(() => PasswordChangeTicket, { nullable: true }) passwordChange?: PasswordChangeTicket | null;
  @Field(() => RememberedDeviceToken, { nullable: true, description: 'Set when the logon step was asked to remember the device.' })
  rememberedDevice?: RememberedDeviceToken | null;
}
