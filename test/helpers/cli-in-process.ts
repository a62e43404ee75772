/** Runs the CLI in this process (main(argv) with captured streams), for tests of commands that need no worker threads. */
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

/** `parley ARGS…`: its exit code and what it printed. */
export async function parley(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = sink();
  const err = sink();
  const code = await main(['node', 'parley', ...args], { out, err });
  return { code, stdout: out.text(), stderr: err.text() };
}

/** The same, by the name the merge and server tests use. */
export const parleyInProcess = parley;
