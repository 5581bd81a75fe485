import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { postWebhook } from './webhook-http-sender';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

describe('postWebhook', () => {
  let server: Server;
  let handler: Handler;
  let url: string;
  const send = (allowPrivateNetworks = true, timeoutMs = 2000) =>
    postWebhook(url, { 'content-type': 'application/json', 'webhook-id': 'evt-1' }, '{"a":1}', { timeoutMs, allowPrivateNetworks });

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('posts the body and headers and reports a 2xx as delivered', async () => {
    let seen: { headers: IncomingMessage['headers']; body: string; method?: string } | null = null;
    handler = (req, res, body) => {
      seen = { headers: req.headers, body, method: req.method };
      res.writeHead(204).end();
    };
    expect(await send()).toEqual({ ok: true, status: 204 });
    expect(seen).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { 'webhook-id': 'evt-1', 'content-type': 'application/json' } });
  });

  it.each([
    [500, true],
    [503, true],
    [429, true],
    [408, true],
    [400, false],
    [404, false],
    [410, false],
    [301, false],
  ])('reports HTTP %i as a failure, retryable: %s', async (status, retryable) => {
    handler = (_req, res) => res.writeHead(status, status === 301 ? { location: 'http://127.0.0.1:1/' } : {}).end();
    expect(await send()).toEqual({ ok: false, retryable, status, reason: `HTTP ${status}`, retryAfterMs: null });
  });

  it('reads Retry-After in seconds', async () => {
    handler = (_req, res) => res.writeHead(429, { 'retry-after': '7' }).end();
    expect(await send()).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 });
  });

  it('gives up on a receiver that does not answer in time, as a retryable failure', async () => {
    handler = () => undefined;
    expect(await send(true, 150)).toEqual({ ok: false, retryable: true, status: null, reason: 'timeout after 150 ms', retryAfterMs: null });
  });

  it('reports a refused connection as retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await postWebhook(`http://127.0.0.1:${port}/`, {}, '{}', { timeoutMs: 2000, allowPrivateNetworks: true });
    expect(outcome).toMatchObject({ ok: false, retryable: true, reason: 'connection refused' });
  });

  it('refuses private destinations unless allowed, by address and by host name, without sending', async () => {
    let requests = 0;
    handler = (_req, res) => {
      requests += 1;
      res.writeHead(200).end();
    };
    expect(await send(false)).toMatchObject({ ok: false, retryable: false, reason: 'address not allowed (private network)' });
    const byName = await postWebhook(url.replace('127.0.0.1', 'localhost'), {}, '{}', { timeoutMs: 2000, allowPrivateNetworks: false });
    expect(byName).toMatchObject({ ok: false, retryable: false, reason: 'address not allowed (private network)' });
    expect(requests).toBe(0);
  });
});
