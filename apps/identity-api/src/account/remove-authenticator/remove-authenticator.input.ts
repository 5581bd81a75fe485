import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';

@InputType()
export class RemoveAuthenticatorInput {
  @Field(() => ID) @IsString() @Length(1, 100) authenticatorId!: string;
  @Field({
    nullable: true,
    defaultValue: false,
    description: 'Required (true) to remove the last authenticator of TOTP protection: protection is then turned off with it.',
  })
  @IsOptional()
  @IsBoolean()
  disableProtection?: boolean;
  @Field({ nullable: true, description: 'With disableProtection: a fresh 6-digit code of the authenticator removed.' })
  @ValidateIf((input: RemoveAuthenticatorInput) => input.disableProtection === true || input.code !== undefined)
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits (a TOTP code: turning TOTP protection off needs one)' })
  code?: string;
}
