import { Field, ID, ObjectType } from '@nestjs/graphql';
import { IntegrationEvent, MfaEnabledData } from '@identity/domain';
import { ProtectionSceneEnum, VerificationMethodEnum } from '../graphql/graphql-enums';
import { JsonScalar } from '../graphql/json.scalar';

@ObjectType('SecurityEvent', { description: 'An integration event, a CloudEvent 1.0 (docs/events.md).' })
export class SecurityEventModel {
  @Field() specversion!: string;
  @Field(() => ID, { description: 'Unique with `source`; the same on every replay (deduplicate by it).' }) id!: string;
  @Field() source!: string;
  @Field({ description: 'e.g. identity.mfa.enabled.v1' }) type!: string;
  @Field({ description: 'The account id.' }) subject!: string;
  @Field(() => Date) time!: Date;
  @Field() datacontenttype!: string;
  @Field({ description: 'The store position of its domain event: pass it as `afterPosition` to resume after it.' }) position!: string;
  @Field(() => ID, { nullable: true, description: "A RAM user's event: its primary account's id; null on a primary account's." })
  primaryaccountid!: string | null;
  @Field(() => JsonScalar, { description: "The type's data (docs/events.md has its JSON Schema)." }) data!: unknown;

  static of(event: IntegrationEvent): SecurityEventModel {
    return Object.assign(new SecurityEventModel(), {
      ...event,
      time: new Date(event.time),
      primaryaccountid: event.primaryaccountid ?? null,
    });
  }
}

@ObjectType('MfaEnabledEvent', { description: 'An account now needs a second factor (identity.mfa.enabled.v1).' })
export class MfaEnabledEventModel {
  @Field(() => ID) eventId!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => ID, { nullable: true, description: "A RAM user's primary account; null when the account is a primary account." })
  primaryAccountId!: string | null;
  @Field(() => VerificationMethodEnum) method!: VerificationMethodEnum;
  @Field(() => [ProtectionSceneEnum]) scenes!: ProtectionSceneEnum[];
  @Field(() => Date) occurredAt!: Date;
  @Field() position!: string;

  static of(event: IntegrationEvent<'identity.mfa.enabled.v1'>): MfaEnabledEventModel {
    const data: MfaEnabledData = event.data;
    return Object.assign(new MfaEnabledEventModel(), {
      eventId: event.id,
      accountId: data.accountId,
      primaryAccountId: event.primaryaccountid ?? null,
      method: data.method as VerificationMethodEnum,
      scenes: data.scenes as ProtectionSceneEnum[],
      occurredAt: new Date(event.time),
      position: event.position,
    });
  }
}
