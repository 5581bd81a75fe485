import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { RamUserTargetInput } from '../ram-user-target.input';

@InputType()
export class UpdateRamUserInput extends RamUserTargetInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 64) displayName?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() mfaRequired?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() passwordResetRequired?: boolean;
}
