import { Field, InputType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { IsAcceptablePassword } from '../password-policy';

@InputType()
export class ChangePasswordInput {
  @Field() @IsString() @Length(1, 256) currentPassword!: string;
  @Field({ description: 'Checked like a registration password (length, not common or breached).' })
  @IsString()
  @IsAcceptablePassword()
  newPassword!: string;
}
