import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, Matches } from 'class-validator';

@InputType()
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'The id inside `idk_<keyId>_<secret>` (16 hex characters).' })
  @IsString()
  @Matches(/^[0-9a-f]{16}$/, { message: 'keyId must be 16 hex characters' })
  keyId!: string;
}
