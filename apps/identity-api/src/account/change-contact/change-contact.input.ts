import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsString, Matches, MaxLength } from 'class-validator';
import { IdentityVerification } from '../enable-protection/enable-protection.input';

@InputType()
export class ChangePhoneInput {
  @Field({ description: 'The new phone number, E.164, e.g. +8613812345678.' })
  @IsString()
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'phone must be in E.164 form, e.g. +8613812345678' })
  phone!: string;
}

@InputType()
export class ChangeEmailInput {
  @Field({ description: 'The new email address.' })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;
}

@ObjectType()
export class ChangeContactPayload {
  @Field(() => IdentityVerification, { description: 'The code sent to the NEW destination; confirm with confirmContactChange.' })
  verification!: IdentityVerification;

  @Field(() => IdentityVerification, {
    nullable: true,
    description:
      'Set when the current destination carries the protection codes (SMS/EMAIL method): a second code went there; send it as currentCode.',
  })
  currentVerification!: IdentityVerification | null;
}
