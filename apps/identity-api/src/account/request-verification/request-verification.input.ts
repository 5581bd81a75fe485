import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { VerificationChannelEnum, VerificationPurposeEnum } from '../../graphql/graphql-enums';
import { IdentityVerification } from '../enable-protection/enable-protection.input';

@InputType()
export class RequestVerificationInput {
  @Field(() => VerificationChannelEnum, { description: "Where the code goes: the account's own phone (SMS) or email." })
  @IsEnum(VerificationChannelEnum)
  verifyBy!: VerificationChannelEnum;

  @Field(() => VerificationPurposeEnum, { description: 'What the verified code will be good for, and for nothing else.' })
  @IsEnum(VerificationPurposeEnum)
  purpose!: VerificationPurposeEnum;
}

@ObjectType()
export class RequestVerificationPayload {
  @Field(() => IdentityVerification, { description: 'Pass its verificationId and the code sent to verifyIdentity.' })
  verification!: IdentityVerification;
}
