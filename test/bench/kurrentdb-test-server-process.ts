/**
 * The KurrentDB test server in a process of its own, as a real server runs: its heap (every stored
 * event) and its garbage collection then do not land in the measured client. Started by
 * `startTestServerProcess`; sends `{ connectionString }` to its parent and runs until disconnected.
 */
import { fork } from 'node:child_process';
import { KurrentDbTestServer } from '../kurrentdb-test-server';

export interface TestServerProcess {
  connectionString: string;
  stop(): Promise<void>;
}

export function startTestServerProcess(): Promise<TestServerProcess> {
  const child = fork(__filename, ['--serve'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the test server process ended early (${code})`)));
    child.once('message', (message: { connectionString: string }) => {
      resolve({
        connectionString: message.connectionString,
        stop: async () => {
          child.disconnect();
          await exited;
        },
      });
    });
  });
}

async function serve(): Promise<void> {
  const server = await KurrentDbTestServer.start();
  process.once('disconnect', () => {
    void server.stop({ subscriptions: 'abort' }).then(() => process.exit(0));
  });
  process.send?.({ connectionString: server.connectionString });
}

if (require.main === module && process.argv.includes('--serve')) void serve();
