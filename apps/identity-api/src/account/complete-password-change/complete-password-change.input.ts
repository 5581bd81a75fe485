import { Field, InputType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { IsAcceptablePassword } from '../password-policy';

@InputType()
export class CompletePasswordChangeInput {
  @Field({ description: 'The ticket of the PASSWORD_CHANGE_REQUIRED answer.' })
  @IsString()
  @Length(1, 200)
  ticket!: string;
  @Field({ description: 'Checked like a registration password (length, not common or breached); must differ from the current one.' })
  @IsString()
  @IsAcceptablePassword()
  newPassword!: string;
}
