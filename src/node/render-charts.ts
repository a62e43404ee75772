/**
 * Chart specs drawn as SVG (Vega, headless, on drawing threads: drawing-threads.ts) and PNG (resvg
 * and zlib, on libuv's threads). Nothing of it loads when parley starts: a command that draws
 * nothing (validate, run --no-charts) does not pay for it. A command that will draw calls
 * prepareChartDrawing() first, so that the drawing threads load Vega while its main thread reads
 * the model and simulates.
 */
import type { TopLevelSpec } from 'vega-lite';
import { chartBuilders } from '../charts/index.ts';
import type { RenderOptions } from '../charts/render.ts';
import type { Summary } from '../simulation/summary-types.ts';
import { drawSvgOnThread, startDrawingThreads } from './drawing-threads.ts';

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

let pngRenderer: Promise<typeof import('../charts/render-png.ts')> | undefined;

function loadPngRenderer() {
  pngRenderer ??= import('../charts/render-png.ts');
  return pngRenderer;
}

/** Starts the drawing threads now (they load Vega and Vega-Lite) and loads resvg, e.g. before a batch is simulated. */
export function prepareChartDrawing(): void {
  void startDrawingThreads();
  void loadPngRenderer().catch(() => undefined);
}

/**
 * Hands the spec to a drawing thread; its PNG (at twice the size) is made from the SVG on libuv's
 * threads. The caller can start every chart at once and write each SVG as it comes. When the SVG
 * fails, the PNG fails with it.
 */
export function startDrawing(spec: TopLevelSpec, options: RenderOptions = {}): { svg: Promise<string>; png: Promise<Uint8Array> } {
  const svg = drawSvgOnThread(spec, options.logger);
  const png = Promise.all([svg, loadPngRenderer()]).then(([drawn, { svgToPngAsync }]) => svgToPngAsync(drawn));
  // A caller that stops at a failed SVG never awaits the PNG: its rejection is not left unhandled.
  png.catch(() => undefined);
  return { svg, png };
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
