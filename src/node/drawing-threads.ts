/**
 * Chart specs drawn as SVG on threads of their own (drawing-worker.ts), so that a command's main
 * thread reads the model and simulates while Vega loads, and makes the PNGs while the thread draws
 * the next chart. Drawing the eight charts of a run is most of `parley run --runs 1000`'s work.
 *
 * Up to DRAWING_THREADS threads start on the first drawing, or earlier through startDrawingThreads()
 * (a command that will draw calls it first). Each thread draws one chart at a time and takes the
 * next waiting one when done, so a slow chart does not hold the others up. The SVG is the one
 * charts/render.ts draws on the main thread, byte for byte (test/drawing-threads.test.ts); what
 * Vega logs is handed to the caller's logger, or printed as Vega would print it.
 *
 * Idle threads do not keep the process alive. A thread that dies fails the chart it was drawing
 * and is replaced on the next drawing.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LoggerInterface } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compiledWorkerScript, workerOptions, workerScript, type WorkerScript } from '../parallel/worker-source.ts';
import type { DrawReply, DrawRequest, LogMessage } from './drawing-messages.ts';

/**
 * Two threads where a core is left for the main thread and the PNGs (made on libuv's threads), one
 * on two cores. Each thread compiles Vega's code afresh (drawing cold costs about 1.7 times drawing
 * warm): on this project's two-core machine one thread drew a run's eight charts sooner than two
 * (`run --runs 1000` 0.95× the wall time, 1.59 against 1.80 s of CPU, idle, 11 paired rounds;
 * a sweep's charts 0.95×), since the second thread's compiling took CPU the PNGs needed. More than
 * two would wait for cores.
 */
export const DRAWING_THREADS = Math.max(1, Math.min(2, availableParallelism() - 1));

/** vega's Warn level: what its default logger prints (errors and warnings). */
const DEFAULT_LOG_LEVEL = 2;

interface Drawing {
  request: DrawRequest;
  logger: LoggerInterface | undefined;
  resolve: (svg: string) => void;
  reject: (error: Error) => void;
}

interface DrawingThread {
  worker: Worker;
  /** The chart it is drawing. */
  drawing?: Drawing;
}

const threads: DrawingThread[] = [];
const waiting: Drawing[] = [];
let starting: Promise<void> | undefined;
let nextId = 0;

const DRAWING_WORKER = new URL('./drawing-worker.ts', import.meta.url);

/**
 * Starts the drawing threads now (they load Vega at once); safe to call again. Built, the threads
 * start before this returns, so they load while the caller goes on synchronously (reading the
 * model, simulating in-process); from the sources they start once the worker is bundled.
 */
export function startDrawingThreads(): Promise<void> {
  if (starting !== undefined) return starting;
  const compiled = compiledWorkerScript(DRAWING_WORKER);
  if (compiled !== undefined) {
    startThreads(compiled);
    return Promise.resolve();
  }
  starting = workerScript(DRAWING_WORKER)
    .then(startThreads, failWaiting)
    .finally(() => {
      starting = undefined;
    });
  return starting;
}

function startThreads(code: WorkerScript): void {
  try {
    while (threads.length < DRAWING_THREADS) threads.push(startThread(code.script, code.eval));
    next();
  } catch (error) {
    failWaiting(error);
  }
}

/** The charts waiting fail when no thread can be started for them. */
function failWaiting(error: unknown): void {
  for (const drawing of waiting.splice(0)) drawing.reject(error instanceof Error ? error : new Error(String(error)));
}

function startThread(script: string | URL, evaluate: boolean): DrawingThread {
  const thread: DrawingThread = { worker: new Worker(script, { eval: evaluate, ...workerOptions() }) };
  thread.worker.on('message', (reply: DrawReply) => {
    const drawing = thread.drawing;
    if (drawing === undefined || reply.id !== drawing.request.id) return;
    thread.drawing = undefined;
    thread.worker.unref();
    handOn(reply.log, drawing.logger);
    if ('svg' in reply) drawing.resolve(reply.svg);
    else drawing.reject(new Error(reply.error));
    next();
  });
  const lost = (error: Error) => {
    const at = threads.indexOf(thread);
    if (at < 0) return;
    threads.splice(at, 1);
    thread.drawing?.reject(error);
    thread.drawing = undefined;
    // The charts still waiting get fresh threads.
    if (waiting.length > 0) void startDrawingThreads();
  };
  thread.worker.on('error', lost);
  thread.worker.on('exit', (code) => {
    lost(new Error(`the chart-drawing thread stopped (exit code ${code})`));
  });
  // Unreferenced once its listeners are added (adding one references it again): an idle thread
  // does not keep the process alive; one that draws does (next()).
  thread.worker.unref();
  return thread;
}

/** Gives each idle thread the next chart waiting. */
function next(): void {
  for (const thread of threads) {
    if (thread.drawing !== undefined) continue;
    const drawing = waiting.shift();
    if (drawing === undefined) return;
    thread.drawing = drawing;
    thread.worker.ref();
    thread.worker.postMessage(drawing.request);
  }
}

/** What Vega logged on the drawing thread, to the caller's logger or printed as Vega's default logger prints it. */
function handOn(log: readonly LogMessage[], logger: LoggerInterface | undefined): void {
  for (const { method, args } of log) {
    if (logger !== undefined) logger[method](...args);
    else if (method === 'error') console.error('ERROR', ...args);
    else if (method === 'warn') console.warn('WARN', ...args);
  }
}

/** The spec drawn as SVG on a drawing thread (charts/render.ts's renderSvg, there). */
export function drawSvgOnThread(spec: TopLevelSpec, logger?: LoggerInterface): Promise<string> {
  return new Promise((resolve, reject) => {
    const request: DrawRequest = { id: nextId++, spec, logLevel: logger === undefined ? DEFAULT_LOG_LEVEL : (logger.level() as number) };
    waiting.push({ request, logger, resolve, reject });
    if (threads.length < DRAWING_THREADS) void startDrawingThreads();
    else next();
  });
}

/** Stops the drawing threads; charts they were drawing fail, and the next drawing starts fresh ones. */
export async function stopDrawingThreads(): Promise<void> {
  await Promise.all(threads.map((thread) => thread.worker.terminate()));
}
