import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './app-process';

export const CLI_MAIN = join(REPO_ROOT, 'dist/apps/identity-cli/src/main.js');

export interface CliResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (`npm run cli -- <args>`) with the given environment, usually the app's own
 * (`AppProcess.env`) so that it works on the same DATA_DIR and master key.
 */
export async function runCli(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<CliResult> {
  if (!existsSync(CLI_MAIN)) throw new Error(`${CLI_MAIN} does not exist: run \`npm run build\` before the e2e suites`);
  return new Promise<CliResult>((resolveResult, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the CLI (${args.join(' ')}) did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      resolveResult({ exitCode, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

/** A CLI run still going: its output so far, a wait for a line of its stderr, its end, and SIGKILL. */
export interface RunningCli {
  readonly pid: number | undefined;
  stderr(): string;
  /** Resolves once stderr matches `pattern` (rejects if the CLI ends first). */
  waitForStderr(pattern: RegExp): Promise<void>;
  done: Promise<CliResult>;
  kill(): void;
}

/** Starts the built CLI without waiting for it (see runCli), to act while it runs or to kill it half-way. */
export function startCli(args: string[], env: Record<string, string>): RunningCli {
  if (!existsSync(CLI_MAIN)) throw new Error(`${CLI_MAIN} does not exist: run \`npm run build\` before the e2e suites`);
  const child = spawn(process.execPath, [CLI_MAIN, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const watchers: { pattern: RegExp; resolve: () => void; reject: (error: Error) => void }[] = [];
  const text = () => Buffer.concat(stderr).toString('utf8');
  const check = () => {
    for (const watcher of watchers.splice(0)) {
      if (watcher.pattern.test(text())) watcher.resolve();
      else watchers.push(watcher);
    }
  };
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr.push(chunk);
    check();
  });
  const done = new Promise<CliResult>((resolveResult, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => {
      const result = { exitCode, stdout: Buffer.concat(stdout).toString('utf8'), stderr: text() };
      for (const watcher of watchers.splice(0))
        watcher.reject(new Error(`the CLI ended (${exitCode}) before ${watcher.pattern}: ${result.stderr}`));
      resolveResult(result);
    });
  });
  return {
    pid: child.pid,
    stderr: text,
    waitForStderr: (pattern) =>
      new Promise<void>((resolve, reject) => {
        watchers.push({ pattern, resolve, reject });
        check();
      }),
    done,
    kill: () => child.kill('SIGKILL'),
  };
}
