import { spawn } from 'node:child_process';
import { findFreePort } from '../../support/app-process';

/** The floor of any HTTP row: bare `node:http` in a process of its own, answering every POST with fixed JSON. */
export async function startBareHttp(answer: unknown): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await findFreePort();
  const body = JSON.stringify(answer);
  const script = `const http = require('node:http'); const body = ${JSON.stringify(body)};
    http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json',
    'content-length': Buffer.byteLength(body) }); res.end(body); }); }).listen(${port}, '127.0.0.1', () => process.stdout.write('up'));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the bare HTTP server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
