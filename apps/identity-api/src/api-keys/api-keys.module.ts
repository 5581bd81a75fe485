import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { ListApiKeysResolver } from './list-api-keys/list-api-keys.resolver';
import { RevokeApiKeyHandler } from './revoke-api-key/revoke-api-key.handler';
import { RevokeApiKeyResolver } from './revoke-api-key/revoke-api-key.resolver';

export const API_KEY_RESOLVERS = [ListApiKeysResolver, RevokeApiKeyResolver];

/** API keys for an admin key: listing and revoking (keys are created by the CLI). */
@Module({ imports: [CqrsModule, AuthModule], providers: [RevokeApiKeyHandler, ...API_KEY_RESOLVERS] })
export class ApiKeysModule {}
