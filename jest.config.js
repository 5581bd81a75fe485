// Three projects, chosen by file suffix:
//   unit         `*.spec.ts`      pure specs: no files, no network, no servers (the in-memory store at most)
//   integration  `*.int-spec.ts`  specs that open SQLite files, PostgreSQL, the KurrentDB test server, HTTP/SMTP receivers
//   e2e          `*.e2e-spec.ts`  suites in test/e2e that start the built app (dist/) as a child process
//   durability   `*.durability-spec.ts` in test/durability: SIGKILL rounds and a soak, short in `npm test`,
//                full with `npm run test:durability` (DURABILITY=full; docs/reliability.md)
// Measurements (heap, 100k and 1M events, timings) are not tests: they live in `npm run bench`.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
// otplib's CommonJS build require()s @noble/hashes and @scure/base, which ship ESM only. Node >= 20.19
// loads them at run time (require of ESM); Jest's module loader does not, so swc rewrites them to CommonJS.
const swcEsmDependencies = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
const transform = { '^.+\\.ts$': swc, '/node_modules/(@noble|@scure)/.+\\.js$': swcEsmDependencies };
const transformIgnorePatterns = ['/node_modules/(?!(@noble|@scure)/)'];
const moduleNameMapper = {
  '^@identity/(domain|event-store|security|config|read-models|audit|testing)$': '<rootDir>/libs/$1/src',
  '^@identity/(domain|event-store|security|config|read-models|audit|testing)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const common = { rootDir: __dirname, transform, transformIgnorePatterns, moduleNameMapper, testEnvironment: 'node' };
const everywhere = (suffix) => ['apps', 'libs', 'test'].map((folder) => `<rootDir>/${folder}/**/*${suffix}`);
module.exports = {
  // Three workers on this 2-core machine: most e2e time is waiting (TOTP steps, lock periods, servers,
  // child processes starting), so with two suites the cores were busy only about 57% of the run; a
  // third fills the waits. Jest's default here would be one.
  maxWorkers: 3,
  // 20 s rather than Jest's 5 s for unit and integration specs (the e2e setup sets its own): on a shared
  // 2-core machine running two suites at once, a spec that takes milliseconds alone (a QR code's PNG)
  // has been seen to take over 5 s.
  testTimeout: 20_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: everywhere('.spec.ts') },
    { ...common, displayName: 'integration', testMatch: everywhere('.int-spec.ts') },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-setup.ts'],
    },
    {
      ...common,
      displayName: 'durability',
      testMatch: ['<rootDir>/test/durability/**/*.durability-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-setup.ts'],
    },
  ],
};
