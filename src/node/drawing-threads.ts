/**
 * Charts drawn on threads of their own (drawing-worker.ts), so that a command's main thread reads
 * the model and simulates while Vega loads, and two charts are drawn at once on two cores. Drawing
 * the eight charts of a run as SVG and PNG is most of `parley run --runs 1000`'s work.
 *
 * Up to DRAWING_THREADS threads start on the first drawing, or earlier through startDrawingThreads()
 * (a command that will draw calls it first). Each thread draws one chart's SVG at a time and takes
 * the next waiting chart when done, so a slow chart does not hold the others up; its PNG follows
 * while the next SVG is drawn. The SVG is the one charts/render.ts draws on the main thread, byte
 * for byte (test/drawing-threads.test.ts); what Vega logs is handed to the caller's logger, or
 * printed as Vega would print it.
 *
 * Idle threads do not keep the process alive. A thread that dies fails the charts it was drawing
 * and is replaced on the next drawing.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LoggerInterface } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { workerScript } from '../parallel/worker-source.ts';
import type { DrawReply, DrawRequest, LogMessage } from './drawing-messages.ts';

/** Two threads: the charts of a run split about evenly between them; more would wait for cores. */
export const DRAWING_THREADS = Math.min(2, availableParallelism());

/** vega's Warn level: what its default logger prints (errors and warnings). */
const DEFAULT_LOG_LEVEL = 2;

interface Settling<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

function settling<T>(): Settling<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

interface Drawing {
  request: DrawRequest;
  logger: LoggerInterface | undefined;
  svg: Settling<string>;
  png: Settling<Uint8Array>;
}

interface DrawingThread {
  worker: Worker;
  /** The chart whose SVG it is drawing. */
  drawing?: Drawing;
  /** Charts whose SVG came back and whose PNG has not yet. */
  pngs: Map<number, Drawing>;
}

const threads: DrawingThread[] = [];
const waiting: Drawing[] = [];
let starting: Promise<void> | undefined;
let nextId = 0;

/** Starts the drawing threads now (they load Vega at once); safe to call again. */
export function startDrawingThreads(): Promise<void> {
  starting ??= workerScript(new URL('./drawing-worker.ts', import.meta.url), { external: ['@resvg/resvg-js'] })
    .then((code) => {
      while (threads.length < DRAWING_THREADS) threads.push(startThread(code.script, code.eval));
      next();
    })
    .catch((error: unknown) => {
      for (const drawing of waiting.splice(0)) fail(drawing, error instanceof Error ? error : new Error(String(error)));
    })
    .finally(() => {
      starting = undefined;
    });
  return starting;
}

function fail(drawing: Drawing, error: Error): void {
  drawing.svg.reject(error);
  drawing.png.reject(error);
}

/** A thread keeps the process alive only while it has charts to finish. */
function refOrUnref(thread: DrawingThread): void {
  if (thread.drawing === undefined && thread.pngs.size === 0) thread.worker.unref();
  else thread.worker.ref();
}

function startThread(script: string | URL, evaluate: boolean): DrawingThread {
  const thread: DrawingThread = { worker: new Worker(script, { eval: evaluate }), pngs: new Map() };
  thread.worker.on('message', (reply: DrawReply) => {
    const drawing = thread.drawing?.request.id === reply.id ? thread.drawing : thread.pngs.get(reply.id);
    if (drawing === undefined) return;
    if ('png' in reply) {
      thread.pngs.delete(reply.id);
      drawing.png.resolve(reply.png);
    } else {
      handOn(reply.log, drawing.logger);
      if (drawing === thread.drawing) {
        thread.drawing = undefined;
        if ('svg' in reply) thread.pngs.set(reply.id, drawing);
      } else {
        thread.pngs.delete(reply.id);
      }
      if ('svg' in reply) drawing.svg.resolve(reply.svg);
      else fail(drawing, new Error(reply.error));
    }
    refOrUnref(thread);
    next();
  });
  const lost = (error: Error) => {
    const at = threads.indexOf(thread);
    if (at < 0) return;
    threads.splice(at, 1);
    for (const drawing of [...(thread.drawing ? [thread.drawing] : []), ...thread.pngs.values()]) fail(drawing, error);
    thread.drawing = undefined;
    thread.pngs.clear();
    // The charts still waiting get fresh threads.
    if (waiting.length > 0) void startDrawingThreads();
  };
  thread.worker.on('error', lost);
  thread.worker.on('exit', (code) => {
    lost(new Error(`the chart-drawing thread stopped (exit code ${code})`));
  });
  // Unreferenced once its listeners are added: an idle thread does not keep the process alive.
  thread.worker.unref();
  return thread;
}

/** Gives each thread that draws no SVG the next chart waiting. */
function next(): void {
  for (const thread of threads) {
    if (thread.drawing !== undefined) continue;
    const drawing = waiting.shift();
    if (drawing === undefined) return;
    thread.drawing = drawing;
    refOrUnref(thread);
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

/**
 * The spec drawn on a drawing thread: its SVG (charts/render.ts's renderSvg, there) and then its
 * PNG (charts/render-png.ts). When the SVG fails the PNG fails with it.
 */
export function drawOnThread(spec: TopLevelSpec, logger?: LoggerInterface): { svg: Promise<string>; png: Promise<Uint8Array> } {
  const drawing: Drawing = {
    request: { id: nextId++, spec, logLevel: logger === undefined ? DEFAULT_LOG_LEVEL : (logger.level() as number) },
    logger,
    svg: settling(),
    png: settling(),
  };
  // A caller that stops at a failed SVG never awaits the PNG: its rejection is not left unhandled.
  drawing.png.promise.catch(() => undefined);
  waiting.push(drawing);
  if (threads.length < DRAWING_THREADS) void startDrawingThreads();
  else next();
  return { svg: drawing.svg.promise, png: drawing.png.promise };
}

/** Stops the drawing threads; charts they were drawing fail, and the next drawing starts fresh ones. */
export async function stopDrawingThreads(): Promise<void> {
  await Promise.all(threads.map((thread) => thread.worker.terminate()));
}
