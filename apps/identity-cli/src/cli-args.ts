/** `--name value` and `--flag` options after the command words. */
export function parseOptions(args: string[]): Record<string, string | true> {
  const options: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`);
    const [name, inline] = arg.slice(2).split('=', 2);
    if (inline !== undefined) options[name] = inline;
    else if (i + 1 < args.length && !args[i + 1].startsWith('--')) options[name] = args[++i];
    else options[name] = true;
  }
  return options;
}

export function requiredOption(options: Record<string, string | true>, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

export class UsageError extends Error {}
