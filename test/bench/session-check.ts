/**
 * Bench row of issue 10: what the per-request session check costs. `me` with a person's token
 * (signature, then the session looked up in the account's state: snapshot + read-forward from the
 * store, then the read model) against the trivial `{ __typename }` on the same server, as requests
 * per second with a few in flight. Goal: `me` keeps at least 0.8 of the trivial throughput.
 *   node dist/test/bench/session-check.js [--quick]   (also a row of `npm run bench`)
 */
import { resolve } from 'node:path';
import { AppProcess } from '../support/app-process';
import { goalRow } from './goal-row';

/** From dist/test/bench: the built API. */
const API_MAIN = resolve(__dirname, '../../apps/identity-api/src/main.js');
export const SESSION_CHECK_GOAL_RATIO = 0.8;
const IN_FLIGHT = 4;
/** Logons before measuring, so the account stream is long and has snapshots, as a used account's has. */
const LOGONS_BEFORE = 60;

export interface SessionCheckFigures {
  meRps: number;
  trivialRps: number;
  ratio: number;
  /** `{ __typename }` with the token: the session check alone, no read model. */
  checkedTrivialRps: number;
}

async function post(url: string, query: string, headers: Record<string, string> = {}): Promise<{ data?: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, unknown> };
}

/** Requests per second of `query`, `IN_FLIGHT` at a time, for `count` requests. */
async function throughput(url: string, query: string, headers: Record<string, string>, count: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next++ < count) {
      const answer = await post(url, query, headers);
      if (!answer.data) throw new Error(`the bench request failed: ${JSON.stringify(answer).slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return count / ((performance.now() - started) / 1000);
}

export async function measureSessionCheck(quick = false): Promise<SessionCheckFigures> {
  const app = await AppProcess.start({
    entry: API_MAIN,
    env: { RATE_LIMIT_LOGON_PER_ADDRESS: '1000000/60', RATE_LIMIT_ATTEMPTS_PER_ACCOUNT: '1000000/60' },
  });
  try {
    const credentials = '{ loginName: "benchsessions", password: "lantern orbit mulberry" }';
    await post(app.graphqlUrl, `mutation { registerAccount(input: ${credentials}) { accountId } }`);
    let token = '';
    for (let i = 0; i < LOGONS_BEFORE; i++) {
      const done = await post(app.graphqlUrl, `mutation { login(input: ${credentials}) { session { token } } }`);
      token = (done.data?.login as { session: { token: string } }).session.token;
    }
    const person = { authorization: `Bearer ${token}` };
    const ME = '{ me { accountId loginName security { protectionEnabled } } }';
    const TRIVIAL = '{ __typename }';
    const count = quick ? 300 : 1500;
    await throughput(app.graphqlUrl, ME, person, 100);
    await throughput(app.graphqlUrl, TRIVIAL, {}, 100);
    // Interleaved rounds, the best of each: the machine is shared and noisy.
    let meRps = 0;
    let trivialRps = 0;
    let checkedTrivialRps = 0;
    for (let round = 0; round < 3; round++) {
      trivialRps = Math.max(trivialRps, await throughput(app.graphqlUrl, TRIVIAL, {}, count));
      meRps = Math.max(meRps, await throughput(app.graphqlUrl, ME, person, count));
      checkedTrivialRps = Math.max(checkedTrivialRps, await throughput(app.graphqlUrl, TRIVIAL, person, count));
    }
    return { meRps, trivialRps, ratio: meRps / trivialRps, checkedTrivialRps };
  } finally {
    await app.dispose();
  }
}

/** The row: figure, baseline, ratio, goal, met or missed. */
export async function printSessionCheckRow(quick: boolean, print: (line: string) => void): Promise<void> {
  const { meRps, trivialRps, ratio, checkedTrivialRps } = await measureSessionCheck(quick);
  print(
    goalRow(
      `me with session check ${meRps.toFixed(0)}/s vs { __typename } ${trivialRps.toFixed(0)}/s`,
      `${ratio.toFixed(2)}x`,
      `>= ${SESSION_CHECK_GOAL_RATIO}x`,
      ratio >= SESSION_CHECK_GOAL_RATIO,
    ),
  );
  print(
    `  the check alone: { __typename } with the token ${checkedTrivialRps.toFixed(0)}/s, ${(checkedTrivialRps / trivialRps).toFixed(2)}x of without`,
  );
}

if (require.main === module) {
  printSessionCheckRow(process.argv.includes('--quick'), (line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
