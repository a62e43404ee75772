/**
 * Vega and Vega-Lite as their single-file builds (vega.min.js, vega-lite.min.js: the files the
 * packages ship for the browser, and the ones report.html inlines), not as the packages' ES
 * modules. Loading the packages' entry points reads some 270 modules (vega's 30 sub-packages and
 * d3's) in about 0.25 s of CPU; the two built files load in about 0.05 s. They are the same code
 * at the same versions and draw the same SVGs, byte for byte (test/drawing-threads.test.ts).
 *
 * Each file is a UMD script; it is evaluated as CommonJS in a function of its own (as Node's own
 * loader does), with Vega-Lite's one `require("vega")` answered by the Vega just loaded, so
 * nothing is put on globalThis.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import { codeCacheFolder, runCachedScript, type CachedScript } from './code-cache.ts';

/** [package, file in its build folder]; located next to each package's entry point, which its exports allow resolving. */
export const VEGA_BUNDLES = {
  vega: ['vega', 'vega.min.js'],
  vegaLite: ['vega-lite', 'vega-lite.min.js'],
  vegaEmbed: ['vega-embed', 'vega-embed.min.js'],
} as const;

/** Where one of the built files is on disk. */
export function bundlePath([pkg, file]: readonly [string, string]): string {
  return join(dirname(createRequire(import.meta.url).resolve(pkg)), file);
}

/**
 * Evaluates a UMD file as a CommonJS module, in a function of its own on the line before the
 * file's first (so that line numbers are the file's), through V8's code cache (code-cache.ts);
 * `dependencies` answer its require() calls.
 */
function evaluateUmd(path: string, dependencies: Record<string, unknown>): CachedScript & { exports: unknown } {
  const module = { exports: {} as unknown };
  const wrapped = `(function (exports, module, require) {\n${readFileSync(path, 'utf8')}\n})`;
  const script = runCachedScript(wrapped, { path, folder: codeCacheFolder(), lineOffset: -1 });
  const run = script.value as (this: unknown, exports: unknown, module: { exports: unknown }, require: (name: string) => unknown) => void;
  const require = (name: string) => {
    if (!Object.hasOwn(dependencies, name)) throw new Error(`${path} requires "${name}", which parley does not provide`);
    return dependencies[name];
  };
  run.call(module.exports, module.exports, module, require);
  return { ...script, exports: module.exports };
}

export interface VegaLibraries {
  vega: typeof Vega;
  vegaLite: typeof VegaLite;
}

let loaded: (VegaLibraries & { scripts: CachedScript[] }) | undefined;

/** Vega and Vega-Lite, loaded from their built files on the first call. */
export function vegaLibraries(): VegaLibraries {
  if (loaded === undefined) {
    const vega = evaluateUmd(bundlePath(VEGA_BUNDLES.vega), {});
    const vegaLite = evaluateUmd(bundlePath(VEGA_BUNDLES.vegaLite), { vega: vega.exports });
    loaded = { vega: vega.exports as typeof Vega, vegaLite: vegaLite.exports as typeof VegaLite, scripts: [vega, vegaLite] };
  }
  return loaded;
}

/**
 * Writes Vega's and Vega-Lite's code caches with what has been compiled so far (after drawing,
 * the functions drawing used), unless the caches read at loading were taken. Returns how many
 * were written.
 */
export function saveVegaCodeCaches(): number {
  return (loaded?.scripts ?? []).filter((script) => script.save()).length;
}
