import { spawn } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(__dirname, '../../../apps/identity-cli/src/main.js');
const PEAK_RSS = join(__dirname, '../report-peak-rss.js');

export interface CliRun {
  seconds: number;
  /** The process's own peak resident set size (`maxRSS`, reported on exit by report-peak-rss). */
  peakRssMb: number;
  exitCode: number | null;
  stdoutLines: number;
  stdoutBytes: number;
  lastLine: string;
}

/** Runs the built CLI with the peak-RSS reporter preloaded; stdout is counted, never kept. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', PEAK_RSS, CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdoutLines = 0;
    let stdoutBytes = 0;
    let tail = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      for (const byte of chunk) if (byte === 10) stdoutLines += 1;
      tail = (tail + chunk.toString('utf8')).slice(-2000);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.once('error', reject);
    child.once('close', (exitCode) => {
      const peak = /PEAK_RSS_KB (\d+)/.exec(stderr);
      const lines = tail.trimEnd().split('\n');
      if (exitCode !== 0) console.error(stderr);
      resolve({
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        peakRssMb: peak ? Number(peak[1]) / 1024 : NaN,
        exitCode,
        stdoutLines,
        stdoutBytes,
        lastLine: lines[lines.length - 1] ?? '',
      });
    });
  });
}
