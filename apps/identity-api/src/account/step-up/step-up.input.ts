import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, Matches } from 'class-validator';

@InputType()
export class StepUpInput {
  @Field({ description: 'A 6-digit code from one of your bound authenticators.' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}

@ObjectType()
export class StepUpPayload {
  @Field(() => Date, { description: 'When this session was proven by the second factor.' }) steppedUpAt!: Date;
  @Field(() => Date, { description: 'Until when sensitive operations pass on this proof (STEP_UP_MAX_AGE_SECONDS).' })
  validUntil!: Date;
}
