import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AccountState, securityViewOf } from '@identity/domain';
import { AccountSecurityModel } from '../account-security/account-security.model';

export enum RamUserStatusEnum {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}
registerEnumType(RamUserStatusEnum, { name: 'RamUserStatus', description: 'DISABLED: disableRamUser; no logon until enableRamUser.' });

@ObjectType('RamUser', {
  description: 'A user of a primary account (docs/ram-users.md); only its primary account (or an auditor) sees it.',
})
export class RamUserModel {
  @Field(() => ID) accountId!: string;
  @Field({ description: "The whole login name it logs on with: `name@alias`, the alias being its primary account's." })
  loginName!: string;
  @Field() displayName!: string;
  @Field(() => RamUserStatusEnum) status!: RamUserStatusEnum;
  @Field({ description: 'Its logon needs a second factor (enrolled at the first logon when it has none).' })
  mfaRequired!: boolean;
  @Field({ description: 'Its next logon must choose a new password first.' })
  passwordResetRequired!: boolean;
  @Field(() => AccountSecurityModel) security!: AccountSecurityModel;
  @Field(() => Date, { nullable: true, description: 'Its last successful logon; null before the first.' })
  lastLoginAt!: Date | null;

  /** From the state a command left (a mutation's payload reads its own write). */
  static fromState(state: AccountState, lastLoginAt: string | null): RamUserModel {
    return Object.assign(new RamUserModel(), {
      accountId: state.accountId ?? '',
      loginName: state.loginName ?? '',
      displayName: state.displayName ?? '',
      status: state.disabled ? RamUserStatusEnum.DISABLED : RamUserStatusEnum.ACTIVE,
      mfaRequired: state.mfaRequired,
      passwordResetRequired: state.passwordResetRequired,
      security: AccountSecurityModel.fromView(securityViewOf(state)),
      lastLoginAt: lastLoginAt ? new Date(lastLoginAt) : null,
    });
  }
}
