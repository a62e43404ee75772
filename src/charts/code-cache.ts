/**
 * V8's code cache for a large script that every command evaluates (the bundled command line,
 * bin/parley.mjs; Vega's and Vega-Lite's built files, vega-bundles.ts): the bytecode of the
 * functions the script has run, kept on disk so that the next process does not parse and compile
 * them again (Node's vm.Script `cachedData` and `createCachedData()`; "code caching",
 * v8.dev/blog/code-caching-for-devs). Node 22 does this for modules itself (module.enableCompileCache);
 * Node 20, which parley supports, does not. Made after the work, the cache holds the functions
 * compiled lazily on the way, not only the top level.
 *
 * The cache is only ever a shortcut: the script is the same and does the same, and a cache that
 * cannot be read or written (no home, a read-only or full disk, a file where the folder should
 * be) is skipped in silence.
 * - V8 takes a cache only from its own version and flags; it refuses any other (the script then
 *   compiles as without one, and the cache is made again). So that two kinds of process (the
 *   command line, which sets V8 flags, and a program using the library) do not keep remaking each
 *   other's cache, the file's name carries the Node version and the flags. V8 checks the source by
 *   its length alone, so the name carries a hash of the script's text too.
 * - V8 does not check the cache's bytes (a damaged one it may take), so the file starts with their
 *   SHA-256, and a file whose bytes do not match it is no cache.
 * - Bytecode read from a folder others can write to would run as theirs: the folder is made for the
 *   user alone (mode 0700), and a folder or file that is not the user's own, that others may write
 *   to, or that is a symbolic link is not read.
 * - Where: $PARLEY_CACHE_DIR, else $XDG_CACHE_HOME/parley, else ~/.cache/parley; PARLEY_CACHE_DIR
 *   set empty turns it off. A file is written whole under a temporary name and renamed, so a reader
 *   never sees half of one; caches of other builds unused for a week, and temporary files left by a
 *   process that died, are removed when a cache is written.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Script } from 'node:vm';

/** The cache folder from the environment, or undefined when turned off or no home is known. */
export function codeCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const set = env.PARLEY_CACHE_DIR;
  if (set !== undefined) return set.trim() === '' ? undefined : resolve(set);
  if (env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '') return join(resolve(env.XDG_CACHE_HOME), 'parley');
  try {
    const home = homedir();
    return home === '' ? undefined : join(home, '.cache', 'parley');
  } catch {
    return undefined;
  }
}

/**
 * The V8 flags bin/parley.mjs sets at run time (setFlagsFromString), which process.execArgv does not
 * show: the command line records them here, in the environment, which its worker threads inherit.
 */
export const RUNTIME_FLAGS_VARIABLE = 'PARLEY_V8_FLAGS';

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
  /** Writes the cache of what has been compiled so far, unless the one read was taken; true when written. Never throws. */
  save: () => boolean;
}

const EXTENSION = '.v8cache';
const TEMPORARY = '.partial-';
const DIGEST_BYTES = 32;
const WEEK_MS = 7 * 24 * 3600 * 1000;
/** A temporary file this old was left by a process that died before renaming it. */
const ABANDONED_MS = 60 * 1000;

const hash = (text: string | Uint8Array) => createHash('sha256').update(text).digest();

/** The cache file's name: the script's file, its text and the V8 that compiles it (hashed), and the use. */
function cacheName(path: string, source: string, use: string | undefined): { name: string; build: string } {
  const v8 = `${process.version} ${process.execArgv.join(' ')} ${process.env[RUNTIME_FLAGS_VARIABLE] ?? ''}`;
  const build = `${basename(path)}-${hash(source).toString('hex').slice(0, 16)}`;
  return { name: `${build}-${hash(v8).toString('hex').slice(0, 8)}${use === undefined ? '' : `-${use}`}${EXTENSION}`, build };
}

/** Evaluates `source` with the cache from `folder` when there is one there. */
export function runCachedScript(source: string, { path, folder, lineOffset = 0, use }: CachedScriptOptions): CachedScript {
  const { name, build } = cacheName(path, source, use);
  const file = folder === undefined ? undefined : join(folder, name);
  const cachedData = folder === undefined || file === undefined ? undefined : readTrusted(folder, file);
  const script = new Script(source, { filename: path, lineOffset, ...(cachedData === undefined ? {} : { cachedData }) });
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  const value: unknown = script.runInThisContext();
  const save = () => {
    if (cacheUsed || file === undefined || folder === undefined) return false;
    const temporary = `${file}${TEMPORARY}${process.pid}-${Math.random().toString(36).slice(2)}`;
    try {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const data = script.createCachedData();
      writeFileSync(temporary, Buffer.concat([hash(data), data]), { mode: 0o600 });
      renameSync(temporary, file);
    } catch {
      quietly(() => {
        rmSync(temporary, { force: true });
      });
      return false;
    }
    quietly(() => {
      removeStale(folder, basename(path), build);
    });
    return true;
  };
  return { value, cacheUsed, save };
}

function quietly(work: () => void): void {
  try {
    work();
  } catch {
    // A cache is a shortcut: what cannot be tidied now is tidied by a later save.
  }
}

/** Another build's caches of the same file unused for a week, and temporary files a dead process left. */
function removeStale(folder: string, file: string, build: string): void {
  const now = Date.now();
  for (const entry of readdirSync(folder)) {
    if (!entry.startsWith(`${file}-`)) continue;
    const age = now - lstatSync(join(folder, entry)).mtimeMs;
    const abandoned = entry.includes(TEMPORARY) && age > ABANDONED_MS;
    const otherBuild = entry.endsWith(EXTENSION) && !entry.startsWith(`${build}-`) && age > WEEK_MS;
    if (abandoned || otherBuild) rmSync(join(folder, entry), { force: true });
  }
}

/** Whether a folder or file is the user's own and no one else may write to it (where there are owners: not on Windows). */
function ownedAlone(stats: Stats): boolean {
  const uid = process.getuid?.();
  return !stats.isSymbolicLink() && (uid === undefined || (stats.uid === uid && (stats.mode & 0o022) === 0));
}

/** The cache's bytes, when folder and file may be trusted and the bytes match the digest the file starts with. */
function readTrusted(folder: string, file: string): Buffer | undefined {
  try {
    const folderStats = lstatSync(folder);
    const fileStats = lstatSync(file);
    if (!folderStats.isDirectory() || !ownedAlone(folderStats) || !fileStats.isFile() || !ownedAlone(fileStats)) return undefined;
    const bytes = readFileSync(file);
    const data = bytes.subarray(DIGEST_BYTES);
    return bytes.length > DIGEST_BYTES && hash(data).equals(bytes.subarray(0, DIGEST_BYTES)) ? data : undefined;
  } catch {
    return undefined;
  }
}
