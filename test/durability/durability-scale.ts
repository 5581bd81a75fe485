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
  /** How often the soak reads the live heap (each read is a full collection in the server). */
  heapSampleEveryMs: FULL ? 5000 : 2000,
  /**
   * How much the live heap's second half of the soak (after a 30 % warm-up) may exceed the first, in
   * MiB and as a share. The short run is still warming up (JIT, caches, the first snapshots), so it only catches a
   * gross leak; the full run holds the server to a level.
   */
  leakSlack: FULL ? { mib: 12, share: 0.15 } : { mib: 40, share: 0.4 },
  /**
   * The steepest the live heap may still climb over the last half of the settled samples (least-squares
   * slope, MiB per minute): memory that levels off has a slope near 0 there; a leak keeps its slope.
   * The bounded caches (2,000 live account states, 10,000 snapshots) still fill at about 5 KiB per new
   * account during a full run on this machine, about 1.5 MiB/min.
   * The short run is too short to tell a slope from warm-up.
   */
  maxLateSlopeMiBPerMinute: FULL ? 6 : Infinity,
};
