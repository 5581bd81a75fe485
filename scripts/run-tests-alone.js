#!/usr/bin/env node
// Runs tests one at a time (`jest <file> -t '^<full name>$'`) to prove that none depends on an
// earlier test of its file. Lists each file's tests with one `jest --json` run first.
//   node scripts/run-tests-alone.js [--sample N] [--seed S] [--listed result.json] <jest path patterns…>
// --listed takes the names from an earlier `jest --json --outputFile=…` run instead (only files matching a pattern).
// e2e suites start dist/: `npm run build` first. Prints one line per test; exits 1 if any fails alone.
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative } = require('node:path');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const [, value] = args.splice(at, 2);
  return Number(value);
};
const listedAt = args.indexOf('--listed');
const listedFile = listedAt === -1 ? null : args.splice(listedAt, 2)[1];
const sample = option('--sample', Infinity);
let seed = option('--seed', 1);
const patterns = args;
if (patterns.length === 0) {
  console.error('usage: node scripts/run-tests-alone.js [--sample N] [--seed S] [--listed result.json] <jest path patterns…>');
  process.exit(2);
}

const jestBin = require.resolve('jest/bin/jest');
const scratch = mkdtempSync(join(tmpdir(), 'tests-alone-'));

function jest(extra) {
  const out = join(scratch, 'result.json');
  const run = spawnSync(process.execPath, [jestBin, '--json', `--outputFile=${out}`, '--maxWorkers=1', ...extra], { encoding: 'utf8' });
  try {
    return JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    throw new Error(`jest ${extra.join(' ')} wrote no result:\n${run.stderr.slice(-2000)}`);
  }
}

/** Deterministic shuffle (mulberry32), so that a sample can be repeated with its seed. */
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const listed = listedFile ? JSON.parse(readFileSync(listedFile, 'utf8')) : jest(patterns);
const matching = (file) => patterns.some((pattern) => new RegExp(pattern).test(file.name));
const tests = listed.testResults
  .filter(matching)
  .flatMap((file) =>
    file.assertionResults
      .filter((test) => test.status === 'passed' || test.status === 'failed')
      .map((test) => ({ file: file.name, name: test.fullName, together: test.status })),
  );
const chosen = tests
  .map((test) => ({ test, key: random() }))
  .sort((a, b) => a.key - b.key)
  .slice(0, sample)
  .map(({ test }) => test)
  .sort((a, b) => (a.file === b.file ? 0 : a.file < b.file ? -1 : 1));
const failedTogether = tests.filter((test) => test.together === 'failed');
for (const test of failedTogether) console.log(`FAIL together: ${relative(process.cwd(), test.file)} :: ${test.name}`);
console.log(`${chosen.length} of ${tests.length} tests, each alone`);

let failures = failedTogether.length;
for (const test of chosen) {
  const started = Date.now();
  const alone = jest([test.file, '-t', `^${escapeRegExp(test.name)}$`]);
  const ok = alone.numFailedTests === 0 && alone.numPassedTests >= 1 && alone.numFailedTestSuites === 0;
  if (!ok) failures += 1;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${seconds.padStart(5)} s  ${relative(process.cwd(), test.file)} :: ${test.name}`);
  if (!ok) {
    const messages = alone.testResults.flatMap((file) => [file.message, ...file.assertionResults.flatMap((t) => t.failureMessages)]);
    console.log(
      messages
        .filter(Boolean)
        .join('\n')
        .split('\n')
        .slice(0, 12)
        .map((line) => `       ${line}`)
        .join('\n'),
    );
  }
}
rmSync(scratch, { recursive: true, force: true });
console.log(failures === 0 ? 'every test passed alone' : `${failures} tests failed (alone, or already together)`);
process.exit(failures === 0 ? 0 : 1);
