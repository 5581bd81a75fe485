import 'reflect-metadata';
import { ConfigError, loadConfig } from '@identity/config';
import { createEventStore } from '@identity/config';
import { UsageError } from './cli-args';
import { createApiKey } from './commands/api-key-create.command';
import { unlockAccount } from './commands/accounts-unlock.command';
import { listApiKeysCommand } from './commands/api-key-list.command';
import { revokeApiKeyCommand } from './commands/api-key-revoke.command';
import { AUDIT_USAGE, runAuditCommand } from './commands/audit.command';
import { rebuildProjections } from './commands/projections-rebuild.command';
import { rotateMasterKeyCommand } from './commands/keys-rotate-master.command';

const USAGE = `usage: npm run cli -- <command>
  api-key create --role auditor|integrator|admin --name NAME [--expires-in 90d|12h|30m|45s]
  api-key list [--json]
  api-key revoke KEY_ID
  accounts unlock ACCOUNT_ID
  projections rebuild
  keys rotate-master [--batch-size N]   (current key in IDENTITY_MASTER_KEY, new one in IDENTITY_NEW_MASTER_KEY; service stopped)
${AUDIT_USAGE}`;

/** The operator's command line: same configuration as the server, usable while it runs. */
async function main(argv: string[]): Promise<number> {
  const [group, action, ...rest] = argv;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const config = loadConfig();
  const store = createEventStore(config);
  try {
    if (group === 'api-key' && action === 'create') await createApiKey(store, rest, out);
    else if (group === 'accounts' && action === 'unlock') await unlockAccount(store, rest, out);
    else if (group === 'api-key' && action === 'list') await listApiKeysCommand(store, rest, out);
    else if (group === 'api-key' && action === 'revoke') await revokeApiKeyCommand(store, rest, out);
    else if (group === 'projections' && action === 'rebuild') await rebuildProjections(config, store, out, process.stderr);
    else if (group === 'keys' && action === 'rotate-master') rotateMasterKeyCommand(config, rest, process.env, out, progress);
    else if (group === 'audit') return await runAuditCommand(action, config, store, rest, out, progress);
    else throw new UsageError(`unknown command ${JSON.stringify([group, action].filter(Boolean).join(' '))}`);
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
    else if (error instanceof ConfigError) console.error(`configuration error: ${error.message}`);
    else console.error(`failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof UsageError ? 64 : 1);
  },
);
