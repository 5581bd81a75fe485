import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess } from '../support/app-process';
import { errorCodes, gql } from '../support/graphql-client';
import { newAccountDetails } from '../support/protected-account';

const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { status } }';
const REGISTER = 'mutation($i: RegisterAccountInput!) { registerAccount(input: $i) { accountId } }';

/** Fills the file system of `dir` with one file until it refuses more; returns the file. */
function fillDisk(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return file;
}

/**
 * Issue 13: DATA_DIR on a small file system that fills up. Writes answer UNAVAILABLE (nothing half
 * written), /health says 503 naming the event store, and once space is back the same process writes
 * again. Needs root to mount a tmpfs (this machine and CI run as root).
 */
describe('a full disk under DATA_DIR', () => {
  let mountPoint: string;
  let app: AppProcess;
  const account = newAccountDetails();

  beforeAll(async () => {
    mountPoint = mkdtempSync(join(tmpdir(), 'identity-small-disk-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=12m', 'tmpfs', mountPoint]);
    app = await AppProcess.start({ env: { DATA_DIR: join(mountPoint, 'data'), AUDIT_DIGEST_INTERVAL_SECONDS: '86400' } });
    const registered = await gql(app.graphqlUrl, REGISTER, { i: account });
    expect(registered.body.errors).toBeUndefined();
  });

  afterAll(async () => {
    await app?.dispose();
    execFileSync('umount', ['-l', mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('answers UNAVAILABLE and 503 while full, and writes again by itself once space is freed', async () => {
    const login = () => gql(app.graphqlUrl, LOGIN, { i: { loginName: account.loginName, password: account.password } });
    const filler = fillDisk(mountPoint);
    try {
      const refused = await login();
      expect(errorCodes(refused)).toEqual(['UNAVAILABLE']);
      const registration = await gql(app.graphqlUrl, REGISTER, { i: newAccountDetails() });
      expect(errorCodes(registration)).toEqual(['UNAVAILABLE']);
      const health = await fetch(`${app.baseUrl}/health`);
      expect(health.status).toBe(503);
    } finally {
      rmSync(filler);
    }
    const again = await login();
    expect(again.body).toEqual({ data: { login: { status: 'SUCCEEDED' } } });
    expect((await fetch(`${app.baseUrl}/health`)).status).toBe(200);
    expect(statSync(join(mountPoint, 'data', 'events.db-wal'), { throwIfNoEntry: false })?.size ?? 0).toBeLessThan(8 * 1024 * 1024);
  });
});
