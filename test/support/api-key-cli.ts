import { runCli } from './cli-process';

export interface CreatedKey {
  key: string;
  keyId: string;
  /** The expiry the CLI printed, or null for a key that never expires. */
  expiresAt: string | null;
}

/** `api-key create` through the built CLI on the app's DATA_DIR: the key from the last line of its output. */
export async function createKeyWithCli(env: Record<string, string>, role: string, extra: string[] = []): Promise<CreatedKey> {
  const result = await runCli(['api-key', 'create', '--role', role, '--name', `${role} e2e`, ...extra], env);
  if (result.exitCode !== 0) throw new Error(`api-key create failed (${result.exitCode}): ${result.stderr}`);
  const lines = result.stdout.trim().split('\n');
  const key = lines.at(-1) ?? '';
  const keyId = /^idk_([0-9a-f]{16})_/.exec(key)?.[1];
  if (!keyId) throw new Error(`api-key create printed no key: ${result.stdout}`);
  const expiresAt = /expires (\S+?)\)/.exec(result.stdout)?.[1] ?? null;
  return { key, keyId, expiresAt };
}
