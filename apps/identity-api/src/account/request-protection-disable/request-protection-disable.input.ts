import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { VerificationChannelEnum } from '../../graphql/graphql-enums';
import { IdentityVerification } from '../enable-protection/enable-protection.input';

@InputType()
export class RequestProtectionDisableInput {
  @Field(() => VerificationChannelEnum, { description: 'Where the code that confirms turning protection off goes.' })
  @IsEnum(VerificationChannelEnum)
  verifyBy!: VerificationChannelEnum;
}

@ObjectType()
export class RequestProtectionDisablePayload {
  @Field(() => IdentityVerification, { description: 'Pass its verificationId and the code sent to disableProtection.' })
  verification!: IdentityVerification;
}
