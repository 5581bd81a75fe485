import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AccountSecurityView } from '@identity/domain';
import { ProtectionSceneEnum, VerificationMethodEnum } from '../graphql/graphql-enums';

@ObjectType('AccountSecurity', { description: "An account's protection: which scenes need a second factor, and its state." })
export class AccountSecurityModel {
  @Field(() => ID) accountId!: string;
  @Field() protectionEnabled!: boolean;
  @Field(() => [ProtectionSceneEnum]) scenes!: ProtectionSceneEnum[];
  @Field(() => VerificationMethodEnum, { nullable: true }) method!: VerificationMethodEnum | null;
  @Field() totpBound!: boolean;
  @Field(() => Date, { nullable: true }) totpBoundAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Set while the account is locked after too many failed attempts.' })
  lockedUntil!: Date | null;
  @Field(() => Date) updatedAt!: Date;

  static fromView(view: AccountSecurityView): AccountSecurityModel {
    return Object.assign(new AccountSecurityModel(), {
      accountId: view.accountId,
      protectionEnabled: view.protectionEnabled,
      scenes: view.scenes as ProtectionSceneEnum[],
      method: view.method as VerificationMethodEnum | null,
      totpBound: view.totpBound,
      totpBoundAt: view.totpBoundAt ? new Date(view.totpBoundAt) : null,
      lockedUntil: view.lockedUntil ? new Date(view.lockedUntil) : null,
      updatedAt: new Date(view.updatedAt),
    });
  }
}

@ObjectType('Account')
export class AccountModel {
  @Field(() => ID) accountId!: string;
  @Field() loginName!: string;
  @Field(() => AccountSecurityModel) security!: AccountSecurityModel;

  static fromView(view: AccountSecurityView): AccountModel {
    return Object.assign(new AccountModel(), {
      accountId: view.accountId, loginName: view.loginName, security: AccountSecurityModel.fromView(view),
    });
  }
}
