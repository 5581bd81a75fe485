import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { storage } from 'nestjs-pino/storage';
import { Logger, pino } from 'pino';
import { pathOf, requestLevel, requestLogging } from './request-logging';

type Middleware = ReturnType<typeof requestLogging>;
type IncomingMessage = Parameters<Middleware>[0];
type ServerResponse = Parameters<Middleware>[1];

describe('the level of a request log line', () => {
  const at = (status: number, codes: string[] = [], path = '/graphql', failed = false) => requestLevel({ path, status, codes, failed });

  it('logs answers a client can act on at info', () => {
    expect(at(200)).toBe('info');
    expect(at(200, ['INVALID_CREDENTIALS'])).toBe('info');
    expect(at(200, ['OPERATION_LIMIT_EXCEEDED', 'RATE_LIMITED'])).toBe('info');
    expect(at(400, ['BAD_USER_INPUT'])).toBe('info');
  });

  it('logs a dependency that is down at warn', () => {
    expect(at(200, ['UNAVAILABLE'])).toBe('warn');
    expect(at(503, [], '/health')).toBe('warn');
  });

  it('logs a fault of the service at error', () => {
    expect(at(200, ['INVALID_CODE', 'INTERNAL_SERVER_ERROR'])).toBe('error');
    expect(at(500)).toBe('error');
    expect(at(200, [], '/graphql', true)).toBe('error');
  });

  it('keeps passing health probes out of the info log', () => {
    expect(at(200, [], '/health')).toBe('debug');
  });
});

describe('the logged path', () => {
  it('drops the query string, where a GraphQL GET carries its variables', () => {
    expect(pathOf('/graphql?query=x&variables={"password":"p"}')).toBe('/graphql');
    expect(pathOf(undefined)).toBe('/');
  });
});

describe('the request-logging hook', () => {
  const capture = () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        callback();
      },
    });
    return { lines, logger: pino({ level: 'info' }, sink) };
  };
  const exchange = (url: string, headers: Record<string, string> = {}) => {
    const req = Object.assign(new EventEmitter(), { method: 'POST', url, headers }) as unknown as IncomingMessage & { log?: Logger };
    const sent: Record<string, string> = {};
    const res = Object.assign(new EventEmitter(), {
      statusCode: 200,
      setHeader: (name: string, value: string) => void (sent[name] = value),
    }) as unknown as ServerResponse;
    return { req, res, sent };
  };
  const flush = () => new Promise((resolve) => setImmediate(resolve));

  it('writes one line per answer, with the correlation id it echoes, the path without its query and the status', async () => {
    const { lines, logger } = capture();
    const { req, res, sent } = exchange('/graphql?variables=secret', { 'x-correlation-id': 'req-1' });
    let nextCalled = false;
    requestLogging(logger)(req, res, () => void (nextCalled = true));
    expect(nextCalled).toBe(true);
    expect(sent['x-correlation-id']).toBe('req-1');
    res.emit('finish');
    res.emit('close');
    await flush();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      correlationId: 'req-1',
      req: { method: 'POST', path: '/graphql' },
      res: { status: 200 },
      msg: 'POST /graphql 200',
    });
    expect(typeof lines[0]?.ms).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it("gives the request a logger whose lines carry the request's correlation id", async () => {
    const { lines, logger } = capture();
    const { req, res } = exchange('/graphql', { 'x-correlation-id': 'req-2' });
    requestLogging(logger)(req, res, () => {
      req.log?.warn('during the request');
      void Promise.resolve().then(() => storage.getStore()?.logger.warn('later, through nestjs-pino'));
    });
    await flush();
    expect(lines).toEqual([
      expect.objectContaining({ correlationId: 'req-2', msg: 'during the request' }),
      expect.objectContaining({ correlationId: 'req-2', msg: 'later, through nestjs-pino' }),
    ]);
  });

  it('logs an answer that failed at error, with its error, and a passing health probe not at info', async () => {
    const { lines, logger } = capture();
    const failed = exchange('/graphql');
    requestLogging(logger)(failed.req, failed.res, () => undefined);
    failed.res.emit('error', new Error('socket broke'));
    const probe = exchange('/health');
    requestLogging(logger)(probe.req, probe.res, () => undefined);
    probe.res.emit('finish');
    await flush();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, msg: 'POST /graphql 200 failed', err: { message: 'socket broke' } });
  });
});
