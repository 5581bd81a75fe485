import { join } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import identity from './eslint-rules/index.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '*.js', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Apps import libraries only (by their @identity/ alias), never another app; libraries never import an app.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    plugins: { identity },
    rules: { 'identity/module-boundaries': 'error' },
  },
  {
    // No import cycles: between files (import-x, through the tsconfig aliases), and between the folders of an app or library.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    plugins: { 'import-x': importX, identity },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.js'], tsconfig: { configFile: join(import.meta.dirname, 'tsconfig.json') } }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'identity/no-folder-cycle': 'error',
    },
  },
  {
    // Every mutation answers WRITE_ACKNOWLEDGED after recorded writes: declared with AcknowledgedMutation,
    // which attaches the interceptor (graphql/acknowledged-mutation.decorator.ts).
    files: ['apps/**/*.ts'],
    ignores: ['apps/identity-api/src/graphql/acknowledged-mutation.decorator.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/graphql',
              importNames: ['Mutation'],
              message: 'Declare mutations with AcknowledgedMutation (graphql/acknowledged-mutation.decorator.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // Libraries are plain TypeScript; the apps do the Nest wiring (libs/domain's stricter list below replaces this one there).
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*'], message: 'Libraries do not depend on NestJS: keep modules, providers and resolvers in the app.' },
          ],
        },
      ],
    },
  },
  {
    // Rules that need the types: a promise nobody awaits, a promise where a callback's result is
    // ignored, and a switch over a union that forgets a member (a `default:` does not count as
    // handling the rest, so adding an event type shows every switch that must learn it).
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        {
          considerDefaultExhaustiveForUnions: false,
          requireDefaultForNonUnion: false,
          allowDefaultCaseForExhaustiveSwitch: true,
        },
      ],
    },
  },
  {
    // A unit spec (`*.spec.ts`) is pure: files, databases, servers and receivers make it an
    // integration spec (`*.int-spec.ts`), which Jest runs in its own project.
    files: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...['fs', 'node:fs'].map((name) => ({
              name,
              importNames: [
                'mkdtemp',
                'mkdtempSync',
                'writeFile',
                'writeFileSync',
                'rm',
                'rmSync',
                'mkdir',
                'mkdirSync',
                'open',
                'openSync',
              ],
              message: 'a spec that writes files is an integration spec: name it *.int-spec.ts.',
            })),
            ...['os', 'node:os'].map((name) => ({
              name,
              importNames: ['tmpdir'],
              message: 'a spec that writes files is an integration spec: name it *.int-spec.ts.',
            })),
            {
              name: '@identity/event-store',
              importNames: ['SqliteEventStore', 'KurrentDbEventStore'],
              message: 'a spec on a real store is an integration spec: name it *.int-spec.ts.',
            },
          ],
          patterns: [
            {
              group: [
                'fs/promises',
                'node:fs/promises',
                'net',
                'node:net',
                'http',
                'node:http',
                'https',
                'node:https',
                'child_process',
                'node:child_process',
                'better-sqlite3',
                'pg',
                'smtp-server',
                '@kurrent/*',
                '**/kurrentdb-test-server',
                '**/kurrentdb-test-server/*',
                '**/support/read-model-adapters',
                '**/support/smtp-receiver',
                '**/support/sms-webhook-receiver',
                '**/support/postgres-test-database',
              ],
              message: 'a spec with files, databases, servers or receivers is an integration spec: name it *.int-spec.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Developer scripts: plain CommonJS for Node, run without a build; they print their findings.
    files: ['scripts/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
  {
    // The domain is pure: no framework, no I/O, no crypto, no clock.
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['libs/domain/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*'], message: 'libs/domain must not depend on NestJS.' },
            {
              group: ['better-sqlite3', 'pg', '@kurrent/*', 'node:*', 'crypto', 'fs', 'net', 'http'],
              message: 'libs/domain must not do I/O or crypto.',
            },
            {
              group: ['@identity/event-store', '@identity/security', '@identity/event-store/*', '@identity/security/*'],
              message: 'libs/domain depends on nothing but itself.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'libs/domain has no timers.' },
        { name: 'setInterval', message: 'libs/domain has no timers.' },
        { name: 'process', message: 'libs/domain reads no environment.' },
        { name: 'crypto', message: 'libs/domain must not do crypto.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'libs/domain is deterministic.' },
        { object: 'Date', property: 'now', message: 'libs/domain takes time from the command, not the clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'libs/domain takes time from the command, not the clock.',
        },
      ],
    },
  },
);
