import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LintMessage {
  ruleId: string | null;
  message: string;
}

const root = join(__dirname, '..', '..');
const api = 'apps/identity-api/src';
const withLine = (file: string, line: string) => `${readFileSync(join(root, file), 'utf8')}${line}\n`;

/** Snippets linted as if each were the file at its path; each case below reads its own. */
const SNIPPETS = {
  cliImportsApi: { filePath: 'apps/identity-cli/src/fixture.ts', code: "export { AppModule } from '../../identity-api/src/app.module';\n" },
  libImportsApp: {
    filePath: 'libs/audit/src/fixture.ts',
    code: "export { AppModule } from '../../../apps/identity-api/src/app.module';\n",
  },
  relativeIntoLib: { filePath: 'apps/identity-cli/src/fixture.ts', code: "export { loadConfig } from '../../../libs/config/src';\n" },
  byAlias: { filePath: 'apps/identity-cli/src/fixture.ts', code: "export { loadConfig } from '@identity/config';\n" },
  // health/ imports projections/ (the projections service); an import back closes a folder cycle.
  folderCycle: { filePath: `${api}/projections/fixture.ts`, code: "export { HealthController } from '../health/health.controller';\n" },
  folderDownwards: {
    filePath: `${api}/health/fixture.ts`,
    code: "export { ProjectionsService } from '../projections/projections.service';\n",
  },
  // request-meta.ts imports principal.ts; principal.ts importing it back is a cycle inside one folder.
  fileCycle: {
    filePath: `${api}/auth/principal.ts`,
    code: withLine(`${api}/auth/principal.ts`, "export { requestMeta } from './request-meta';"),
  },
  // libs/config opens the event store (createEventStore imports @identity/event-store).
  libraryCycle: {
    filePath: 'libs/event-store/src/position.ts',
    code: withLine('libs/event-store/src/position.ts', "export { loadConfig } from '@identity/config';"),
  },
  libImportsNest: { filePath: 'libs/read-models/src/fixture.ts', code: "export { Injectable } from '@nestjs/common';\n" },
  domainImportsNest: { filePath: 'libs/domain/src/fixture.ts', code: "export { Injectable } from '@nestjs/common';\n" },
};

let results: Record<keyof typeof SNIPPETS, LintMessage[]>;

/** All snippets in one child process (ESLint loads its config with import(), which Jest's loader does not run). */
beforeAll(() => {
  const names = Object.keys(SNIPPETS) as (keyof typeof SNIPPETS)[];
  const output = execFileSync(process.execPath, [join(__dirname, 'lint-snippets.mjs')], {
    cwd: root,
    input: JSON.stringify(names.map((name) => SNIPPETS[name])),
    encoding: 'utf8',
  });
  const messages = JSON.parse(output) as LintMessage[][];
  results = Object.fromEntries(names.map((name, i) => [name, messages[i] ?? []])) as typeof results;
}, 120_000);

const only = (name: keyof typeof SNIPPETS, ruleId: string) => results[name].filter((m) => m.ruleId === ruleId).map((m) => m.message);

describe('lint guards the module boundaries', () => {
  it('refuses an app importing another app', () => {
    expect(only('cliImportsApi', 'identity/module-boundaries')).toEqual([
      'apps/identity-cli must not import apps/identity-api: an app imports libraries only (move shared code into libs/).',
    ]);
  });

  it('refuses a library importing an app', () => {
    expect(only('libImportsApp', 'identity/module-boundaries')).toEqual([
      'libs/audit must not import apps/identity-api: a library never depends on an app.',
    ]);
  });

  it('refuses a relative path into a library and accepts its alias', () => {
    expect(only('relativeIntoLib', 'identity/module-boundaries')).toEqual([
      'apps/identity-cli imports libs/config by a relative path: import it as @identity/config.',
    ]);
    expect(results.byAlias).toEqual([]);
  });

  it('refuses a cycle between the folders of an app, not an import along the existing direction', () => {
    expect(only('folderCycle', 'identity/no-folder-cycle')).toEqual([
      `Folder import cycle in ${api}: projections -> health -> projections. Move the shared piece into a leaf folder or a library.`,
    ]);
    expect(results.folderDownwards).toEqual([]);
  });

  it('refuses a cycle between two files', () => {
    expect(results.fileCycle.map((m) => m.ruleId)).toEqual(['import-x/no-cycle']);
    expect(results.fileCycle[0]?.message).toMatch(/^Dependency cycle detected/);
  });

  it('refuses a cycle between two libraries through their aliases', () => {
    expect(only('libraryCycle', 'import-x/no-cycle')).toEqual([expect.stringMatching(/^Dependency cycle via .*@identity\/event-store/)]);
  });

  it('keeps libraries free of NestJS', () => {
    expect(only('libImportsNest', 'no-restricted-imports')).toEqual([expect.stringContaining('Libraries do not depend on NestJS')]);
  });

  it('keeps libs/domain free of NestJS', () => {
    expect(only('domainImportsNest', 'no-restricted-imports')).toEqual([expect.stringContaining('libs/domain must not depend on NestJS.')]);
  });
});
