import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsAcceptablePassword } from '../password-policy';
import { SECOND_FACTOR_CODE } from '../second-factor/second-factor-proofs';

@InputType()
export class ResetPasswordInput {
  @Field(() => ID, { description: 'From requestPasswordReset.' }) @IsString() @Length(1, 200) verificationId!: string;
  @Field({ description: 'The 6-digit code that was sent.' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;
  @Field({ description: 'Checked like a registration password.' }) @IsString() @IsAcceptablePassword() newPassword!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'When protection covers logon with TOTP: a current code of a bound authenticator, or a recovery code (xxxxx-xxxxx); without it the reset is INVALID_CODE.',
  })
  @IsOptional()
  @IsString()
  @Matches(SECOND_FACTOR_CODE, { message: 'secondFactor must be 6 digits or a recovery code' })
  secondFactor?: string | null;
}
