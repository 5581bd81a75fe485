import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, Length, Matches } from 'class-validator';
import { AccountSecurityModel } from '../../account-security/account-security.model';

@InputType()
export class BindTotpInput {
  @Field(() => ID) @IsString() @Length(1, 100) enrollmentId!: string;
  @Field({ description: 'The 6-digit code the authenticator shows.' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}

@ObjectType()
export class BindTotpPayload {
  @Field(() => AccountSecurityModel) security!: AccountSecurityModel;
  @Field(() => [String], {
    description:
      'The one-time recovery codes, shown only here and only once: by the binding that turns TOTP protection on (10 codes); empty on later bindings.',
  })
  recoveryCodes!: string[];
}
