import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiKeyStatus, apiKeyStatus, Instant } from '@identity/domain';
import { ApiKeySummary } from '@identity/read-models';

export enum ApiKeyStatusEnum {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(ApiKeyStatusEnum, { name: 'ApiKeyStatus', description: 'Whether a key authenticates now.' });

@ObjectType('ApiKey', { description: 'An API key as an admin sees it: never its secret or a hash of it.' })
export class ApiKeyModel {
  @Field(() => ID, { description: 'The id inside `idk_<keyId>_<secret>`.' }) keyId!: string;
  @Field() name!: string;
  @Field({ description: 'auditor, integrator or admin.' }) role!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Null: it never expires.' }) expiresAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => ApiKeyStatusEnum) status!: ApiKeyStatusEnum;

  static of(key: ApiKeySummary, now: Instant): ApiKeyModel {
    const status: ApiKeyStatus = apiKeyStatus({ ...key, exists: true, secretHash: null }, now);
    return {
      keyId: key.keyId,
      name: key.name ?? '',
      role: key.role ?? '',
      createdAt: new Date(key.createdAt ?? 0),
      expiresAt: key.expiresAt === null ? null : new Date(key.expiresAt),
      revokedAt: key.revokedAt === null ? null : new Date(key.revokedAt),
      status: ApiKeyStatusEnum[status],
    };
  }
}
