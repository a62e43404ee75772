/**
 * Run folders on disk. A run writes into a hidden partial folder beside its destination
 * (`.NAME.partial`) and renames it into place only when every file is written, so a killed or
 * failed run leaves no folder that looks finished, and a finished run is never overwritten.
 *
 * The partial folder doubles as a lock: it is created exclusively (mkdir fails if it exists) and
 * holds a marker with the writer's process id, so of two runs to one `--out` the second learns at
 * once that another process is writing there (exit 2), and a partial folder left by a run that was
 * killed (SIGKILL, a crash, a power cut) is recognised later and explained, with the command that
 * removes it. SIGINT and SIGTERM remove the partial folder before parley exits.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { UsageError } from './usage-error.ts';
import { describeSystemError, EnvironmentError, isSystemError } from './environment-error.ts';
import { shellQuote } from './shell-quote.ts';

/** The file inside a partial folder that says who is writing it. */
export const PARTIAL_MARKER = '.parley-partial.json';

interface PartialMarker {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

/** A path as the user best recognises it: relative to the working folder when inside it, else absolute. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel === '' ? '.' : rel.startsWith('..') ? resolve(path) : rel;
}

/** The partial folder of `destination` (older versions of parley added `-PID`; see findPartialFolders). */
export function partialPathOf(destination: string): string {
  return join(dirname(destination), `.${basename(destination)}.partial`);
}

function readMarker(partial: string): PartialMarker | undefined {
  try {
    // A marker written by another process (or another parley): check each field before trusting it.
    const m = JSON.parse(readFileSync(join(partial, PARTIAL_MARKER), 'utf8')) as Partial<Record<keyof PartialMarker, unknown>>;
    if (typeof m.pid !== 'number' || typeof m.host !== 'string') return undefined;
    return { pid: m.pid, host: m.host, startedAt: typeof m.startedAt === 'string' ? m.startedAt : '', command: typeof m.command === 'string' ? m.command : '' };
  } catch {
    return undefined;
  }
}

/** Whether process `pid` exists on this machine (EPERM: it exists, owned by someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What a partial folder is: being written now, left by a stopped run, or unknown (another machine, no marker). */
export interface PartialFolder {
  /** Path of the partial folder. */
  path: string;
  /** The finished folder's name it would have become. */
  name: string;
  state: 'running' | 'stopped' | 'unknown';
  /** Who wrote it, when known: "PID 123 on host, started 2026-…". */
  writer: string;
}

export function inspectPartial(path: string, name: string): PartialFolder {
  const marker = readMarker(path);
  if (marker === undefined) return { path, name, state: 'unknown', writer: 'no record of the run that wrote it' };
  const writer = `PID ${marker.pid} on ${marker.host}, started ${marker.startedAt}`;
  if (marker.host !== hostname()) return { path, name, state: 'unknown', writer };
  return { path, name, state: processAlive(marker.pid) && marker.pid !== process.pid ? 'running' : 'stopped', writer };
}

/** The command that removes a partial folder, quoted for a POSIX shell. */
export function removeCommand(path: string): string {
  return `rm -rf ${shellQuote(displayPath(path))}`;
}

/** The partial folders directly inside `dir` (`.NAME.partial`, and `.NAME.partial-PID` from older versions). */
export function findPartialFolders(dir: string): PartialFolder[] {
  const out: PartialFolder[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const m = /^\.(.+)\.partial(?:-\d+)?$/.exec(entry.name);
    if (m && entry.isDirectory()) out.push(inspectPartial(join(dir, entry.name), m[1]));
  }
  return out;
}

/** The message for a partial folder that is in the way of a new run to `destination`. */
function partialInTheWay(destination: string, partial: PartialFolder): string[] {
  const out = `--out ${displayPath(destination)}`;
  if (partial.state === 'running') {
    return [`${out}: another parley process (${partial.writer}) is writing this folder now; wait for it to finish or choose another --out`];
  }
  const why =
    partial.state === 'stopped'
      ? `left by a run that was stopped before it finished (${partial.writer}; killed or crashed)`
      : `of unknown origin (${partial.writer})`;
  return [
    `${out}: an unfinished partial folder ${displayPath(partial.path)} is in the way, ${why}.`,
    `It holds no finished results. Remove it with:  ${removeCommand(partial.path)}  — then run again, or choose another --out.`,
  ];
}

/** The nearest ancestor of `path` (itself included) that exists, and whether it is a folder. */
function nearestExisting(path: string): { path: string; isFolder: boolean } {
  let p = resolve(path);
  for (;;) {
    try {
      return { path: p, isFolder: statSync(p).isDirectory() };
    } catch {
      const up = dirname(p);
      if (up === p) return { path: p, isFolder: true };
      p = up;
    }
  }
}

/** Why `destination` cannot be created, as one line naming --out (exit 2: the flag's value must change). */
export function cannotCreate(destination: string, e: unknown, flag: string): UsageError {
  const shown = `${flag} ${destination}`;
  const code = isSystemError(e) ? e.code : '';
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    const blocker = nearestExisting(dirname(resolve(destination)));
    if (!blocker.isFolder)
      return new UsageError([`${shown}: ${displayPath(blocker.path)} is a file, not a folder, so nothing can be created under it; choose another ${flag}`]);
  }
  if (code === 'EROFS') return new UsageError([`${shown}: the file system there is read-only; choose a folder on a writable disk`]);
  if (code === 'EACCES' || code === 'EPERM') return new UsageError([`${shown}: permission denied; choose a folder you can write to`]);
  if (code === 'ENOENT')
    return new UsageError([
      `${shown}: a folder cannot be created there (no such file or folder; special file systems such as /proc and /dev hold no run folders); choose another ${flag}`,
    ]);
  if (isSystemError(e)) return new UsageError([describeSystemError(e, `${shown}: cannot create the folder`)]);
  throw e;
}

export class RunFolder {
  readonly destination: string;
  readonly temporary: string;
  private finished = false;

  private constructor(destination: string) {
    this.destination = destination;
    this.temporary = partialPathOf(destination);
  }

  /** Checks the destination is free; creates nothing. Returns an error message if it is not. */
  static check(destination: string, flag = '--out'): string | undefined {
    let exists = false;
    try {
      lstatSync(resolve(destination));
      exists = true;
    } catch (e) {
      if (isSystemError(e) && e.code !== 'ENOENT' && e.code !== 'ENOTDIR') throw cannotCreate(destination, e, flag);
    }
    if (exists) return `${destination} already exists; parley never overwrites an earlier run (choose another ${flag})`;
    return undefined;
  }

  /**
   * Creates the partial folder (call only once the inputs are known to be valid), exclusively:
   * if it exists, another run is writing there or a stopped run left it (a UsageError says which).
   */
  static open(destination: string, meta: { command: string } = { command: process.argv.slice(2).join(' ') }, flag = '--out'): RunFolder {
    const folder = new RunFolder(resolve(destination));
    try {
      mkdirSync(dirname(folder.destination), { recursive: true });
      mkdirSync(folder.temporary);
    } catch (e) {
      if (isSystemError(e) && e.code === 'EEXIST' && existsSync(folder.temporary) && statSync(folder.temporary).isDirectory()) {
        throw new UsageError(partialInTheWay(folder.destination, inspectPartial(folder.temporary, basename(folder.destination))));
      }
      throw cannotCreate(destination, e, flag);
    }
    const marker: PartialMarker = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command: meta.command };
    folder.write(PARTIAL_MARKER, JSON.stringify(marker) + '\n');
    return folder;
  }

  path(...parts: string[]): string {
    return join(this.temporary, ...parts);
  }

  write(relativePath: string, content: string | Uint8Array): void {
    const target = this.path(relativePath);
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    } catch (e) {
      if (isSystemError(e)) throw new EnvironmentError([describeSystemError(e, `cannot write ${displayPath(target)}`)]);
      throw e;
    }
  }

  /** Writes `value` as indented JSON; returns the text written. */
  writeJson(relativePath: string, value: unknown): string {
    const text = JSON.stringify(value, null, 2) + '\n';
    this.write(relativePath, text);
    return text;
  }

  /** Moves the finished folder into place; refuses (keeping what is there) if something took the name. */
  commit(): string {
    if (existsSync(this.destination)) {
      throw new UsageError([
        `${this.destination} was created by something else while this run was going; parley never overwrites it, so this run's results were discarded (choose another --out)`,
      ]);
    }
    try {
      renameSync(this.temporary, this.destination);
    } catch (e) {
      if (isSystemError(e)) throw new EnvironmentError([describeSystemError(e, `cannot move the finished folder into place as ${this.destination}`)]);
      throw e;
    }
    this.finished = true;
    try {
      unlinkSync(join(this.destination, PARTIAL_MARKER));
    } catch {
      // The folder is finished either way; a stray marker inside it is harmless.
    }
    return this.destination;
  }

  /** Whether commit() moved the folder into place. */
  get committed(): boolean {
    return this.finished;
  }

  /** Removes the partial folder (never the finished one). */
  discard(): void {
    if (this.finished) return;
    try {
      rmSync(this.temporary, { recursive: true, force: true });
    } catch {
      // Nothing more can be done here; view and the next run to this --out will point at it.
    }
  }
}
