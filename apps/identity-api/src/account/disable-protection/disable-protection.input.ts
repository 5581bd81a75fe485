import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { AccountSecurityModel } from '../../account-security/account-security.model';

@InputType()
export class DisableProtectionInput {
  @Field(() => ID, { description: 'From requestProtectionDisable.' }) @IsString() @Length(1, 100) verificationId!: string;
  @Field({ description: 'The 6-digit code that was sent.' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'A fresh code from a bound authenticator: required to turn TOTP protection off (SECOND_FACTOR_REQUIRED without it); an SMS or email code alone never removes TOTP.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'totpCode must be 6 digits' })
  totpCode?: string | null;
}

@ObjectType()
export class DisableProtectionPayload {
  @Field(() => AccountSecurityModel, { description: 'The account security after the change: protection off, no authenticator.' })
  security!: AccountSecurityModel;
}
