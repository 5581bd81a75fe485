import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Length } from 'class-validator';
import { AccountSecurityModel } from '../../account-security/account-security.model';

/** One mutation for both callers: a person gives `verificationId`, an admin key gives `accountId`. */
@InputType()
export class EraseAccountInput {
  @Field(() => ID, {
    nullable: true,
    description: 'A person: a requestVerification(purpose: ERASE_ACCOUNT) that verifyIdentity accepted (within 10 minutes).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  verificationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'An admin key: the account to erase (a person may only name their own).' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  accountId?: string | null;
}

@ObjectType()
export class EraseAccountPayload {
  @Field(() => AccountSecurityModel, { description: 'The account as it is now: erased, nothing protected or bound.' })
  security!: AccountSecurityModel;
}
