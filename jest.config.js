// Two projects: fast unit/contract specs next to the code, and end-to-end suites in test/
// that start the built app (dist/) as a child process and talk to it over HTTP and WebSocket.
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];
// otplib's CommonJS build require()s @noble/hashes and @scure/base, which ship ESM only. Node >= 20.19
// loads them at run time (require of ESM); Jest's module loader does not, so swc rewrites them to CommonJS.
const swcEsmDependencies = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
const transform = { '^.+\\.ts$': swc, '/node_modules/(@noble|@scure)/.+\\.js$': swcEsmDependencies };
const transformIgnorePatterns = ['/node_modules/(?!(@noble|@scure)/)'];
const moduleNameMapper = {
  '^@identity/(domain|event-store|security|config|read-models|audit|testing)$': '<rootDir>/libs/$1/src',
  '^@identity/(domain|event-store|security|config|read-models|audit|testing)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testEnvironment: 'node',
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testEnvironment: 'node',
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-setup.ts'],
    },
  ],
};
