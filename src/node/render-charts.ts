/**
 * Chart specs drawn as SVG (Vega, headless) and PNG (resvg) on drawing threads (drawing-threads.ts).
 * Nothing of it loads when parley starts: a command that draws nothing (validate, run
 * --no-charts) does not pay for it. A command that will draw calls prepareChartDrawing() first, so
 * that the drawing threads load Vega while its main thread reads the model and simulates.
 */
import type { TopLevelSpec } from 'vega-lite';
import { chartBuilders } from '../charts/index.ts';
import type { RenderOptions } from '../charts/render.ts';
import type { Summary } from '../simulation/summary-types.ts';
import { drawOnThread, startDrawingThreads } from './drawing-threads.ts';

export interface DrawnChart {
  svg: string;
  /** At twice the SVG's size (charts/render-png.ts). */
  png: Uint8Array;
}

export interface RenderedChart extends DrawnChart {
  name: string;
  title: string;
  description: string;
  spec: TopLevelSpec;
}

/** Starts the drawing threads now (they load Vega, Vega-Lite and resvg), e.g. before a batch is simulated. */
export function prepareChartDrawing(): void {
  void startDrawingThreads();
}

/**
 * Hands the spec to a drawing thread: its SVG, then its PNG (at twice the size). The caller can
 * start every chart at once and write each SVG as it comes.
 */
export function startDrawing(spec: TopLevelSpec, options: RenderOptions = {}): { svg: Promise<string>; png: Promise<Uint8Array> } {
  return drawOnThread(spec, options.logger);
}

/** Draws one spec as SVG and PNG. */
export async function renderChart(spec: TopLevelSpec, options: RenderOptions = {}): Promise<DrawnChart> {
  const { svg, png } = startDrawing(spec, options);
  return { svg: await svg, png: await png };
}

/** Every chart of a batch (outcome shares, agreed terms, …), in report order, drawn. */
export function renderCharts(summary: Summary, options: RenderOptions = {}): Promise<RenderedChart[]> {
  return Promise.all(
    chartBuilders.map(async (chart) => {
      const spec = chart.build(summary);
      return { name: chart.name, title: chart.title, description: chart.description, spec, ...(await renderChart(spec, options)) };
    }),
  );
}
