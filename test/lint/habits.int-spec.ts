import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Issue 8, acceptance 4: `npm run lint` fails on a non-exhaustive switch over a union (a `default:`
 * does not count) and on unformatted code. Linted and formatted as files at these paths would be.
 */
const root = join(__dirname, '..', '..');

function lint(filePath: string, code: string): { ruleId: string | null; message: string }[] {
  const output = execFileSync(process.execPath, [join(__dirname, 'lint-snippets.mjs')], {
    cwd: root,
    input: JSON.stringify([{ filePath, code }]),
    encoding: 'utf8',
  });
  return (JSON.parse(output) as { ruleId: string | null; message: string }[][])[0] ?? [];
}

/** What Prettier makes of `code` as the file at `filePath`, with the repository's configuration. */
function formatted(filePath: string, code: string): string {
  return execFileSync(process.execPath, [join(root, 'node_modules/prettier/bin/prettier.cjs'), '--stdin-filepath', filePath], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
}

const EVENT_UNION = "type Event = { type: 'Registered' } | { type: 'Locked' } | { type: 'Unlocked' };\n";

describe('lint guards the habits', () => {
  it('refuses a switch over an event union that misses a member, even with a default', () => {
    const code = `${EVENT_UNION}export function label(event: Event): string {\n  switch (event.type) {\n    case 'Registered':\n      return 'r';\n    case 'Locked':\n      return 'l';\n    default:\n      return '?';\n  }\n}\n`;
    expect(lint('libs/domain/src/fixture.ts', code).map((m) => m.ruleId)).toContain('@typescript-eslint/switch-exhaustiveness-check');
  });

  it('accepts the switch that names every member', () => {
    const code = `${EVENT_UNION}export function label(event: Event): string {\n  switch (event.type) {\n    case 'Registered':\n      return 'r';\n    case 'Locked':\n      return 'l';\n    case 'Unlocked':\n      return 'u';\n  }\n}\n`;
    expect(lint('libs/domain/src/fixture.ts', code).map((m) => m.ruleId)).not.toContain('@typescript-eslint/switch-exhaustiveness-check');
  });

  it('refuses a mutation declared without AcknowledgedMutation, and accepts one declared with it', () => {
    const raw = "import { Mutation } from '@nestjs/graphql';\nexport const declare = Mutation;\n";
    const acknowledged =
      "import { AcknowledgedMutation } from '../graphql/acknowledged-mutation.decorator';\nexport const declare = AcknowledgedMutation;\n";
    const rules = (code: string) => lint('apps/identity-api/src/account/fixture.ts', code).map((m) => m.ruleId);
    expect(rules(raw)).toContain('no-restricted-imports');
    expect(rules(acknowledged)).not.toContain('no-restricted-imports');
  });

  it('finds unformatted code, and leaves formatted code as it is', () => {
    const messy = 'export const  answer = {a:1,\n  b : "two"}\n';
    const tidy = formatted('apps/identity-api/src/fixture.ts', messy);
    expect(tidy).not.toBe(messy);
    expect(formatted('apps/identity-api/src/fixture.ts', tidy)).toBe(tidy);
  });
});
