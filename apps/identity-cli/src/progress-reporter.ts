import { SingleBar } from 'cli-progress';

/** Where progress goes: standard error (standard output stays machine-readable). */
export interface ProgressStream {
  write(text: string): boolean;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Events expected in all (an estimate is fine), or null when unknown: no percentage or time left then. */
  total: number | null;
  /** Without a terminal: at most one line this often. Default `PROGRESS_INTERVAL_MS`, else 3 s. */
  everyMs?: number;
  now?: () => number;
}

const DEFAULT_INTERVAL_MS = 3000;

/** `PROGRESS_INTERVAL_MS` (a whole number of milliseconds, at least 1) or 3 s: how often a plain progress line may come. */
export function progressIntervalMs(env: Readonly<Record<string, string | undefined>>): number {
  const value = env.PROGRESS_INTERVAL_MS;
  if (value === undefined || !/^[1-9][0-9]{0,6}$/.test(value)) return DEFAULT_INTERVAL_MS;
  return Number(value);
}

/**
 * The progress of a long CLI run over the events: on a terminal a bar with the rate and time left
 * (cli-progress, redrawn in place); otherwise (a log file, a pipe, CI) a plain line at most every few
 * seconds. `done()` ends it with a summary line in both cases.
 */
export class ProgressReporter {
  private readonly started: number;
  private readonly now: () => number;
  private readonly everyMs: number;
  private readonly bar: SingleBar | null;
  private lastLine: number;
  private events = 0;

  constructor(
    private readonly label: string,
    private readonly stream: ProgressStream,
    private readonly options: ProgressOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.everyMs = options.everyMs ?? progressIntervalMs(process.env);
    this.started = this.now();
    this.lastLine = this.started;
    this.bar = stream.isTTY ? this.startBar() : null;
  }

  /** `events` done so far (a running count). */
  update(events: number): void {
    this.events = events;
    if (this.bar) {
      this.bar.setTotal(Math.max(this.options.total ?? 0, events));
      this.bar.update(events, { rate: this.rate() });
      return;
    }
    const now = this.now();
    if (now - this.lastLine < this.everyMs) return;
    this.lastLine = now;
    this.stream.write(`${this.label}: ${this.describe(now)}\n`);
  }

  /** A message of its own (on a terminal, the bar is cleared for it and drawn again below). */
  note(line: string): void {
    if (this.bar) {
      this.bar.stop();
      this.stream.write(`${line}\n`);
      this.bar.start(Math.max(this.options.total ?? 0, this.events), this.events, { rate: this.rate() });
    } else this.stream.write(`${line}\n`);
  }

  done(): void {
    this.bar?.stop();
    const seconds = (this.now() - this.started) / 1000;
    this.stream.write(`${this.label}: ${this.events} events in ${seconds.toFixed(1)} s (${Math.round(this.rate())} events/s)\n`);
  }

  private startBar(): SingleBar {
    const known = this.options.total !== null;
    const bar = new SingleBar({
      stream: this.stream as NodeJS.WritableStream,
      format: known
        ? `${this.label} [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | {eta_formatted} left`
        : `${this.label} {value} events | {rate} events/s`,
      etaBuffer: 50,
      hideCursor: true,
      noTTYOutput: false,
    });
    bar.start(this.options.total ?? 0, 0, { rate: 0 });
    return bar;
  }

  private rate(): number {
    const seconds = (this.now() - this.started) / 1000;
    return seconds > 0 ? Math.round(this.events / seconds) : 0;
  }

  private describe(now: number): string {
    const rate = this.rate();
    const total = this.options.total;
    let line = `${this.events} events, ${rate} events/s`;
    if (total !== null && total > 0) {
      const left = rate > 0 ? Math.max(0, total - this.events) / rate : null;
      line += `, ${Math.min(100, Math.floor((100 * this.events) / total))}% of about ${total}`;
      if (left !== null) line += `, about ${Math.ceil(left)} s left`;
    }
    return `${line} (${((now - this.started) / 1000).toFixed(0)} s)`;
  }
}
