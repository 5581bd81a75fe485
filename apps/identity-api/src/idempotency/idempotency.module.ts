import { Inject, Injectable, Module } from '@nestjs/common';
import type { ApolloServerPlugin } from '@apollo/server';
import { APP_CONFIG, AppConfig } from '@identity/config';
import { READ_MODEL_DB, ReadModelDb } from '@identity/read-models';
import { CodeHasher, RecordSeal } from '@identity/security';
import { IdempotentAnswerStore } from './idempotent-answer.store';
import { idempotencyPlugin } from './idempotency.plugin';

/** A claim without an answer after this long is taken to be from a process that died. */
const ABANDONED_AFTER_SECONDS = 60;

/** The Idempotency-Key plugin, with its answers in the read-model database (docs/api.md, "Retrying mutations"). */
@Injectable()
export class Idempotency {
  readonly plugin: ApolloServerPlugin;

  constructor(@Inject(READ_MODEL_DB) db: ReadModelDb, @Inject(APP_CONFIG) config: AppConfig, seal: RecordSeal, codes: CodeHasher) {
    const store = new IdempotentAnswerStore(db, {
      ttlSeconds: config.idempotencyTtlSeconds,
      abandonedAfterSeconds: ABANDONED_AFTER_SECONDS,
    });
    this.plugin = idempotencyPlugin(store, seal, codes);
  }
}

@Module({ providers: [Idempotency], exports: [Idempotency] })
export class IdempotencyModule {}
