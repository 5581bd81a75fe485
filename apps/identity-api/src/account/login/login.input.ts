import { Field, InputType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';

@InputType()
export class LoginInput {
  /** A RAM user's whole name `name@alias` is up to 32 + 1 + 64 characters. */
  @Field() @IsString() @Length(1, 97) loginName!: string;
  @Field() @IsString() @Length(1, 256) password!: string;
}
