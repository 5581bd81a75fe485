import { Field, ObjectType } from '@nestjs/graphql';
import { AccountSecurityModel } from '../../account-security/account-security.model';

@ObjectType()
export class RecoveryCodesPayload {
  @Field(() => [String], { description: 'The new one-time recovery codes (xxxxx-xxxxx), shown only here; the old ones no longer work.' })
  recoveryCodes!: string[];
  @Field(() => AccountSecurityModel) security!: AccountSecurityModel;
}
