import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';

@InputType()
export class CompleteEnrollmentInput {
  @Field(() => ID, { description: 'The enrollmentId of the MFA_ENROLLMENT_REQUIRED answer.' })
  @IsString()
  @Length(1, 200)
  enrollmentId!: string;
  @Field({ description: 'A code the authenticator shows now.' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code1 must be 6 digits' })
  code1!: string;
  @Field({ description: 'The very next code it shows (wait for code1 to change).' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code2 must be 6 digits' })
  code2!: string;
  @Field({ nullable: true, description: 'Remember this device, as completeLogin does.' })
  @IsOptional()
  @IsBoolean()
  rememberDevice?: boolean;
}
