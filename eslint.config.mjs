import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import prettierRecommended from 'eslint-plugin-prettier/recommended';
import globals from 'globals';
import jupyterPlugin from '@jupyter/eslint-plugin';

export default defineConfig([
  {
    ignores: [
      '**/node_modules',
      '.venv',
      '**/.venv*',
      '.cache',
      'dist',
      'coverage',
      'lib',
      'cellpipe',
      '**/*.d.ts',
      'tests/data',
      'tests/**/golden',
      'ui-tests/test-results',
      'ui-tests/playwright-report',
      'bench/.build',
      'bench/results'
    ]
  },
  { plugins: { jupyter: jupyterPlugin } },
  js.configs.recommended,
  tseslint.configs.recommended,
  jupyterPlugin.configs.recommended,
  {
    languageOptions: {
      globals: {
        ...globals.browser,
        ...globals.es2015,
        ...globals.node
      }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { args: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-use-before-define': 'off',
      curly: ['error', 'all'],
      eqeqeq: 'error',
      'prefer-arrow-callback': 'error'
    }
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: 'tsconfig.node.json',
        sourceType: 'module'
      }
    },
    rules: {
      '@typescript-eslint/naming-convention': [
        'error',
        {
          selector: 'interface',
          format: ['PascalCase'],
          custom: {
            regex: '^I[A-Z]',
            match: true
          }
        }
      ]
    }
  },
  {
    // design §1: src/core runs in the browser, Node and tests and imports nothing from the
    // engine, the CLI or the lab; the lab never talks to a cluster (the engine does).
    files: ['src/core/**/*.ts', 'src/core/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/engine', '**/engine/**', '**/cli', '**/cli/**'],
              message:
                'src/core imports nothing from the engine or the CLI (design §1)'
            },
            {
              group: ['**/lab', '**/lab/**'],
              message: 'src/core imports nothing from the lab (design §1)'
            },
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'crypto',
                'child_process',
                'worker_threads',
                'zlib'
              ],
              message:
                'src/core uses no Node APIs: the lab bundles it for the browser (design §1)'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/lab/**/*.ts', 'src/lab/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/engine', '**/engine/**', '**/cli', '**/cli/**'],
              message:
                'the lab reaches the engine only through its server routes (design §1)'
            },
            {
              group: ['@kubernetes/*'],
              message:
                'the lab never talks to a cluster: the engine does, on the server (design §1)'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['tests/**', 'ui-tests/**'],
    rules: {
      // Tests load some modules lazily with require(); their strings are not UI text.
      '@typescript-eslint/no-require-imports': 'off',
      'jupyter/no-untranslated-string': 'off'
    }
  },
  {
    // The Galata tests are not in tsconfig.node.json (they build with ui-tests' own packages).
    files: ['ui-tests/**/*.ts'],
    languageOptions: { parserOptions: { project: null } }
  },
  {
    // CommonJS: the Jest config and hooks, Playwright's config, the CLI launcher.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  prettierRecommended
]);
