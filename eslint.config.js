import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'cdk.out',
      '.local',
      'coverage',
      'console/dist',
      'console/src/api/openapi.gen.ts',
      'test-results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The console runs in a browser; TypeScript (console/tsconfig.json, with the DOM) checks its globals.
    files: ['console/src/**/*.{ts,tsx}'],
    rules: { 'no-undef': 'off' },
  },
  {
    // The domain is pure: no AWS SDK, CDK, middy or Powertools, and nothing from the outer layers.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', '@middy/*', '@aws-lambda-powertools/*'],
              message: 'domain/ is pure',
            },
            {
              group: ['**/functions/**', '**/infra/**'],
              message: 'domain/ imports nothing from functions/ or infra/',
            },
          ],
        },
      ],
    },
  },
);
