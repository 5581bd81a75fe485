import { parseOptions, UsageError } from '../cli-args';

/** The `--name value` options of an audit command, refusing any it does not know. */
export function auditOptions(args: string[], allowed: readonly string[]): Record<string, string> {
  const options = parseOptions(args);
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(options)) {
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`);
    if (value === true || value.trim() === '') throw new UsageError(`--${name} needs a value`);
    result[name] = value;
  }
  return result;
}
