import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsString } from 'class-validator';
import { IsAcceptablePassword } from '../password-policy';
import { RamUserTargetInput } from '../ram-user-target.input';

@InputType()
export class SetRamUserPasswordInput extends RamUserTargetInput {
  @Field({ description: '8 to 256 characters; common, breached and trivially guessed passwords are refused.' })
  @IsString()
  @IsAcceptablePassword()
  password!: string;

  @Field({ defaultValue: false, description: 'The user must choose a new password at its next logon.' })
  @IsBoolean()
  passwordResetRequired!: boolean;
}
