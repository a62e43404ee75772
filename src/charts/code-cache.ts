/**
 * V8's code cache for a large script that every command evaluates (the bundled command line,
 * bin/parley.mjs; Vega's and Vega-Lite's built files, vega-bundles.ts): the bytecode of the
 * functions the script has run, kept on disk so that the next process does not parse and compile
 * them again (Node's vm.Script `cachedData` and `createCachedData()`; "code caching",
 * v8.dev/blog/code-caching-for-devs). Node 22 does this for modules itself (module.enableCompileCache);
 * Node 20, which parley supports, does not. Made after the work, the cache holds the functions
 * compiled lazily on the way, not only the top level.
 *
 * The cache is only ever a shortcut: the script is the same and does the same.
 * - V8 takes a cache only from its own version and flags; it rejects any other (the script then
 *   compiles as without one, and the cache is made again). V8 checks the source by its length
 *   alone, so the file's name carries a hash of the script's text: another build of the same
 *   length never finds this one's cache, and making a cache removes those of other builds.
 * - Where: $PARLEY_CACHE_DIR, else $XDG_CACHE_HOME/parley, else ~/.cache/parley; PARLEY_CACHE_DIR
 *   set empty turns it off. The folder is made for the user alone (mode 0700): bytecode read from a
 *   folder others can write to would run as theirs.
 * - V8 does not check the cache's bytes (a damaged one it may take), so the file starts with their
 *   SHA-256, and a file whose bytes do not match it is no cache.
 * - A cache that cannot be read or written (no home, a read-only disk) is skipped in silence; a
 *   file is written whole under a temporary name and renamed, so a reader never sees half of one.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { Script } from 'node:vm';

/** The cache folder from the environment, or undefined when turned off or no home is known. */
export function codeCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const set = env.PARLEY_CACHE_DIR;
  if (set !== undefined) return set.trim() === '' ? undefined : set;
  if (env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '') return join(env.XDG_CACHE_HOME, 'parley');
  try {
    const home = homedir();
    return home === '' ? undefined : join(home, '.cache', 'parley');
  } catch {
    return undefined;
  }
}

export interface CachedScriptOptions {
  /** The file the source is from: its name in stack traces and in the cache's. */
  path: string;
  /** The cache folder (codeCacheFolder()); undefined: no cache. */
  folder: string | undefined;
  /** Lines put before the file's own text (a wrapper), so that line numbers are the file's. */
  lineOffset?: number;
  /** Which use of the script the cache is for (a command's name): each keeps its own functions. */
  use?: string;
}

export interface CachedScript {
  /** The script's value (for a function expression: the function). */
  value: unknown;
  /** True when a cache was found and V8 took it. */
  cacheUsed: boolean;
  /** Writes the cache of what has been compiled so far, unless the one read was taken; true when written. */
  save: () => boolean;
}

const EXTENSION = '.v8cache';

/** The cache file's name: the script's file, a hash of its text, and the use. */
function cacheName(path: string, source: string, use: string | undefined): { name: string; build: string } {
  const build = `${basename(path)}-${createHash('sha256').update(source).digest('hex').slice(0, 16)}`;
  return { name: `${build}${use === undefined ? '' : `-${use}`}${EXTENSION}`, build };
}

/** Evaluates `source` with the cache from `folder` when there is one there. */
export function runCachedScript(source: string, { path, folder, lineOffset = 0, use }: CachedScriptOptions): CachedScript {
  const { name, build } = cacheName(path, source, use);
  const file = folder === undefined ? undefined : join(folder, name);
  const cachedData = file === undefined ? undefined : readOrNothing(file);
  const script = new Script(source, { filename: path, lineOffset, ...(cachedData === undefined ? {} : { cachedData }) });
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  const value: unknown = script.runInThisContext();
  const save = () => {
    if (cacheUsed || file === undefined || folder === undefined) return false;
    const temporary = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}`;
    try {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const data = script.createCachedData();
      writeFileSync(temporary, Buffer.concat([digest(data), data]), { mode: 0o600 });
      renameSync(temporary, file);
    } catch {
      rmSync(temporary, { force: true });
      return false;
    }
    removeOtherBuilds(folder, basename(path), build);
    return true;
  };
  return { value, cacheUsed, save };
}

/** Caches of the same file from other builds (another parley, another Vega): never taken again. */
function removeOtherBuilds(folder: string, file: string, build: string): void {
  try {
    for (const entry of readdirSync(folder)) {
      if (entry.startsWith(`${file}-`) && entry.endsWith(EXTENSION) && !entry.startsWith(build)) rmSync(join(folder, entry), { force: true });
    }
  } catch {
    // Left for the next save.
  }
}

const DIGEST_BYTES = 32;

function digest(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/** The cache's bytes, when the file is there and they match the digest it starts with. */
function readOrNothing(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const data = bytes.subarray(DIGEST_BYTES);
  return bytes.length > DIGEST_BYTES && digest(data).equals(bytes.subarray(0, DIGEST_BYTES)) ? data : undefined;
}
