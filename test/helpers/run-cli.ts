/**
 * The CLI in this process: `main(argv)` with its output captured, the way bin/parley.mjs runs it
 * but without starting Node again (about 1.5 s saved per call). Spawn a process only where the
 * process is the point: signals, FIFOs, another user.
 */
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Runs `parley ARGS…` in-process and returns its exit code and what it printed. */
export async function runCli(...args: string[]): Promise<CliResult> {
  const out = collector();
  const err = collector();
  const code = await main(['node', 'parley', ...args], { out: out.stream, err: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}
