/**
 * The CLI's side of run folders (src/node/run-folder.ts): the default name, `--out` checked before
 * anything is simulated, and the temporary folder removed on a failure or Ctrl-C.
 */
import { RunFolder } from '../index.ts';
import { UsageError } from './usage-error.ts';

/** A folder name from the scenario and the start time, e.g. `ukraine-2025-20261126-104512`. */
export function defaultRunName(scenarioName: string, startedAt: Date): string {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${scenarioName}-${stamp}`;
}

/** Validates `--out` (or the default name), checks it is free, and creates the temporary folder. */
export function openRunFolder(out: string | undefined, defaultPath: string): RunFolder {
  if (out !== undefined && out.trim() === '') throw new UsageError(['--out: expected a folder path, got an empty one']);
  const destination = out ?? defaultPath;
  const taken = RunFolder.check(destination);
  if (taken) throw new UsageError([taken]);
  try {
    return RunFolder.open(destination);
  } catch (e) {
    throw new UsageError([`--out: cannot create ${destination}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`]);
  }
}

/**
 * Runs `work` on an open folder: if it throws (or the user presses Ctrl-C), the temporary
 * folder is removed, so nothing half-written is left behind.
 */
export async function withRunFolder<T>(folder: RunFolder, work: () => Promise<T>): Promise<T> {
  const interrupted = () => {
    folder.discard();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  try {
    return await work();
  } catch (e) {
    folder.discard();
    throw e;
  } finally {
    process.removeListener('SIGINT', interrupted);
  }
}
