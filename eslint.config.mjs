// ESLint (flat config) with type information from the test tsconfig, which covers src/ and test/.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'src/generated/',
      'clients/typescript/src/schema.ts',
      'clients/typescript/src/error-codes.ts',
      'clients/typescript/dist/',
      'node_modules/',
      '.data/',
      'coverage/',
      'bench/',
      'scripts/',
      'templates/',
      'test/support/*.js',
      '*.config.*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname } },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Misreads a module-level value used only inside a decorator's arguments as never read.
      'no-useless-assignment': 'off',
    },
  },
  {
    // Test bodies are parsed JSON (`any`) by nature; the assertions are what check their shape.
    files: ['test/**/*.ts', 'src/**/*.spec.ts', 'clients/typescript/src/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  prettier,
);
