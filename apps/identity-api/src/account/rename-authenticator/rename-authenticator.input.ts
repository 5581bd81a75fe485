import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';

@InputType()
export class RenameAuthenticatorInput {
  @Field(() => ID) @IsString() @Length(1, 100) authenticatorId!: string;
  @Field({ description: 'The new name, e.g. "work phone" (1 to 64 characters, trimmed).' }) @IsString() @Length(1, 200) name!: string;
}
