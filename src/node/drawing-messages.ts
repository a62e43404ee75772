/**
 * What the main thread and a chart-drawing thread (drawing-worker.ts) say to each other: a spec to
 * draw, and its SVG or the error that came of it, with what Vega logged meanwhile.
 */
import type { TopLevelSpec } from 'vega-lite';

export interface DrawRequest {
  id: number;
  spec: TopLevelSpec;
  /** The caller's logger level (vega's None 0 … Debug 4): messages above it are not kept. */
  logLevel: number;
}

/** One call to Vega's or Vega-Lite's logger, its arguments as text. */
export interface LogMessage {
  method: 'error' | 'warn' | 'info' | 'debug';
  args: string[];
}

export type DrawReply = { id: number; log: LogMessage[] } & ({ svg: string } | { error: string });
