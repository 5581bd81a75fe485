import { Field, InputType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';

@InputType()
export class LoginInput {
  @Field() @IsString() @Length(1, 64) loginName!: string;
  @Field() @IsString() @Length(1, 256) password!: string;
}
