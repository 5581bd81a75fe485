import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { AccountSecurityView, AuthenticatorView } from '@identity/domain';
import { AuthenticatorKindEnum, ProtectionSceneEnum, VerificationMethodEnum } from '../graphql/graphql-enums';

@ObjectType('Authenticator', { description: 'A bound second factor: never its secret.' })
export class AuthenticatorModel {
  @Field(() => ID) id!: string;
  @Field(() => AuthenticatorKindEnum) kind!: AuthenticatorKindEnum;
  @Field({ description: 'The name the person chose, e.g. "work phone".' }) name!: string;
  @Field(() => Date) boundAt!: Date;
  @Field(() => Date, { nullable: true, description: 'The last logon it confirmed; null before the first.' }) lastUsedAt!: Date | null;
  @Field(() => Int, { description: 'Steps (30 s) its clock runs ahead, negative: behind, as the last resyncTotp found; 0 before one.' })
  driftSteps!: number;

  static fromView(view: AuthenticatorView): AuthenticatorModel {
    return Object.assign(new AuthenticatorModel(), {
      id: view.id,
      kind: view.kind as AuthenticatorKindEnum,
      name: view.name,
      boundAt: new Date(view.boundAt),
      lastUsedAt: view.lastUsedAt ? new Date(view.lastUsedAt) : null,
      driftSteps: view.driftSteps,
    });
  }
}

@ObjectType('AccountSecurity', { description: "An account's protection: which scenes need a second factor, and its state." })
export class AccountSecurityModel {
  @Field(() => ID) accountId!: string;
  @Field() protectionEnabled!: boolean;
  @Field(() => [ProtectionSceneEnum]) scenes!: ProtectionSceneEnum[];
  @Field(() => VerificationMethodEnum, { nullable: true }) method!: VerificationMethodEnum | null;
  @Field() totpBound!: boolean;
  @Field(() => Date, { nullable: true }) totpBoundAt!: Date | null;
  @Field(() => [AuthenticatorModel], { description: 'Every bound authenticator, in the order bound.' })
  authenticators!: AuthenticatorModel[];
  @Field(() => Int, { description: 'Unused recovery codes of the current set (0: none, or protection is off).' })
  recoveryCodesRemaining!: number;
  @Field(() => Date, { nullable: true, description: 'Set while the account is locked after too many failed attempts.' })
  lockedUntil!: Date | null;
  @Field({ description: 'True once the account was erased: its secrets and contact details are unreadable, it never logs on again.' })
  erased!: boolean;
  @Field(() => Date) updatedAt!: Date;

  static fromView(view: AccountSecurityView): AccountSecurityModel {
    return Object.assign(new AccountSecurityModel(), {
      accountId: view.accountId,
      protectionEnabled: view.protectionEnabled,
      scenes: view.scenes as ProtectionSceneEnum[],
      method: view.method as VerificationMethodEnum | null,
      totpBound: view.totpBound,
      totpBoundAt: view.totpBoundAt ? new Date(view.totpBoundAt) : null,
      authenticators: view.authenticators.map((a) => AuthenticatorModel.fromView(a)),
      recoveryCodesRemaining: view.recoveryCodesRemaining,
      lockedUntil: view.lockedUntil ? new Date(view.lockedUntil) : null,
      erased: view.erased,
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
      accountId: view.accountId,
      loginName: view.loginName,
      security: AccountSecurityModel.fromView(view),
    });
  }
}
