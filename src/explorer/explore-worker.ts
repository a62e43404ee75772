/**
 * The explorer's simulation worker (a Web Worker; bundled by scripts/build-explorer.mjs): the
 * core's simulateRange over the chunks the page sends, one aggregate per chunk, with one
 * RunContext per batch — what src/parallel/worker.ts does on a worker thread for `parley run`.
 */
import { createRunContext, RunFailure, simulateRange, type Batch, type RunContext } from '../core.ts';
import { aggregateBuffers, type FromExploreWorker, type ToExploreWorker } from './worker-protocol.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToExploreWorker>) => void) | null;
  postMessage: (message: FromExploreWorker, transfer: Transferable[]) => void;
}

const scope = globalThis as unknown as WorkerScope;
let current: { id: number; ctx: RunContext; seed: string; batch: Batch } | undefined;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'batch') {
    current = { id: message.id, ctx: createRunContext(message.compiled), seed: message.seed, batch: message.batch };
    return;
  }
  const { id, chunk } = message;
  try {
    if (current === undefined || current.id !== id) throw new Error('a chunk arrived before its batch');
    const aggregate = simulateRange(current.ctx, { seed: current.seed, firstRun: chunk.firstRun, endRun: chunk.endRun, batch: current.batch });
    scope.postMessage({ type: 'done', id, chunk, aggregate }, aggregateBuffers(aggregate));
  } catch (e) {
    const run = e instanceof RunFailure ? e.run : chunk.firstRun;
    const cause = e instanceof RunFailure ? e.cause : e;
    scope.postMessage({ type: 'failed', id, run, message: cause instanceof Error ? cause.message : String(cause) }, []);
  }
};
