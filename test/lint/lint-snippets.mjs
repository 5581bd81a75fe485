// Lints in-memory snippets with the repository's eslint.config.mjs, as if each were the file at its
// path. Input (stdin): [{ filePath, code }]; output (stdout): per snippet, its messages.
// A child process, because ESLint loads its config with import(), which Jest's module loader does not run.
import { ESLint } from 'eslint';
import process from 'node:process';
import { text } from 'node:stream/consumers';

const snippets = JSON.parse(await text(process.stdin));
// Snippets at paths that do not exist are outside the TypeScript project the type-aware rules use:
// they get a default project of their own (paths relative to the repository, at most 8 of them).
const missing = [...new Set(snippets.map((s) => s.filePath))].filter((path) => path.endsWith('/fixture.ts'));
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: { languageOptions: { parserOptions: { projectService: { allowDefaultProject: missing } } } },
});
const results = [];
for (const { filePath, code } of snippets) {
  const [result] = await eslint.lintText(code, { filePath });
  results.push(result.messages.map(({ ruleId, message }) => ({ ruleId, message })));
}
process.stdout.write(JSON.stringify(results));
