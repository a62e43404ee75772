/**
 * A simulation worker: lives for many batches. For each batch it receives the batch's setup (with
 * the compiled scenario when it changes, and then rebuilds its RunContext), then simulates the
 * chunks of runs it is sent, one aggregate per chunk, reusing one RunContext for all of them.
 */
import { parentPort } from 'node:worker_threads';
import { createRunContext, RunFailure, type RunContext } from '../simulation/batch.ts';
import { simulateChunk } from '../simulation/chunk-run.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.ts';

const port = parentPort!;
let setup: Omit<WorkerSetup, 'compiled'> | undefined;
let ctx: RunContext | undefined;

port.on('message', (message: ToWorker) => {
  if (message.type === 'stop') {
    port.close();
    return;
  }
  if (message.type === 'batch') {
    const { compiled, ...rest } = message.setup;
    if (compiled) ctx = createRunContext(compiled, { undominatedOnly: true });
    setup = rest;
    return;
  }
  const { id, chunk } = message;
  try {
    if (!setup || !ctx) throw new Error('a chunk arrived before its batch setup');
    const { aggregate, rows } = simulateChunk(ctx, setup.seed, { ...chunk, batch: setup.batch }, setup);
    // Hand the typed arrays over instead of copying them: the aggregate is not used here again.
    const buffers = Object.values(aggregate).flatMap((v) => (ArrayBuffer.isView(v) ? [v.buffer as ArrayBuffer] : []));
    port.postMessage({ type: 'done', id, chunk, aggregate, rows } satisfies FromWorker, buffers);
  } catch (e) {
    const run = e instanceof RunFailure ? e.run : chunk.firstRun;
    const cause = e instanceof RunFailure ? e.cause : e;
    port.postMessage({
      type: 'failed',
      id,
      run,
      message: cause instanceof Error ? cause.message : String(cause),
      stack: cause instanceof Error ? cause.stack : undefined,
    } satisfies FromWorker);
  }
});
