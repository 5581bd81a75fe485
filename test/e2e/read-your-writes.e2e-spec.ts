import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startAppForSuite } from '../support/app-for-suite';
import { login } from '../support/flow';
import { registerAndLogin } from '../support/protected-account';
import { sessions } from '../support/sessions-client';

/** How long the test holds the read models' write lock: the projections cannot apply meanwhile. */
const HELD_MS = 700;

/**
 * Read-your-writes (docs/api.md): a person's query waits until the read models show what that
 * person's own mutations wrote, so a front end never reads its own change back as not done. The
 * read models are held up on purpose: the test takes SQLite's write lock on `read-models.db`.
 */
describe('a person reads back what they just wrote', () => {
  const suite = startAppForSuite();

  it('lists a session that was just created, although the read models are held up when it is read', async () => {
    const account = await registerAndLogin(suite.api);
    expect(await sessions(suite.api, account.token)).toHaveLength(1);
    const lock = new Database(join(suite.app.dataDir, 'read-models.db'));
    lock.exec('BEGIN EXCLUSIVE');
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      lock.exec('COMMIT');
      lock.close();
    };
    const timer = setTimeout(release, HELD_MS);
    try {
      const second = await login(suite.api, { loginName: account.loginName, password: account.password });
      expect(second.status).toBe('SUCCEEDED');
      const listed = await sessions(suite.api, account.token);
      expect({ sessions: listed.length, lockReleasedBeforeTheAnswer: released }).toEqual({
        sessions: 2,
        lockReleasedBeforeTheAnswer: true,
      });
    } finally {
      clearTimeout(timer);
      release();
    }
  });

  it('does not hold another person, who wrote nothing, while the read models are held up', async () => {
    const writer = await registerAndLogin(suite.api);
    const reader = await registerAndLogin(suite.api);
    expect(await sessions(suite.api, reader.token)).toHaveLength(1);
    const lock = new Database(join(suite.app.dataDir, 'read-models.db'));
    lock.exec('BEGIN EXCLUSIVE');
    try {
      await login(suite.api, { loginName: writer.loginName, password: writer.password });
      expect(await sessions(suite.api, reader.token)).toHaveLength(1);
    } finally {
      lock.exec('COMMIT');
      lock.close();
    }
  });
});
