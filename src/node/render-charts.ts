/**
 * Chart specs drawn as SVG (Vega, headless) and PNG (resvg). Vega, Vega-Lite and resvg are loaded
 * on the first drawing, not when parley starts: together they take about 0.4 s to load, which a
 * command that draws nothing (validate, run --no-charts) should not pay. A command that will draw
 * calls prepareChartDrawing() first, so they load while its batch is simulated.
 */
import type { TopLevelSpec } from 'vega-lite';
import { chartBuilders } from '../charts/index.ts';
import type { RenderOptions } from '../charts/render.ts';
import type { Summary } from '../simulation/summary-types.ts';

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

let renderer: Promise<[typeof import('../charts/render.ts'), typeof import('../charts/render-png.ts')]> | undefined;

function loadRenderer() {
  renderer ??= Promise.all([import('../charts/render.ts'), import('../charts/render-png.ts')]);
  return renderer;
}

/** Starts loading Vega, Vega-Lite and resvg now (e.g. while a batch is simulated on worker threads). */
export function prepareChartDrawing(): void {
  void loadRenderer().catch(() => undefined);
}

/**
 * Draws the SVG now and starts the PNG on a libuv thread: the caller can draw the next chart's SVG
 * while this one's PNG is made, then await the PNGs.
 */
export async function startDrawing(spec: TopLevelSpec, options: RenderOptions = {}): Promise<{ svg: string; png: Promise<Uint8Array> }> {
  const [{ renderSvg }, { svgToPngAsync }] = await loadRenderer();
  const svg = await renderSvg(spec, options);
  return { svg, png: svgToPngAsync(svg) };
}

/** Draws one spec as SVG and PNG. */
export async function renderChart(spec: TopLevelSpec, options: RenderOptions = {}): Promise<DrawnChart> {
  const { svg, png } = await startDrawing(spec, options);
  return { svg, png: await png };
}

/** Every chart of a batch (outcome shares, agreed terms, …), in report order, drawn. */
export async function renderCharts(summary: Summary, options: RenderOptions = {}): Promise<RenderedChart[]> {
  const started = [];
  for (const chart of chartBuilders) {
    const spec = chart.build(summary);
    started.push({ name: chart.name, title: chart.title, description: chart.description, spec, ...(await startDrawing(spec, options)) });
  }
  return Promise.all(started.map(async (chart) => ({ ...chart, png: await chart.png })));
}
