/** `--name value` and `--flag` options after the command words. */
export function parseOptions(args: string[]): Record<string, string | true> {
  const options: Record<string, string | true> = {};
  const pending = [...args];
  for (let arg = pending.shift(); arg !== undefined; arg = pending.shift()) {
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`);
    // split always yields at least one element, so the default never applies.
    const [name = '', inline] = arg.slice(2).split('=', 2);
    const next = pending[0];
    if (inline !== undefined) options[name] = inline;
    else if (next !== undefined && !next.startsWith('--')) {
      options[name] = next;
      pending.shift();
    } else options[name] = true;
  }
  return options;
}

export function requiredOption(options: Record<string, string | true>, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

export class UsageError extends Error {}
