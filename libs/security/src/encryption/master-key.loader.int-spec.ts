import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMasterKey } from './master-key.loader';

describe('loadMasterKey', () => {
  let root: string;
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'master-key-'));
    warnings.length = 0;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('uses IDENTITY_MASTER_KEY when it is base64 of 32 bytes, writing no file and no warning', () => {
    const key = randomBytes(32);
    expect(loadMasterKey({ envValue: key.toString('base64'), dataDir: root, warn }).equals(key)).toBe(true);
    expect(() => statSync(join(root, 'master.key'))).toThrow();
    expect(warnings).toEqual([]);
  });

  it.each([
    ['16 bytes', randomBytes(16).toString('base64')],
    ['33 bytes', randomBytes(33).toString('base64')],
    ['not base64', `${'!'.repeat(43)}=`],
    ['hex', randomBytes(32).toString('hex')],
  ])('refuses an IDENTITY_MASTER_KEY of %s, naming the variable but not the value', (_label, value) => {
    expect(() => loadMasterKey({ envValue: value, dataDir: root, warn })).toThrow(/IDENTITY_MASTER_KEY/);
    try {
      loadMasterKey({ envValue: value, dataDir: root, warn });
    } catch (error) {
      expect((error as Error).message).not.toContain(value);
    }
  });

  it('without the variable, generates a 0600 development key under a new data dir, warns without the key, and reuses it', () => {
    const dataDir = join(root, 'nested', 'data');
    const first = loadMasterKey({ dataDir, warn });
    expect(first).toHaveLength(32);
    const file = join(dataDir, 'master.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first)).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/generated a development master key/);
    expect(warnings[0]).not.toContain(first.toString('base64'));

    const again = loadMasterKey({ envValue: '', dataDir, warn });
    expect(again.equals(first)).toBe(true);
    expect(warnings.join('\n')).not.toContain(first.toString('base64'));
  });

  it('refuses a development key file that does not hold 32 bytes', () => {
    writeFileSync(join(root, 'master.key'), 'c2hvcnQ=\n');
    expect(() => loadMasterKey({ dataDir: root, warn })).toThrow(/master key/);
  });
});
