/**
 * Reading an input file (a model, an importer's data) safely: it must be a regular file on a
 * disk, no larger than a stated limit, and UTF-8 text. Checked before reading a byte, so a FIFO
 * without a writer, /dev/zero, /dev/stdin or a /proc file is refused at once instead of blocking
 * or growing without bound. Problems come back as one-line messages, not exceptions.
 */
import { closeSync, fstatSync, openSync, readSync, statfsSync, statSync, type Stats } from 'node:fs';

/** Model and data files parley reads are at most this large (the default scenario is about 30 KB). */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** File systems whose files are not data on a disk (their sizes say nothing; reads may never end). */
const SPECIAL_FILE_SYSTEMS: Partial<Record<number, string>> = {
  0x9fa0: '/proc',
  0x62656572: '/sys',
  0x64626720: 'debugfs',
  0x1cd1: 'devpts',
  0x858458f6: 'ramfs',
};

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export type TextFileResult = { ok: true; text: string } | { ok: false; message: string };

/** Reads `file` as UTF-8 text (a leading byte-order mark dropped), or says why it cannot. */
export function readTextFile(file: string, maxBytes = MAX_INPUT_BYTES): TextFileResult {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, message: 'no such file' };
    if (code === 'ENOTDIR') return { ok: false, message: 'no such file (a part of the path is a file, not a folder)' };
    if (code === 'EACCES') return { ok: false, message: 'permission denied: parley may not read this file' };
    return { ok: false, message: `cannot read the file (${code ?? String(e)})` };
  }
  if (stats.isDirectory()) return { ok: false, message: 'expected a file, got a directory' };
  if (!stats.isFile()) return { ok: false, message: `expected a regular file, got ${kindOf(stats)}; save the data to a file first` };
  try {
    const special = SPECIAL_FILE_SYSTEMS[statfsSync(file).type];
    if (special !== undefined) return { ok: false, message: `expected a file on a disk, got a file of ${special}; save the data to a file first` };
  } catch {
    // statfs is a safeguard only; a file system that cannot say what it is is read as usual.
  }
  if (stats.size > maxBytes) return { ok: false, message: `the file is ${megabytes(stats.size)}; parley reads input files of at most ${megabytes(maxBytes)}` };

  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, message: code === 'EACCES' ? 'permission denied: parley may not read this file' : `cannot read the file (${code ?? String(e)})` };
  }
  try {
    // Read at most one byte past the limit: a file that grew since stat is still refused.
    if (!fstatSync(fd).isFile()) return { ok: false, message: 'expected a regular file' };
    const buffer = Buffer.alloc(Math.min(maxBytes, stats.size) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) return { ok: false, message: `the file is larger than ${megabytes(maxBytes)}, the most parley reads` };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      return { ok: false, message: 'expected UTF-8 text, but the file holds bytes that are not UTF-8 (is it a binary file, or saved in another encoding?)' };
    }
    if (text.includes('\u0000')) return { ok: false, message: 'expected text, but the file holds NUL bytes (is it a binary file?)' };
    return { ok: true, text };
  } catch (e) {
    return { ok: false, message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  } finally {
    closeSync(fd);
  }
}
