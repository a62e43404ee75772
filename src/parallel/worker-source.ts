/**
 * Where a worker thread gets its code: a simulation worker (worker.ts beside this file) or a
 * chart-drawing one (node/drawing-worker.ts), named by the URL of its TypeScript entry.
 *
 * Built (dist/, what `parley` and the published package run): the compiled .js file beside the
 * entry's, loaded by the worker thread as an ES module like any other; nothing is bundled at run time.
 *
 * From the TypeScript sources (the unit tests, `npm run bench`): a Node 20 worker cannot inherit
 * tsx's or vitest's loader, so the worker and what it imports are bundled once per process with
 * esbuild (a development dependency, loaded only here) into one CommonJS script that the worker
 * thread evaluates directly (about 70 ms). In the bundle import.meta.url is the entry's URL.
 */
import { fileURLToPath } from 'node:url';

export interface WorkerScript {
  /** A file URL to load, or (with `eval`) the script's text. */
  script: string | URL;
  eval: boolean;
}

const compiled = import.meta.url.endsWith('.js');

const INPUT_TYPE = /(^|\s)--input-type(?:=\S*|\s+(?!-)\S+)?(?=\s|$)/g;

/**
 * What a worker thread is started with besides its code, so that it starts wherever parley is
 * imported: nothing (it inherits the process's options and environment) unless the process has
 * --input-type, which Node refuses in a worker (ERR_INPUT_TYPE_NOT_ALLOWED) — parley imported from
 * `node --input-type=module -e '…'` lost every worker it started. Given on the command line, the
 * worker gets an empty execArgv (an explicit list may hold only options a worker accepts, not V8's
 * such as --max-old-space-size, and the workers run compiled JavaScript that needs none); given in
 * NODE_OPTIONS, which a worker reads again, it gets the environment without it.
 */
export function workerOptions(
  execArgv: readonly string[] = process.execArgv,
  env: NodeJS.ProcessEnv = process.env,
): { execArgv?: string[]; env?: NodeJS.ProcessEnv } {
  const onCommandLine = execArgv.some((arg) => arg === '--input-type' || arg.startsWith('--input-type='));
  const nodeOptions = env.NODE_OPTIONS;
  const inNodeOptions = nodeOptions !== undefined && /(^|\s)--input-type(=|\s|$)/.test(nodeOptions);
  return {
    ...(onCommandLine ? { execArgv: [] } : {}),
    ...(inNodeOptions ? { env: { ...env, NODE_OPTIONS: nodeOptions.replace(INPUT_TYPE, ' ').trim() } } : {}),
  };
}
const bundled = new Map<string, Promise<WorkerScript>>();

/**
 * The compiled worker's file, at once, when parley runs built (dist/); undefined from the sources,
 * whose worker must be bundled first (workerScript). A thread started at once begins loading while
 * the caller's thread goes on with synchronous work, such as simulating a batch in-process: a
 * promise's continuation would start it only when that work is done.
 */
export function compiledWorkerScript(entry: URL): WorkerScript | undefined {
  return compiled ? { script: new URL(entry.href.replace(/\.ts$/, '.js')), eval: false } : undefined;
}

/**
 * The simulation worker's code (worker.ts), or with `entry` (a .ts file's URL) another worker's.
 * `external`: packages the bundle leaves to require() at run time (a native addon such as resvg).
 */
export function workerScript(entry = new URL('./worker.ts', import.meta.url), { external = [] as string[] } = {}): Promise<WorkerScript> {
  const ready = compiledWorkerScript(entry);
  if (ready !== undefined) return Promise.resolve(ready);
  let script = bundled.get(entry.href);
  if (script === undefined) {
    script = bundleWorkerSource(entry, external).then((text) => ({ script: text, eval: true }));
    bundled.set(entry.href, script);
  }
  return script;
}

async function bundleWorkerSource(entry: URL, external: string[]): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    external,
    define: { 'import.meta.url': JSON.stringify(entry.href) },
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
