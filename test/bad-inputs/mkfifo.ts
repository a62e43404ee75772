/** A named pipe for the corpus (Node has no mkfifo of its own). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function mkfifoSync(path: string): string {
  if (!existsSync(path)) {
    const r = spawnSync('mkfifo', [path]);
    if (r.status !== 0) throw new Error(`mkfifo ${path} failed: ${String(r.stderr)}`);
  }
  return path;
}
