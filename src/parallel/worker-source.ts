/**
 * The worker's code, bundled once per process with esbuild into one CommonJS script that a
 * worker thread evaluates directly. A Node 20 worker cannot inherit tsx's loader; registering tsx
 * inside every worker cost about a second per worker (loading esbuild, compiling each module).
 * Bundling in the main thread takes about 70 ms and workers then start in tens of milliseconds.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

let bundled: Promise<string> | undefined;

export function workerSource(): Promise<string> {
  bundled ??= build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0].text);
  return bundled;
}
