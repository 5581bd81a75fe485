/**
 * How hard the durability suites push: `npm test` runs their short form; `npm run test:durability`
 * sets DURABILITY=full for the rounds and the soak that docs/reliability.md reports.
 */
export const FULL = process.env.DURABILITY === 'full';

export const SCALE = {
  /** SIGKILL rounds under load. */
  killRounds: FULL ? 15 : 1,
  /** How long the soak runs, and how often it samples the server's memory. */
  soakSeconds: FULL ? 300 : 20,
  sampleEveryMs: 1000,
  /**
   * How much the second half of the soak (after a 30 % warm-up) may exceed the first, in MiB and as a
   * share. The short run is still warming up (JIT, caches, the first snapshots), so it only catches a
   * gross leak; the full run holds the server to a level.
   */
  leakSlack: FULL ? { mib: 30, share: 0.1 } : { mib: 100, share: 0.4 },
  /**
   * The steepest the RSS may still climb over the last half of the settled samples (least-squares
   * slope, MiB per minute): memory that levels off has a slope near 0 there; a leak keeps its slope.
   * The short run is too short to tell a slope from warm-up.
   */
  maxLateSlopeMiBPerMinute: FULL ? 6 : Infinity,
};
