import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsAcceptablePassword } from '../password-policy';
import { IsSingleScriptLoginName } from '../login-name-scripts';
import { RamUserModel } from '../../ram-users/ram-user.model';

@InputType()
export class CreateRamUserInput {
  @Field({ description: 'The name within the primary account, without `@`: the user logs on as `name@alias` (docs/api.md).' })
  @IsString()
  @Length(1, 32)
  @Matches(/^[\p{L}\p{N}._+-]+$/u, { message: 'loginName may hold letters, digits and . _ + - only' })
  @IsSingleScriptLoginName()
  loginName!: string;

  @Field({ description: '8 to 256 characters; common, breached and trivially guessed passwords are refused.' })
  @IsString()
  @IsAcceptablePassword()
  password!: string;

  @Field({ nullable: true, description: 'Shown to the primary account; the login name when not given.' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  displayName?: string;

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

  @Field({ defaultValue: false, description: 'Its logon needs a second factor (enrolled at its first logon).' })
  @IsBoolean()
  mfaRequired!: boolean;

  @Field({ defaultValue: false, description: 'Its first logon must choose a new password.' })
  @IsBoolean()
  passwordResetRequired!: boolean;
}

@ObjectType()
export class CreateRamUserPayload {
  @Field(() => RamUserModel) ramUser!: RamUserModel;
}
