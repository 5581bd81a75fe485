import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsDate, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ACCOUNT_EVENT_TYPES, ApiKeyEvent, LOGIN_ATTEMPT_EVENT_TYPES, LoginNameEvent, WEBHOOK_EVENT_TYPES } from '@identity/domain';

const LOGIN_NAME_EVENT_TYPES: readonly LoginNameEvent['type'][] = ['LoginNameClaimed'];
const API_KEY_EVENT_TYPES: readonly ApiKeyEvent['type'][] = ['ApiKeyCreated'];

/** Every event type the trail may hold: the names a `types` filter accepts. */
export const AUDIT_EVENT_TYPES: readonly string[] = [
  ...ACCOUNT_EVENT_TYPES,
  ...LOGIN_NAME_EVENT_TYPES,
  ...API_KEY_EVENT_TYPES,
  ...LOGIN_ATTEMPT_EVENT_TYPES,
  ...WEBHOOK_EVENT_TYPES,
];

export const MAX_TYPES_IN_FILTER = 50;

@InputType('AuditFilter', { description: 'Narrows the audit trail; every field given must hold (AND).' })
export class AuditFilterInput {
  @Field(() => ID, { nullable: true, description: "One account's events. A person may omit it: their own account." })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  accountId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only these event types (e.g. "PasswordCheckFailed"); at most 50.' })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_TYPES_IN_FILTER)
  @IsIn(AUDIT_EVENT_TYPES, { each: true, message: 'each value must be a known event type' })
  types?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'Only events that occurred at or after this instant.' })
  @IsOptional()
  @IsDate()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only events that occurred at or before this instant.' })
  @IsOptional()
  @IsDate()
  to?: Date | null;
}
