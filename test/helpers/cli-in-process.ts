/** The CLI run in the test's own process (as bin/parley.mjs runs it), with what it printed kept. */
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.ts';

/** A writable that keeps what is written. */
function sink(): NodeJS.WritableStream & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

/** `parley ARGS…`: the exit code and what went to stdout and stderr. */
export async function parleyInProcess(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = sink();
  const err = sink();
  const code = await main(['node', 'parley', ...args], { out, err });
  return { code, stdout: out.text(), stderr: err.text() };
}
