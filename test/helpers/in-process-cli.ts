/**
 * The command line in this process: `main()` with stdout and stderr captured (no child process,
 * so no start-up time). For what depends on the environment or the terminal, spawn bin/parley.mjs.
 */
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.ts';

/** A writable that keeps what is written. */
export function sink(): NodeJS.WritableStream & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

/** Runs `parley ARGS…` in this process; its exit code and what it printed. */
export async function parleyInProcess(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = sink();
  const err = sink();
  const code = await main(['node', 'parley', ...args], { out, err });
  return { code, stdout: out.text(), stderr: err.text() };
}
