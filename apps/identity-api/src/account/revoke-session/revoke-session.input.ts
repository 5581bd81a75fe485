import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';

@InputType()
export class RevokeSessionInput {
  @Field(() => ID, { description: 'A sessionId from `sessions`.' }) @IsString() @Length(1, 100) sessionId!: string;
}
