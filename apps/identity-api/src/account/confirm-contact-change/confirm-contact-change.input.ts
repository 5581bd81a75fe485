import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { VerificationChannelEnum } from '../../graphql/graphql-enums';

@InputType()
export class ConfirmContactChangeInput {
  @Field(() => ID, { description: 'From changePhone or changeEmail.' }) @IsString() @Length(1, 100) verificationId!: string;

  @Field({ description: 'The 6-digit code sent to the new destination.' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'The code sent to the current destination, when currentVerification was set.' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'currentCode must be 6 digits' })
  currentCode?: string | null;
}

@ObjectType()
export class ConfirmContactChangePayload {
  @Field(() => VerificationChannelEnum, { description: 'SMS: the phone changed; EMAIL: the email changed.' })
  channel!: VerificationChannelEnum;
  @Field({ description: 'The new destination, masked.' }) maskedDestination!: string;
}
