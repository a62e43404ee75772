/**
 * A run folder on disk, written into a hidden temporary folder beside its destination and renamed
 * into place only when every file is written, so a killed or failed run leaves no folder that
 * looks finished, and a finished run is never overwritten.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

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

  writeJson(relative: string, value: unknown): void {
    this.write(relative, JSON.stringify(value, null, 2) + '\n');
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
