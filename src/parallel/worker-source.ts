/**
 * Where a simulation worker thread gets its code.
 *
 * Built (dist/, what `parley` and the published package run): the compiled worker.js beside this
 * file, loaded by the worker thread as an ES module like any other; nothing is bundled at run time.
 *
 * From the TypeScript sources (the unit tests, `npm run bench`): a Node 20 worker cannot inherit
 * tsx's or vitest's loader, so the worker and what it imports are bundled once per process with
 * esbuild (a development dependency, loaded only here) into one CommonJS script that the worker
 * thread evaluates directly (about 70 ms).
 */
import { fileURLToPath } from 'node:url';

export interface WorkerScript {
  /** A file URL to load, or (with `eval`) the script's text. */
  script: string | URL;
  eval: boolean;
}

const compiled = import.meta.url.endsWith('.js');
let bundled: Promise<WorkerScript> | undefined;

export function workerScript(): Promise<WorkerScript> {
  if (compiled) return Promise.resolve({ script: new URL('./worker.js', import.meta.url), eval: false });
  bundled ??= bundleWorkerSource().then((text) => ({ script: text, eval: true }));
  return bundled;
}

async function bundleWorkerSource(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
