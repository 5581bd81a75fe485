import { EventStore } from '@identity/event-store';
import { AppConfig } from '@identity/config';
import { UsageError } from '../cli-args';
import { auditDigest } from './audit-digest.command';
import { auditExport } from './audit-export.command';
import { auditPublicKey } from './audit-public-key.command';
import { auditVerify } from './audit-verify.command';

export const AUDIT_USAGE = `  audit verify [--public-key FILE]
  audit export [--account ID] [--from ISO] [--to ISO] [--source URI]
  audit digest
  audit public-key`;

/** `audit verify|export|digest|public-key`: the exit code (1 when verify finds a mismatch). */
export async function runAuditCommand(
  action: string | undefined,
  config: AppConfig,
  store: EventStore,
  args: string[],
  out: (line: string) => void,
  progress: (line: string) => void,
): Promise<number> {
  switch (action) {
    case 'verify':
      return (await auditVerify(config, store, args, out, progress)) ? 0 : 1;
    case 'export':
      return (await auditExport(store, args, progress)) ? 0 : 1;
    case 'digest':
      await auditDigest(config, store, args, out, progress);
      return 0;
    case 'public-key':
      auditPublicKey(config, args, out, progress);
      return 0;
    case undefined:
    default:
      throw new UsageError(`unknown command ${JSON.stringify(['audit', action].filter(Boolean).join(' '))}`);
  }
}
