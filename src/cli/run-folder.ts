/**
 * Run folders on disk. A run writes into a hidden temporary folder beside its destination and
 * renames it into place only when every file is written, so a killed or failed run leaves no
 * folder that looks finished, and a finished run is never overwritten.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './usage-error.ts';

export class RunFolder {
  readonly destination: string;
  readonly temporary: string;

  private constructor(destination: string) {
    this.destination = destination;
    this.temporary = join(dirname(destination), `.${basename(destination)}.partial-${process.pid}`);
  }

  /** Checks the destination is free; creates nothing. Returns an error message if it is not. */
  static check(destination: string): string | undefined {
    if (existsSync(resolve(destination))) return `${destination} already exists; parley never overwrites an earlier run (choose another --out)`;
    return undefined;
  }

  /** Creates the temporary folder (call only once the inputs are known to be valid). */
  static open(destination: string): RunFolder {
    const folder = new RunFolder(resolve(destination));
    mkdirSync(dirname(folder.destination), { recursive: true });
    rmSync(folder.temporary, { recursive: true, force: true });
    mkdirSync(folder.temporary, { recursive: true });
    return folder;
  }

  path(...parts: string[]): string {
    return join(this.temporary, ...parts);
  }

  write(relative: string, content: string | Uint8Array): void {
    const target = this.path(relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }

  /** Writes `value` as indented JSON; returns the text written. */
  writeJson(relative: string, value: unknown): string {
    const text = JSON.stringify(value, null, 2) + '\n';
    this.write(relative, text);
    return text;
  }

  /** Moves the finished folder into place; fails (keeping the earlier run) if something took the name. */
  commit(): string {
    if (existsSync(this.destination)) {
      throw new Error(`${this.destination} was created by something else while this run was going; it was left alone and this run discarded`);
    }
    renameSync(this.temporary, this.destination);
    return this.destination;
  }

  discard(): void {
    rmSync(this.temporary, { recursive: true, force: true });
  }
}

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
