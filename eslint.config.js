import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'out/**',
      'test-results/**',
      'main/emulators/vendor/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            '*.js',
            '*.mjs',
            'bin/*.mjs',
            'scripts/*.mjs',
            'scripts/*.cjs',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
      'no-console': 'error',
    },
  },
  {
    // Only the Electron shell and the preload may depend on Electron: the
    // engine, CLI and tests run under plain Node.
    files: ['main/**/*.ts', 'shared/**/*.ts', 'test/**/*.ts'],
    ignores: ['main/app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only main/app and preload may import electron.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer is untrusted browser code: it reaches the engine only
    // through the contract in shared/, never through main/ or Node.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', 'node:*', 'electron'],
              message: 'The renderer may import only shared/ and UI packages.',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain JavaScript files have no types to check.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // CommonJS files load modules with require() by definition.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Command-line entry points and scripts write to the terminal on purpose.
    files: [
      'main/cli/**/*.ts',
      'scripts/**',
      'bin/**',
      'bench/**',
      'test/soak/run-soak.ts',
      'main/emulators/run.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='only']",
          message: 'No .only in committed tests.',
        },
        {
          selector: "MemberExpression[property.name='skip']",
          message: 'No .skip in committed tests.',
        },
      ],
    },
  },
);
