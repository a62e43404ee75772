/**
 * Progress of a batch on stderr: a bar when stderr is a terminal; otherwise (a log file, CI, a
 * pipe) a plain line every few seconds, so a long run shows it is alive without flooding the log.
 */
import cliProgress from 'cli-progress';
import { thousands } from '../format/numbers.ts';

/** Free functions, so `onProgress: progress.update` can be passed on without its object. */
export interface Progress {
  update: (done: number) => void;
  stop: () => void;
}

/** Seconds between progress lines on a stream that is not a terminal. */
export const PROGRESS_LINE_SECONDS = 5;

type Stream = NodeJS.WritableStream & { isTTY?: boolean };

export function startProgress(total: number, stream: Stream = process.stderr, lineSeconds = PROGRESS_LINE_SECONDS): Progress {
  if (!stream.isTTY) return progressLines(total, stream, lineSeconds);
  const bar = new cliProgress.SingleBar(
    { stream, format: 'simulating |{bar}| {percentage}% · {value}/{total} runs · {eta_formatted} left', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (done) => {
      bar.update(done);
    },
    stop: () => {
      bar.stop();
    },
  };
}

/** "simulating: 12,000 of 100,000 runs (12%), about 40 s left" at most every `lineSeconds`. */
function progressLines(total: number, stream: Stream, lineSeconds: number): Progress {
  const started = performance.now();
  let last = started;
  return {
    update: (done) => {
      const now = performance.now();
      if (now - last < lineSeconds * 1000 || done >= total) return;
      last = now;
      const left = ((now - started) / 1000) * ((total - done) / Math.max(done, 1));
      stream.write(`simulating: ${thousands(done)} of ${thousands(total)} runs (${Math.floor((100 * done) / total)}%), about ${Math.ceil(left)} s left\n`);
    },
    stop: () => {},
  };
}
