import { progressIntervalMs, ProgressReporter } from './progress-reporter';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  return {
    stream: { isTTY, write: (text: string) => chunks.push(text) > 0, columns: 100, cursorTo: () => true, clearLine: () => true },
    text: () => chunks.join(''),
  };
}

describe('ProgressReporter', () => {
  it('without a terminal writes a plain line at most every few seconds, with rate and time left', () => {
    const out = capture(false);
    let now = 0;
    const reporter = new ProgressReporter('audit verify', out.stream, { total: 10_000, everyMs: 3000, now: () => now });
    now = 1000;
    reporter.update(1000); // too soon for a line
    now = 3000;
    reporter.update(3000);
    now = 4000;
    reporter.update(4000); // too soon again
    now = 10_000;
    reporter.update(10_000);
    reporter.done();
    expect(out.text().split('\n')).toEqual([
      'audit verify: 3000 events, 1000 events/s, 30% of about 10000, about 7 s left (3 s)',
      'audit verify: 10000 events, 1000 events/s, 100% of about 10000, about 0 s left (10 s)',
      'audit verify: 10000 events in 10.0 s (1000 events/s)',
      '',
    ]);
    // eslint-disable-next-line no-control-regex -- the escape character is what is checked for
    expect(out.text()).not.toMatch(/\r|\u001b/); // no cursor control in a log
  });

  it('says no percentage when the total is not known', () => {
    const out = capture(false);
    let now = 0;
    const reporter = new ProgressReporter('audit digest', out.stream, { total: null, now: () => now });
    now = 5000;
    reporter.update(500);
    expect(out.text()).toBe('audit digest: 500 events, 100 events/s (5 s)\n');
  });

  it('on a terminal draws a bar with the rate and the time left', () => {
    const out = capture(true);
    let now = 0;
    const reporter = new ProgressReporter('projections rebuild', out.stream, { total: 1000, now: () => now });
    now = 1000;
    reporter.update(500);
    reporter.done();
    expect(out.text()).toMatch(/projections rebuild \[[^\]]+\] \d+% \| \d+\/1000 events \| \d+ events\/s \| .+ left/);
  });

  it('takes its interval from PROGRESS_INTERVAL_MS when it is a whole number of milliseconds, else 3 s', () => {
    expect(progressIntervalMs({ PROGRESS_INTERVAL_MS: '200' })).toBe(200);
    expect(progressIntervalMs({})).toBe(3000);
    for (const bad of ['0', '-5', '1.5', 'soon', '', '99999999']) expect(progressIntervalMs({ PROGRESS_INTERVAL_MS: bad })).toBe(3000);
  });
});
