/**
 * Reading the files of an earlier output folder, with a usage error (exit 2) for what is missing,
 * broken, not a regular file (a FIFO, a device, a folder: refused at once, never waited on) or
 * larger than such a file can be (refused before it is read).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { UsageError } from '../node/usage-error.ts';
import { thousands } from '../format/numbers.ts';

/** The default cap on a folder file read whole (summary.json, manifest.json, scenario.json …). */
export const FOLDER_FILE_MAX_BYTES = 256 * 2 ** 20;

/** Plain words for the errors opening a file can end in. */
function openProblem(e: unknown, writtenBy: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return `no such file (is this a folder written by ${writtenBy}?)`;
    case 'ENOTDIR':
      return `not inside a folder (is this a folder written by ${writtenBy}?)`;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (cannot read it)';
    case 'ELOOP':
      return 'a loop of symbolic links';
    default:
      return `cannot open it (${code ?? String(e)})`;
  }
}

/**
 * Opens `file` for reading without blocking (a FIFO with no writer would otherwise wait forever)
 * and checks it is a regular file; returns its descriptor and size. The caller closes it.
 */
export function openFolderFile(file: string, writtenBy: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new UsageError([`${file}: ${openProblem(e, writtenBy)}`]);
  }
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    closeSync(fd);
    const kind = stat.isDirectory() ? 'a folder' : stat.isFIFO() ? 'a FIFO' : stat.isSocket() ? 'a socket' : 'a device or other special file';
    throw new UsageError([`${file}: ${kind}, not a regular file (is this a folder written by ${writtenBy}?)`]);
  }
  return { fd, size: stat.size };
}

/**
 * The bytes of `file`, refused (exit 2) if larger than `maxBytes`; `limitWhy` says where the limit
 * comes from, e.g. "what a shard of this scenario can hold".
 */
export function readFolderBytes(file: string, writtenBy: string, maxBytes: number = FOLDER_FILE_MAX_BYTES, limitWhy = 'what parley writes'): Buffer {
  const { fd, size } = openFolderFile(file, writtenBy);
  try {
    if (size > maxBytes) {
      throw new UsageError([`${file}: ${thousands(size)} bytes, more than ${limitWhy} (at most ${thousands(maxBytes)} bytes); not a file parley wrote`]);
    }
    const bytes = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** `writtenBy` completes "is this a folder written by …?" in the message for a missing file. */
export function readFolderText(file: string, writtenBy: string, maxBytes?: number, limitWhy?: string): string {
  return readFolderBytes(file, writtenBy, maxBytes, limitWhy).toString('utf8');
}

export function parseFolderJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError([`${file}: not valid JSON (${(e as Error).message})`]);
  }
}

export function readFolderJson(file: string, writtenBy: string, maxBytes?: number, limitWhy?: string): unknown {
  return parseFolderJson(file, readFolderText(file, writtenBy, maxBytes, limitWhy));
}
