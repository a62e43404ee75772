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
      // A leading underscore marks a parameter an interface asks for and this implementation ignores.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-spread': ['error', { allow: ['string'] }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests parse the CLI's JSON output and the files it writes (JSON.parse gives `any`) and assert
      // on their fields; typing each document first would restate what the assertions check.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // `check: (r) => expect(r.status).toBe(200)` and `expect(() => load(bad)).toThrow()` are how
      // vitest tests read; a void expression elsewhere (inside another expression) is still an error.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Tampering and fuzz tests delete fields of parsed JSON documents on purpose.
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },
);
