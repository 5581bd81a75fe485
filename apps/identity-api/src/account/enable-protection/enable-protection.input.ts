import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsEnum } from 'class-validator';
import { ProtectionSceneEnum, VerificationChannelEnum, VerificationMethodEnum } from '../../graphql/graphql-enums';

@InputType()
export class EnableProtectionInput {
  @Field(() => [ProtectionSceneEnum], { description: 'Where a second factor will be required.' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(10)
  @IsEnum(ProtectionSceneEnum, { each: true })
  scenes!: ProtectionSceneEnum[];

  @Field(() => VerificationMethodEnum, { description: 'The second factor: TOTP (bind an authenticator next), SMS or EMAIL.' })
  @IsEnum(VerificationMethodEnum)
  method!: VerificationMethodEnum;

  @Field(() => VerificationChannelEnum, { description: 'Where the identity verification code goes now.' })
  @IsEnum(VerificationChannelEnum)
  verifyBy!: VerificationChannelEnum;
}

@ObjectType()
export class IdentityVerification {
  @Field(() => ID) verificationId!: string;
  @Field(() => VerificationChannelEnum) channel!: VerificationChannelEnum;
  @Field({ description: 'Where the code went, masked.' }) maskedDestination!: string;
  @Field(() => Date) expiresAt!: Date;
}

@ObjectType()
export class EnableProtectionPayload {
  @Field(() => IdentityVerification) verification!: IdentityVerification;
}
