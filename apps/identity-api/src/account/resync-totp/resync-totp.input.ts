import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, Length, Matches } from 'class-validator';

@InputType()
export class ResyncTotpInput {
  @Field(() => ID) @IsString() @Length(1, 100) authenticatorId!: string;
  @Field({ description: 'A code the authenticator shows now.' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code1 must be 6 digits' })
  code1!: string;
  @Field({ description: 'The very next code it shows (wait for code1 to change).' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code2 must be 6 digits' })
  code2!: string;
}
