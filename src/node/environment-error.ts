/**
 * Failures of the machine rather than of the input: a full disk, a folder parley may not write,
 * a read-only file system. Printed as one plain line without a stack trace, exit 1 (the user's
 * input was fine; the environment must change). Problems with what the user typed stay
 * UsageErrors (exit 2); everything else that escapes is a bug (main.ts).
 */

import { LinesError } from './usage-error.ts';

/** A failure of the environment: printed without a stack trace, exit 1. */
export class EnvironmentError extends LinesError {
  constructor(lines: readonly string[]) {
    super(lines);
    this.name = 'EnvironmentError';
  }
}

/** An error raised by a system call (it carries an errno code such as ENOSPC). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException & { code: string } {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((e as NodeJS.ErrnoException).code ?? '');
}

/** What each common errno means, in words, and what to do about it. */
const PLAIN: Partial<Record<string, { what: string; todo: string }>> = {
  ENOSPC: { what: 'no space left on the device', todo: 'free some space or choose a folder on another disk' },
  EDQUOT: { what: 'the disk quota is used up', todo: 'free some space or choose a folder on another disk' },
  EACCES: { what: 'permission denied', todo: "check the folder's permissions or choose a folder you can write to" },
  EPERM: { what: 'operation not permitted', todo: "check the file's permissions and attributes or choose another place" },
  EROFS: { what: 'the file system is read-only', todo: 'choose a folder on a writable disk' },
  ENOTDIR: { what: 'a part of the path is a file, not a folder', todo: 'choose a path whose every part is a folder' },
  EEXIST: { what: 'it already exists', todo: 'choose another name; parley never overwrites' },
  EISDIR: { what: 'it is a folder, not a file', todo: 'give the path of a file' },
  ENOENT: { what: 'no such file or folder', todo: 'check the path' },
  ENAMETOOLONG: { what: 'the name is too long for the file system', todo: 'choose a shorter path' },
  EMFILE: { what: 'too many open files', todo: 'raise the limit (ulimit -n) or use fewer --workers' },
  ENFILE: { what: 'too many open files on the system', todo: 'close other programs or try again later' },
  EIO: { what: 'an input/output error of the device', todo: 'check the disk' },
  EBUSY: { what: 'the file or device is busy', todo: 'try again when it is free' },
  ENOMEM: { what: 'out of memory', todo: 'use fewer --workers or a smaller model' },
  EXDEV: { what: 'it lies on another file system', todo: 'choose a folder on the same disk' },
  ENOTEMPTY: { what: 'a folder of that name already exists and is not empty', todo: 'choose another name; parley never overwrites' },
};

/**
 * One line for a failed system call: `doing` says what parley was doing ("cannot write
 * runs/x/summary.json"), then what the error means and what to do. Unknown codes keep their code.
 */
export function describeSystemError(e: NodeJS.ErrnoException, doing: string): string {
  const code = e.code ?? 'unknown error';
  const plain = PLAIN[code];
  return plain === undefined ? `${doing}: ${code} (${e.message})` : `${doing}: ${plain.what} (${code}); ${plain.todo}`;
}

/** Codes that mean the path the user gave is unusable as given (exit 2) rather than the machine failing (exit 1). */
export const PATH_CODES: ReadonlySet<string> = new Set(['ENOTDIR', 'EEXIST', 'EISDIR', 'ENOENT', 'ENAMETOOLONG', 'ENOTEMPTY']);
