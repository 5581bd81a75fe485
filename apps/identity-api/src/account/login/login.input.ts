import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Length } from 'class-validator';

@InputType()
export class LoginInput {
  /** A RAM user's whole name `name@alias` is up to 32 + 1 + 64 characters. */
  @Field() @IsString() @Length(1, 97) loginName!: string;
  @Field() @IsString() @Length(1, 256) password!: string;
  @Field({
    nullable: true,
    description:
      'The token a completeLogin or completeEnrollment with `rememberDevice: true` returned: while it is valid, ' +
      'the logon skips its second factor (docs/security.md). An unknown, expired or revoked one is ignored.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  rememberedDeviceToken?: string;
}
