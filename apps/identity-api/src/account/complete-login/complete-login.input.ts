import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, Length, Matches } from 'class-validator';

@InputType()
export class CompleteLoginInput {
  @Field(() => ID) @IsString() @Length(1, 200) challengeId!: string;
  @Field({ description: 'The 6-digit code.' }) @IsString() @Matches(/^\d{6}$/, { message: 'code must be 6 digits' }) code!: string;
}
