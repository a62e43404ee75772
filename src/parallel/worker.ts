/**
 * A simulation worker: receives the compiled scenario once, then simulates the chunks of runs it
 * is sent, one aggregate per chunk, reusing one RunContext for all of them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRunContext, RunFailure, simulateRange } from '../simulation/batch.ts';
import { runCsvRow } from '../simulation/run-row.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.ts';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const ctx = createRunContext(setup.compiled);

port.on('message', (message: ToWorker) => {
  if (message.type === 'stop') {
    port.close();
    return;
  }
  const { chunk } = message;
  let rows = '';
  try {
    const aggregate = simulateRange(ctx, {
      seed: setup.seed,
      firstRun: chunk.firstRun,
      endRun: chunk.endRun,
      batch: setup.batch,
      failAtRun: setup.failAtRun,
      onRun: setup.saveRuns ? (run, c) => (rows += runCsvRow(run, c)) : undefined,
    });
    // Hand the typed arrays over instead of copying them: the aggregate is not used here again.
    const buffers = Object.values(aggregate).flatMap((v) => (ArrayBuffer.isView(v) ? [v.buffer as ArrayBuffer] : []));
    port.postMessage({ type: 'done', chunk, aggregate, rows } satisfies FromWorker, buffers);
  } catch (e) {
    const run = e instanceof RunFailure ? e.run : chunk.firstRun;
    const cause = e instanceof RunFailure ? e.cause : e;
    port.postMessage({
      type: 'failed',
      run,
      message: cause instanceof Error ? cause.message : String(cause),
      stack: cause instanceof Error ? cause.stack : undefined,
    } satisfies FromWorker);
  }
});
