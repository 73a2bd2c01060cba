/** Jest runs the TypeScript unit tests; `.njk` templates and the `.py` step runtime load as strings, as esbuild's text loader does. */
module.exports = {
  // Node, with the analyzer's parser loaded before each test file runs
  testEnvironment: '<rootDir>/tests/support/python-parser-environment.js',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      {
        tsconfig: 'tsconfig.node.json',
        diagnostics: { warnOnly: false },
        isolatedModules: true
      }
    ],
    '^.+\\.(njk|py)$': '<rootDir>/tests/support/text-transform.js'
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json', 'njk', 'py'],
  testTimeout: 120000,
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  // fast-check runs from a fixed seed (CELLPIPE_FC_SEED to choose another); it prints the seed
  // of any failing property.
  setupFiles: ['<rootDir>/tests/support/fast-check-seed.js'],
  // The Python parser loads its WebAssembly once per test file, before the tests.
  setupFilesAfterEnv: ['<rootDir>/tests/support/python-parser.ts']
};
