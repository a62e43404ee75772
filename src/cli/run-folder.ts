/**
 * The CLI's side of run folders (src/node/run-folder.ts): the default name, `--out` checked before
 * anything is simulated, the partial folder removed on a failure or a signal, and the single files
 * `init`, `import` and `schema --out` write.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { cannotCreate, RunFolder } from '../node/run-folder.ts';
import { UsageError } from '../node/usage-error.ts';
import { describeSystemError, EnvironmentError, isSystemError } from '../node/environment-error.ts';

/**
 * Writes one file the user asked for (`parley init`, `import`, `schema --out`): its folder is
 * created, an existing file is never overwritten unless `overwrite`, and a path that cannot be
 * written is a UsageError naming the flag; a disk that fails while writing is an EnvironmentError.
 */
export function writeOutputFile(path: string, text: string, options: { flag: string; command: string; overwrite?: boolean }): void {
  const refuse = () => new UsageError([`${path} already exists; ${options.command} never overwrites a file (choose another ${options.flag})`]);
  if (!options.overwrite && existsSync(path)) throw refuse();
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
  } catch (e) {
    throw cannotCreate(path, e, options.flag);
  }
  try {
    writeFileSync(path, text, { flag: options.overwrite ? 'w' : 'wx' });
  } catch (e) {
    if (isSystemError(e) && e.code === 'EEXIST') throw refuse();
    if (isSystemError(e) && e.code === 'ENOSPC') throw new EnvironmentError([describeSystemError(e, `cannot write ${path}`)]);
    throw cannotCreate(path, e, options.flag);
  }
}

/** A folder name from the scenario and the start time, e.g. `ukraine-2025-20261126-104512`. */
export function defaultRunName(scenarioName: string, startedAt: Date): string {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${scenarioName}-${stamp}`;
}

/**
 * Validates `--out` (or the default name), checks it is free, and creates the partial folder —
 * with the signal handlers that remove it installed first, so a signal that arrives as the folder
 * appears (a scheduler's SIGTERM, a Ctrl-C) cannot leave it behind. `withRunFolder` takes them over.
 */
export function openRunFolder(out: string | undefined, defaultPath: string, err: NodeJS.WritableStream = process.stderr): RunFolder {
  if (out !== undefined && out.trim() === '') throw new UsageError(['--out: expected a folder path, got an empty one']);
  const destination = out ?? defaultPath;
  const taken = RunFolder.check(destination);
  if (taken) throw new UsageError([taken]);
  const guard = new SignalGuard(err);
  try {
    guard.folder = RunFolder.open(destination);
  } catch (e) {
    guard.release();
    throw e;
  }
  guards.set(guard.folder, guard);
  return guard.folder;
}

/** Exit codes of a process stopped by a signal, as shells report them (128 + the signal number). */
const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM' | 'SIGHUP', number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

type StopSignal = keyof typeof SIGNAL_EXIT;

/**
 * The handlers that remove a partial folder when the process is asked to stop. Node runs them
 * from its event loop, never in the middle of synchronous code, so they are installed before the
 * folder is created and see it once it exists; removed when the folder's work is over.
 */
class SignalGuard {
  folder: RunFolder | null = null;
  private readonly handlers: (readonly [StopSignal, () => void])[];

  constructor(err: NodeJS.WritableStream) {
    this.handlers = (Object.keys(SIGNAL_EXIT) as StopSignal[]).map((signal) => {
      const stop = () => {
        this.folder?.discard();
        err.write(`\nparley: stopped by ${signal}; the partial folder was removed, nothing was written.\n`);
        process.exit(SIGNAL_EXIT[signal]);
      };
      process.once(signal, stop);
      return [signal, stop] as const;
    });
  }

  release(): void {
    for (const [signal, stop] of this.handlers) process.removeListener(signal, stop);
  }
}

/** The guard of each folder `openRunFolder` opened, until `withRunFolder` releases it. */
const guards = new WeakMap<RunFolder, SignalGuard>();

/**
 * Runs `work` on a folder `openRunFolder` opened: if it throws, or the process is asked to stop
 * (Ctrl-C, SIGTERM from a job scheduler, SIGHUP when the terminal closes), the partial folder is
 * removed, so nothing half-written is left behind. Exiting stops the worker threads with the process.
 */
export async function withRunFolder<T>(folder: RunFolder, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    folder.discard();
    throw e;
  } finally {
    guards.get(folder)?.release();
    guards.delete(folder);
    // Work that returned without committing (a batch that failed) leaves nothing either.
    folder.discard();
  }
}
