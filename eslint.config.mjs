import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    // The domain is pure: no framework, no I/O, no crypto, no clock.
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['libs/domain/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@nestjs/*'], message: 'libs/domain must not depend on NestJS.' },
          { group: ['better-sqlite3', 'pg', '@kurrent/*', 'node:*', 'crypto', 'fs', 'net', 'http'], message: 'libs/domain must not do I/O or crypto.' },
          { group: ['@identity/event-store', '@identity/security', '@identity/event-store/*', '@identity/security/*'], message: 'libs/domain depends on nothing but itself.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'setTimeout', message: 'libs/domain has no timers.' },
        { name: 'setInterval', message: 'libs/domain has no timers.' },
        { name: 'process', message: 'libs/domain reads no environment.' },
        { name: 'crypto', message: 'libs/domain must not do crypto.' }],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'libs/domain is deterministic.' },
        { object: 'Date', property: 'now', message: 'libs/domain takes time from the command, not the clock.' }],
      'no-restricted-syntax': ['error', {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: 'libs/domain takes time from the command, not the clock.',
      }],
    },
  },
);
