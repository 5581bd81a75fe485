import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';
import { SECOND_FACTOR_CODE } from '../second-factor/second-factor-proofs';

@InputType()
export class CompleteLoginInput {
  @Field(() => ID) @IsString() @Length(1, 200) challengeId!: string;
  @Field({ description: 'The 6-digit code, or a recovery code (xxxxx-xxxxx) in place of a TOTP code.' })
  @IsString()
  @Matches(SECOND_FACTOR_CODE, { message: 'code must be 6 digits or a recovery code' })
  code!: string;
  @Field({
    nullable: true,
    description:
      'Remember this device: the answer carries a token that lets later logons skip the second factor for the days ' +
      'of the governing security preference. BAD_USER_INPUT when that preference does not remember devices.',
  })
  @IsOptional()
  @IsBoolean()
  rememberDevice?: boolean;
}
