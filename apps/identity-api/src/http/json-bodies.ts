import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable, Transform } from 'node:stream';
import { HttpException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/** The largest request body read (HTTP), after decompression; a larger one is answered 413 (docs/security.md). */
export const HTTP_BODY_LIMIT_BYTES = 64 * 1024;

const JSON_TYPE = /^application\/json\s*(;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/** Answered `{ statusCode, message }`, as body-parser's refusals were, and not logged as a fault. */
const httpError = (statusCode: number, message: string) => new HttpException(message, statusCode);

/**
 * Request bodies are read as the service read them on Express (body-parser's `json()`): only
 * `application/json` is read, in a UTF charset (else 415), up to the limit, and gzip, deflate or brotli encoded bodies are
 * decompressed; another content type is left unread, so that Apollo answers it (BAD_REQUEST or its
 * CSRF refusal). An empty JSON body is `{}`; one that is not an object or an array, or not JSON, is
 * a SyntaxError with status 400, which Nest answers as Bad Request with the parser's message.
 */
export function readJsonBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJson(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const type = request.headers['content-type'];
    if (typeof type !== 'string' || !JSON_TYPE.test(type)) return done(null, payload);
    const charset = CHARSET.exec(type)?.[1];
    if (charset && !charset.toLowerCase().startsWith('utf-')) return done(httpError(415, `unsupported charset "${charset.toUpperCase()}"`));
    const encoding = request.headers['content-encoding']?.toLowerCase() ?? 'identity';
    if (encoding === 'identity') return done(null, payload);
    try {
      done(null, decoded(payload, encoding));
    } catch (error) {
      done(error as Error);
    }
  });
}

/** body-parser's strict JSON: `{}` for an empty body, and only an object or an array at the top. */
export function parseJson(body: string): unknown {
  if (body.length === 0) return {};
  const first = /^[ \t\n\r]*([^ \t\n\r]|$)/.exec(body)?.[1];
  if (first !== '{' && first !== '[') throw strictViolation(body, first ?? '');
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw Object.assign(error as SyntaxError, { status: 400 });
  }
}

/** The message JSON.parse gives at the first character, as body-parser words a strict violation. */
function strictViolation(body: string, first: string): SyntaxError {
  const index = first === '' ? -1 : body.indexOf(first);
  const partial = index === -1 ? '' : body.slice(0, index) + '#'.repeat(body.length - index);
  try {
    JSON.parse(partial);
    return Object.assign(new SyntaxError('strict violation'), { status: 400 });
  } catch (error) {
    const message = (error as SyntaxError).message.replace(/#+/g, (placeholder) => body.slice(index, index + placeholder.length));
    return Object.assign(new SyntaxError(message), { status: 400 });
  }
}

/** The decompressed body; Fastify checks the limit against what it yields and the encoded bytes against Content-Length. */
function decoded(payload: Readable, encoding: string): Transform & { receivedEncodedLength: number } {
  const stream = Object.assign(decompression(encoding), { receivedEncodedLength: 0 });
  payload.on('data', (chunk: Buffer) => void (stream.receivedEncodedLength += chunk.length));
  payload.on('error', (error) => stream.destroy(error));
  return payload.pipe(stream);
}

function decompression(encoding: string): Transform {
  if (encoding === 'gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  if (encoding === 'br') return createBrotliDecompress();
  throw httpError(415, `unsupported content encoding "${encoding}"`);
}
