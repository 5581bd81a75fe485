import { ApolloServerPlugin, BaseContext, GraphQLRequestContext, GraphQLResponse, HeaderMap } from '@apollo/server';
import { GraphQLFormattedError } from 'graphql';
import { CodeHasher, RecordSeal } from '@identity/security';
import { actorOf, RequestContext } from '../auth/principal';
import { ApiErrorCode } from '../graphql/api-error';
import { IdempotentAnswerStore } from './idempotent-answer.store';
import { IDEMPOTENCY_KEY_HEADER, isAnswerToKeep, isWellFormedIdempotencyKey, requestFingerprint } from './idempotency-key';

type Single = Extract<GraphQLResponse['body'], { kind: 'single' }>['singleResult'];

const refusal = (code: ApiErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLResponse => ({
  http: { status: undefined, headers: new HeaderMap() },
  body: { kind: 'single', singleResult: { errors: [{ message, extensions: { ...extensions, code } }] } },
});

/**
 * `Idempotency-Key` on a mutation (as Stripe and the IETF draft use it): the first request with a key
 * runs and its answer is kept (sealed) for IDEMPOTENCY_TTL_SECONDS; a retry with the same key and the
 * same request gets that answer again, marked `Idempotent-Replayed: true`, and nothing runs twice. The
 * same key with another request is IDEMPOTENCY_KEY_REUSED; while the first is still running,
 * IDEMPOTENCY_KEY_IN_USE with retryAfter. Keys belong to their caller (session account, API key, or
 * anonymous). An answer that says the service could not decide (UNAVAILABLE, CONFLICT, …) is not kept.
 */
export function idempotencyPlugin(store: IdempotentAnswerStore, seal: RecordSeal, codes: CodeHasher): ApolloServerPlugin {
  return {
    requestDidStart: () => {
      let claimedKeyId: string | null = null;
      return Promise.resolve({
        responseForOperation: async (request: GraphQLRequestContext<BaseContext>) => {
          const key = request.request.http?.headers.get(IDEMPOTENCY_KEY_HEADER);
          if (key === undefined || request.operation?.operation !== 'mutation') return null;
          if (!isWellFormedIdempotencyKey(key))
            return refusal('BAD_USER_INPUT', 'Idempotency-Key: must be 1 to 255 visible ASCII characters');
          const keyId = codes.hash(
            'idempotency-key',
            `${actorOf((request.contextValue as RequestContext).principal) ?? 'anonymous'}\n${key}`,
          );
          const claim = await store.claim(keyId, requestFingerprint(request.request)).catch(() => null);
          if (claim === null)
            return refusal('UNAVAILABLE', 'idempotency keys cannot be checked right now; try again shortly', { retryAfter: 1 });
          switch (claim.kind) {
            case 'claimed':
              claimedKeyId = keyId;
              return null;
            case 'answered':
              return replay(claim.sealedAnswer, (sealed) => seal.open(keyId, sealed));
            case 'in-flight':
              return refusal('IDEMPOTENCY_KEY_IN_USE', 'a request with this Idempotency-Key is still running; try again shortly', {
                retryAfter: 1,
              });
            case 'other-request':
              return refusal('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another request');
          }
        },
        willSendResponse: async ({ response }) => {
          const keyId = claimedKeyId;
          if (keyId === null) return;
          claimedKeyId = null;
          const answer = response.body.kind === 'single' ? response.body.singleResult : null;
          const answered = (answer?.errors ?? []).map((error: GraphQLFormattedError) => String(error.extensions?.code));
          // Kept or released after the answer is decided; a failure here leaves a claim that expires as abandoned.
          await (
            answer && isAnswerToKeep(answered)
              ? store.answer(keyId, seal.seal(keyId, JSON.stringify({ data: answer.data, errors: answer.errors })))
              : store.release(keyId)
          ).catch(() => undefined);
        },
      });
    },
  };
}

/** The kept answer again; one that no longer opens (another master key) is not guessed at. */
function replay(sealedAnswer: string, open: (sealed: string) => string): GraphQLResponse {
  let answer: Single;
  try {
    answer = JSON.parse(open(sealedAnswer)) as Single;
  } catch {
    return refusal('UNAVAILABLE', 'the answer kept for this Idempotency-Key cannot be read; use a new key');
  }
  const body: Single = answer.errors ? { data: answer.data, errors: answer.errors } : { data: answer.data };
  return {
    http: { status: undefined, headers: new HeaderMap([['idempotent-replayed', 'true']]) },
    body: { kind: 'single', singleResult: body },
  };
}
