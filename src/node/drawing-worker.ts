/**
 * A chart-drawing thread (drawing-threads.ts starts it): loads Vega and Vega-Lite at once, then
 * draws each spec it is sent as SVG with charts/render.ts — the same function, so the same bytes,
 * as on the main thread — and replies with the SVG or the error, and what Vega logged meanwhile.
 * (The PNG is made from the SVG on libuv's threads, started from the main thread: a drawing thread
 * busy with its next chart would not get round to the continuations of its PNGs until its last.)
 */
import { parentPort } from 'node:worker_threads';
import type { LoggerInterface } from 'vega';
import { renderSvg } from '../charts/render.ts';
import { saveVegaCodeCaches, vegaLibraries } from '../charts/vega-bundles.ts';
import type { DrawReply, DrawRequest, LogMessage } from './drawing-messages.ts';

const LEVELS = { error: 1, warn: 2, info: 3, debug: 4 } as const;

/** A logger that keeps the messages at or below `level`, for the main thread to hand on. */
function recordingLogger(level: number, log: LogMessage[]): LoggerInterface {
  const record = (method: LogMessage['method']) =>
    function (...args: readonly unknown[]) {
      if (LEVELS[method] <= level) log.push({ method, args: args.map((a) => (a instanceof Error ? a.message : String(a))) });
      return logger;
    };
  const logger: LoggerInterface = {
    level(...set: [number?]) {
      if (set.length === 0) return level;
      level = set[0] ?? level;
      return logger;
    },
    error: record('error'),
    warn: record('warn'),
    info: record('info'),
    debug: record('debug'),
  };
  return logger;
}

const reply = (message: DrawReply) => {
  parentPort!.postMessage(message);
};
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Drawings after which a thread that found no code cache writes one (charts/code-cache.ts): each
 * writes what the drawings so far compiled (about 10 ms), and a run's charts split among threads.
 */
let cacheWritesLeft = 4;

async function draw({ id, spec, logLevel }: DrawRequest): Promise<void> {
  const log: LogMessage[] = [];
  try {
    reply({ id, log, svg: await renderSvg(spec, { logger: recordingLogger(logLevel, log) }) });
  } catch (error) {
    reply({ id, log, error: messageOf(error) });
  }
  if (cacheWritesLeft > 0 && saveVegaCodeCaches() > 0) cacheWritesLeft--;
  else cacheWritesLeft = 0;
}

// Loaded now, while the main thread reads the model and simulates.
vegaLibraries();

parentPort!.on('message', (request: DrawRequest) => void draw(request));
