// @ts-check
/**
 * Lint: typescript-eslint's strict, type-checked rules (bugs a type checker can see: floating
 * promises, unsafe `any`, conditions that are always true, deprecated APIs). Rules are relaxed only
 * where they fight how parley is written, each for a stated reason; formatting is Prettier's job.
 */
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'runs/', 'coverage/', '**/*.mjs', '**/*.js', '**/*.cjs'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Messages for people are built from numbers and flags: `${runs} runs`, `--workers ${n}`.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // The hot path indexes typed arrays and maps whose keys were checked a line before; `!` says so
      // without a runtime branch per access.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Spreading a string splits it into code points, which is what parley means where it does so:
      // widths of text are looked up and counted per code point (font advance widths, terminal columns).
      '@typescript-eslint/no-misused-spread': ['error', { allow: ['string'] }],
    },
  },
);
