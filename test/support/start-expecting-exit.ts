import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_MAIN, REPO_ROOT } from './app-process';

export interface StartFailure {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/**
 * Starts the built app with `env` and expects it to exit by itself (a start-up error). Without a
 * `DATA_DIR` in `env` it runs on a fresh one, removed afterwards; a given `DATA_DIR` is left as it is.
 */
export function startExpectingExit(env: Record<string, string>): Promise<StartFailure> {
  const ownDataDir = env.DATA_DIR === undefined ? mkdtempSync(join(tmpdir(), 'identity-e2e-start-')) : null;
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NO_COLOR: '1',
      PORT: '0',
      HOST: '127.0.0.1',
      ...(ownDataDir ? { DATA_DIR: ownDataDir } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the app did not exit within 20 s. Log:\n${Buffer.concat(output).toString('utf8')}`));
    }, 20_000);
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
      resolve({ exitCode, signal, output: Buffer.concat(output).toString('utf8') });
    });
  });
}
