import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';

@InputType()
export class UnlockAccountInput {
  @Field(() => ID) @IsString() @Length(1, 100) accountId!: string;
}

@ObjectType()
export class UnlockAccountPayload {
  @Field(() => ID) accountId!: string;
  @Field({ description: 'True when a lock or a count was lifted; false when there was nothing to lift.' }) unlocked!: boolean;
}
