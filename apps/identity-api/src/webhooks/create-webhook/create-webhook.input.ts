import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length } from 'class-validator';

@InputType()
export class CreateWebhookInput {
  @Field({ description: 'http(s) URL the events are POSTed to.' }) @IsString() @Length(1, 2000) url!: string;
  @Field(() => [String], { description: 'Integration event types to deliver (docs/events.md), e.g. identity.mfa.enabled.v1.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  eventTypes!: string[];
}
