import { KurrentDbTestServer } from '../kurrentdb-test-server';
import { startAppForSuite } from '../support/app-for-suite';
import { bearer, postRaw, RawResponse } from '../support/graphql-client';
import { eventually } from '../support/polling';
import { registerAndLogin } from '../support/protected-account';
import { newRamUserPassword, RAM_USER_DOCUMENTS, ramUsers } from '../support/ram-users-client';

interface Answer {
  data?: { createRamUser?: unknown } | null;
  errors?: { extensions?: { code?: string; retry?: boolean; writes?: { streamId: string; eventIds: string[]; position: string }[] } }[];
}

// Issue 13, item 2: a mutation whose events the store acknowledged is never answered as a failure a
// client would retry. Here the event store (KurrentDB) goes down the moment it has confirmed the new
// RAM user's account events, before createRamUser's last step (reading the membership) can run.
describe('a write acknowledged by the store, then the store lost', () => {
  let server: KurrentDbTestServer;
  beforeAll(async () => {
    server = await KurrentDbTestServer.start();
  });
  const suite = startAppForSuite(() => ({
    env: { EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: server.connectionString },
  }));
  afterAll(async () => {
    await server?.stop();
  });

  it('answers WRITE_ACKNOWLEDGED with the ids; the same request with its Idempotency-Key gets that answer again, nothing written twice', async () => {
    const primary = await registerAndLogin(suite.api);
    const input = { loginName: 'ack', password: newRamUserPassword(), mfaRequired: false };
    const headers = { ...bearer(primary.token), 'idempotency-key': `ack-${primary.accountId}` };
    const create = (extra: Record<string, string>): Promise<RawResponse> =>
      postRaw(suite.app.graphqlUrl, JSON.stringify({ query: RAM_USER_DOCUMENTS.createRamUser, variables: { input } }), extra);
    const isNewUsersAccount = (streamId: string, types: readonly string[]) =>
      streamId.startsWith('account-') && streamId !== `account-${primary.accountId}` && types.includes('AccountRegistered');

    const stopped = server.stopAfterAppend(isNewUsersAccount);
    const first = await create(headers);
    await stopped;
    const answer = first.json as Answer;
    expect(answer.data?.createRamUser ?? null).toBeNull();
    expect(answer.errors).toHaveLength(1);
    const { code, retry, writes = [] } = answer.errors?.[0]?.extensions ?? {};
    expect({ code, retry }).toEqual({ code: 'WRITE_ACKNOWLEDGED', retry: false });
    expect(writes).toHaveLength(1);
    const [write] = writes;
    expect(isNewUsersAccount(write?.streamId ?? '', ['AccountRegistered'])).toBe(true);
    // What the answer names is what the store holds.
    const stored = server.events(write?.streamId);
    expect(stored.map((e) => e.id)).toEqual(write?.eventIds);
    expect(stored.map((e) => e.type)).toContain('AccountRegistered');
    expect(first.text).not.toMatch(/Error|at \S+\.js/);

    await server.restart();
    const retried = await create(headers);
    expect(retried.text).toBe(first.text);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(server.events(write?.streamId)).toHaveLength(stored.length);
    // Without the key a retry runs again, and meets the refusal WRITE_ACKNOWLEDGED spares the client.
    const blind = (await create(bearer(primary.token))).json as Answer;
    expect(blind.errors?.map((e) => e.extensions?.code)).toEqual(['LOGIN_NAME_TAKEN']);
    // The RAM user was created, once.
    const listed = await eventually(
      () => ramUsers(suite.api, primary.token),
      (page) => page.edges.length > 0,
    );
    expect(listed.edges.map((e) => e.node.accountId)).toEqual([write?.streamId.slice('account-'.length)]);
  });
});
