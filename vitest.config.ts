import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Three projects, all run by `npm test` (which builds dist/ first):
//   unit: in-process tests of the library and of the CLI's main(argv) — test/*.test.ts;
//   e2e:  the built package as a user meets it — spawned `parley`, a packed tarball installed in
//         an empty folder, Chromium opening reports, a browser bundle of the core — test/e2e/;
//   bad-inputs: the corpus of hostile and broken inputs (model files, flags, folders, signals,
//         requests to the server) — test/bad-inputs/.
// `npx vitest run --project unit` runs one of them.
export default defineConfig({
  test: {
    // Worker threads, child processes and a browser share the cores. Two test files at a time even on
    // two cores (vitest's default there is one): the end-to-end files wait on child processes and
    // Chromium much of the time. Measured on this project's 2-core machine: the whole suite in
    // 221 s with one file at a time, 156 s with two, 170 s with four.
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      // The test files of a project share one module graph per vitest worker (isolate: false; no
      // vi.mock, no global state left behind — each browser file closes its Chromium): the sources,
      // the worker bundle, Vega and playwright load once per worker instead of once per file: about a
      // third of the unit tests' time; for the bad inputs 46 s of CPU instead of 57 s (measured here).
      // Unit tests run in worker threads rather than child processes: 42.6–46.0 s against 47.8–50.3 s for the
      // project on the idle 2-core machine (2026-11-29). The other projects spawn processes and send signals: forks.
      { extends: true, test: { name: 'unit', include: ['test/*.test.ts'], isolate: false, pool: 'threads' } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], isolate: false } },
      { extends: true, test: { name: 'bad-inputs', include: ['test/bad-inputs/**/*.test.ts'], isolate: false } },
    ],
  },
});
