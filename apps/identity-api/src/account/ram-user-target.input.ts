import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';

/** The RAM user an operation of its primary account acts on. */
@InputType({ isAbstract: true })
export class RamUserTargetInput {
  @Field(() => ID, { description: 'One of your RAM users (any other account: FORBIDDEN).' })
  @IsString()
  @Length(1, 100)
  accountId!: string;
}
