import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsEnum, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AccountSecurityModel } from '../../account-security/account-security.model';
import { ProtectionSceneEnum, VerificationMethodEnum } from '../../graphql/graphql-enums';

@InputType()
export class ChangeProtectionInput {
  @Field(() => [ProtectionSceneEnum], { description: 'The scenes to protect from now on.' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(10)
  @IsEnum(ProtectionSceneEnum, { each: true })
  scenes!: ProtectionSceneEnum[];

  @Field(() => VerificationMethodEnum, {
    description: 'The second factor from now on: TOTP (an authenticator must be bound), or SMS/EMAIL to a proven destination.',
  })
  @IsEnum(VerificationMethodEnum)
  method!: VerificationMethodEnum;

  @Field(() => ID, {
    description: 'A requestVerification(purpose: CHANGE_PROTECTION) verified with verifyIdentity; used up by the change.',
  })
  @IsString()
  @Length(1, 100)
  verificationId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'A fresh code from a bound authenticator: required when the change weakens TOTP protection (another method, a scene fewer).',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'totpCode must be 6 digits' })
  totpCode?: string | null;
}

@ObjectType()
export class ChangeProtectionPayload {
  @Field(() => AccountSecurityModel, { description: 'The account security after the change.' })
  security!: AccountSecurityModel;
}
