import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Length } from 'class-validator';

@InputType()
export class BeginTotpBindingInput {
  @Field(() => ID, {
    description:
      'A verification that verifyIdentity accepted: from enableProtection(TOTP), or from ' +
      'requestVerification(ADD_AUTHENTICATOR) to add a further authenticator while one is bound.',
  })
  @IsString()
  @Length(1, 100)
  verificationId!: string;

  @Field({ nullable: true, description: 'Your name for the device, e.g. "work phone" (1 to 64 characters); default "Authenticator".' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  name?: string;
}

@ObjectType()
export class TotpEnrollment {
  @Field(() => ID) enrollmentId!: string;
  @Field({ description: 'Base32 (RFC 4648) key for manual entry. Shown once.' }) secret!: string;
  @Field({ description: 'otpauth://totp/… in the Key Uri Format.' }) otpauthUri!: string;
  @Field({ description: 'The URI as a QR code: data:image/png;base64,…' }) qrCodeDataUrl!: string;
  @Field() algorithm!: string;
  @Field(() => Int) digits!: number;
  @Field(() => Int) period!: number;
  @Field(() => Date) expiresAt!: Date;
}
