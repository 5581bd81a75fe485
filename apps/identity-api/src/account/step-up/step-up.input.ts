import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, Matches } from 'class-validator';
import { SECOND_FACTOR_CODE } from '../second-factor/second-factor-proofs';

@InputType()
export class StepUpInput {
  @Field({ description: 'A 6-digit code from one of your bound authenticators, or one of your recovery codes.' })
  @IsString()
  @Matches(SECOND_FACTOR_CODE, { message: 'code must be 6 digits or a recovery code' })
  code!: string;
}

@ObjectType()
export class StepUpPayload {
  @Field(() => Date, { description: 'When this session was proven by the second factor.' }) steppedUpAt!: Date;
  @Field(() => Date, { description: 'Until when sensitive operations pass on this proof (STEP_UP_MAX_AGE_SECONDS).' })
  validUntil!: Date;
}
