import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';

@InputType()
export class ResetRamUserMfaInput {
  @Field(() => ID, { description: 'One of your own RAM users.' }) @IsString() @Length(1, 100) accountId!: string;
}
