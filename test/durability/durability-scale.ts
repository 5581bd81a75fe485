/**
 * How hard the durability suites push: `npm test` runs their short form; `npm run test:durability`
 * sets DURABILITY=full for the rounds and the soak that docs/reliability.md reports.
 */
export const FULL = process.env.DURABILITY === 'full';

export const SCALE = {
  /** SIGKILL rounds under load. */
  killRounds: FULL ? 15 : 1,
  /** How long the soak runs, and how often it samples the server's memory. */
  soakSeconds: FULL ? 300 : 10,
  sampleEveryMs: 1000,
};
