/** The bench's command line: `npm run bench -- [--quick] [--json | --json=PATH] [--only=SUBSTRING]`. */
export interface BenchArgs {
  quick: boolean;
  /** null: no JSON; '-': JSON on standard output (the table goes to standard error); else a file. */
  json: string | null;
  only: string | null;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, json: null, only: null };
  for (const arg of argv) {
    if (arg === '--quick') args.quick = true;
    else if (arg === '--json') args.json = '-';
    else if (arg.startsWith('--json=')) args.json = arg.slice('--json='.length);
    else if (arg.startsWith('--only=')) args.only = arg.slice('--only='.length).toLowerCase();
    else throw new Error(`unknown argument ${arg}: use --quick, --json[=PATH], --only=SUBSTRING`);
  }
  return args;
}
