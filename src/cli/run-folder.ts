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

/** Validates `--out` (or the default name), checks it is free, and creates the partial folder. */
export function openRunFolder(out: string | undefined, defaultPath: string): RunFolder {
  if (out !== undefined && out.trim() === '') throw new UsageError(['--out: expected a folder path, got an empty one']);
  const destination = out ?? defaultPath;
  const taken = RunFolder.check(destination);
  if (taken) throw new UsageError([taken]);
  return RunFolder.open(destination);
}

/** Exit codes of a process stopped by a signal, as shells report them (128 + the signal number). */
const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM' | 'SIGHUP', number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * Runs `work` on an open folder: if it throws, or the process is asked to stop (Ctrl-C, SIGTERM
 * from a job scheduler, SIGHUP when the terminal closes), the partial folder is removed, so
 * nothing half-written is left behind. Exiting stops the worker threads with the process.
 */
export async function withRunFolder<T>(folder: RunFolder, work: () => Promise<T>, err: NodeJS.WritableStream = process.stderr): Promise<T> {
  const handlers = (Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]).map((signal) => {
    const stop = () => {
      folder.discard();
      err.write(`\nparley: stopped by ${signal}; the partial folder was removed, nothing was written.\n`);
      process.exit(SIGNAL_EXIT[signal]);
    };
    process.once(signal, stop);
    return [signal, stop] as const;
  });
  try {
    return await work();
  } catch (e) {
    folder.discard();
    throw e;
  } finally {
    for (const [signal, stop] of handlers) process.removeListener(signal, stop);
    // Work that returned without committing (a batch that failed) leaves nothing either.
    folder.discard();
  }
}
