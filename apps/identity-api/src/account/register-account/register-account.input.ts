import { Field, InputType, ObjectType, ID } from '@nestjs/graphql';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsAcceptablePassword } from '../password-policy';
import { IsSingleScriptLoginName } from '../login-name-scripts';

@InputType()
export class RegisterAccountInput {
  @Field()
  @IsString()
  @Length(3, 64)
  @Matches(/^[\p{L}\p{N}._@+-]+$/u, { message: 'loginName may hold letters, digits and . _ @ + - only' })
  @IsSingleScriptLoginName()
  loginName!: string;

  @Field({ description: '8 to 256 characters; common, breached and trivially guessed passwords are refused.' })
  @IsString()
  @IsAcceptablePassword()
  password!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @Field({ nullable: true, description: 'E.164, e.g. +8613812345678.' })
  @IsOptional()
  @IsString()
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'phone must be in E.164 form, e.g. +8613812345678' })
  phone?: string;
}

@ObjectType()
export class RegisterAccountPayload {
  @Field(() => ID) accountId!: string;
}
