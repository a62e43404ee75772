/**
 * The command line in a test: `parley(…)` calls the CLI's main(argv) in this process with its
 * output captured (what most CLI tests need: no process to start, no Node and module start-up per
 * call); `parleyProcess(…)` spawns `node bin/parley.mjs` (the built dist/, as a user runs it) for
 * the end-to-end tests in test/e2e/.
 */
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A writable stream that keeps what is written to it (a command's stdout or stderr). */
export function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/**
 * `parley ARGS…` through main(argv) in this process. The sources are imported on the first call,
 * so a file that only spawns the built CLI does not load (and, isolated, transform) them all.
 */
export async function parley(...args: string[]): Promise<CliResult> {
  const { main } = await import('../../src/cli/main.ts');
  const out = capture();
  const err = capture();
  const code = await main(['node', 'parley', ...args], { out: out.stream, err: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}

/** `node bin/parley.mjs ARGS…` in a child process (the compiled package; `npm test` builds it first). */
export function parleyProcess(...args: string[]): CliResult {
  const result = spawnSync(process.execPath, ['bin/parley.mjs', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
