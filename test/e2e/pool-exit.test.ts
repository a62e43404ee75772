/**
 * A worker pool of the built package (dist/, its workers loading dist/parallel/worker.js) in a
 * process of its own: neither a pool left open after a batch nor a pool stopped by a failing run
 * keeps the process alive or hangs it (test/e2e/pool-child.mjs).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('a worker pool in a process of its own', () => {
  it('leaves no process hanging: not after a failure, nor with a pool left open', () => {
    for (const mode of ['close', 'forget']) {
      const r = spawnSync(process.execPath, ['test/e2e/pool-child.mjs', mode], { encoding: 'utf8', timeout: 60_000 });
      expect(r.signal, `${mode}: ${r.stderr}`).toBeNull();
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({
        forgotten: 1200,
        failed: { name: 'RunFailure', run: 1100 },
        after: expect.stringMatching(/stopped by an earlier failure/),
      });
    }
  });
});
