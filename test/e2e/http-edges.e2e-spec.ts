import { gzipSync } from 'node:zlib';
import { startAppForSuite } from '../support/app-for-suite';
import { postRaw } from '../support/graphql-client';

const TRIVIAL = JSON.stringify({ query: '{ __typename }' });

// The HTTP layer's answers that clients see before GraphQL runs, kept as they were on Express (http/service-http-adapter.ts).
describe('HTTP edges', () => {
  const suite = startAppForSuite();
  const send = async (init: RequestInit, path = '/graphql') => {
    const answer = await fetch(`${suite.app.baseUrl}${path}`, init);
    return { status: answer.status, headers: answer.headers, body: (await answer.json()) as unknown };
  };

  it('answers a body over 64 KiB 413 with the status and a message, and nothing else', async () => {
    const answer = await postRaw(suite.app.graphqlUrl, JSON.stringify({ query: `{ __typename }${' '.repeat(70_000)}` }));
    expect(answer.status).toBe(413);
    expect(answer.json).toEqual({ statusCode: 413, message: 'request entity too large' });
  });

  it('refuses a compressed body that inflates past 64 KiB (a gzip bomb) 413, and an unknown encoding 415, and goes on serving', async () => {
    const bomb = gzipSync(JSON.stringify({ query: `{ __typename }${' '.repeat(8 * 1024 * 1024)}` }));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const headers = (encoding: string) => ({ 'content-type': 'application/json', 'content-encoding': encoding });
    expect(await send({ method: 'POST', headers: headers('gzip'), body: bomb })).toMatchObject({
      status: 413,
      body: { statusCode: 413, message: 'request entity too large' },
    });
    expect(await send({ method: 'POST', headers: headers('zstd'), body: TRIVIAL })).toMatchObject({ status: 415 });
    expect(await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: TRIVIAL })).toMatchObject({
      status: 200,
      body: { data: { __typename: 'Query' } },
    });
  });

  it('answers malformed JSON and JSON that is not an object as Bad Request, with the parser message', async () => {
    expect((await postRaw(suite.app.graphqlUrl, '{"query":')).json).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Unexpected end of JSON input',
    });
    expect((await postRaw(suite.app.graphqlUrl, '"just a string"')).json).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('reads a gzip-encoded body, and leaves a body of another content type to Apollo', async () => {
    const zipped = await send({
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(TRIVIAL),
    });
    expect(zipped).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
    const xml = await send({ method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<query/>' });
    expect(xml.status).toBe(400);
    expect(xml.body).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('serves /graphql in any case and with a trailing slash, and answers another method 405', async () => {
    const post = (path: string) => send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: TRIVIAL }, path);
    expect((await post('/graphql/')).status).toBe(200);
    expect((await post('/GraphQL')).status).toBe(200);
    const put = await send({ method: 'PUT', headers: { 'content-type': 'application/json' }, body: TRIVIAL });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    expect(put.body).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
  });
});
