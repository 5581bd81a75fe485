import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsString, Length } from 'class-validator';
import { VerificationChannelEnum } from '../../graphql/graphql-enums';
import { IdentityVerification } from '../enable-protection/enable-protection.input';

@InputType()
export class RequestPasswordResetInput {
  @Field() @IsString() @Length(1, 64) loginName!: string;

  @Field(() => VerificationChannelEnum, { description: "Where the code goes: the account's own phone (SMS) or email." })
  @IsEnum(VerificationChannelEnum)
  verifyBy!: VerificationChannelEnum;
}

@ObjectType()
export class RequestPasswordResetPayload {
  @Field(() => IdentityVerification, {
    description:
      'The same whether the name exists or not: pass its verificationId, the code and the new password to resetPassword. ' +
      '`maskedDestination` names only the channel (it reveals nothing of the account).',
  })
  verification!: IdentityVerification;
}
