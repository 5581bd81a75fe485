import { pathOf, requestLevel } from './request-logging';

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
