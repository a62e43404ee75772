/** Reading the files of an earlier output folder, with a usage error (exit 2) for what is missing or broken. */
import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from './usage-error.ts';

/** `writtenBy` completes "is this a folder written by …?" in the message for a missing file. */
export function readFolderText(file: string, writtenBy: string): string {
  if (!existsSync(file)) throw new UsageError([`${file}: no such file (is this a folder written by ${writtenBy}?)`]);
  return readFileSync(file, 'utf8');
}

export function readFolderJson(file: string, writtenBy: string): unknown {
  const text = readFolderText(file, writtenBy);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError([`${file}: not valid JSON (${(e as Error).message})`]);
  }
}
