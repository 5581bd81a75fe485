/**
 * Preloaded into a measured process (`node -r dist/test/bench/report-peak-rss.js …`): writes its peak
 * resident set size to standard error when it exits, for the audit benchmark.
 */
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `PEAK_RSS_KB ${process.resourceUsage().maxRSS}\n`);
});
