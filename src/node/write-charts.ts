/**
 * The outputs every finished batch has, whether simulated at once or merged from shards:
 * summary.json, scenario.json, charts/NAME.vl.json, charts/NAME.svg and charts/NAME.png, and
 * report.html. Every chart carries its caption (scenario, variant and overrides, mechanism, runs,
 * seed: charts/caption.ts) in the drawing itself. Without drawings (`parley run --no-charts`) the specs and report.html are still
 * written — the report draws the specs in the browser — but no SVG or PNG, and Vega is not loaded.
 */
import { chartBuilders } from '../charts/index.ts';
import { buildCharts } from '../charts/chart-builder.ts';
import type { TopLevelSpec } from 'vega-lite';
import { batchCaption, withCaption } from '../charts/caption.ts';
import { buildReportHtml } from '../charts/report.ts';
import type { Scenario } from '../scenario/schema.ts';
import { bareProvenance, type Provenance } from '../simulation/provenance.ts';
import type { Summary } from '../simulation/summary-types.ts';
import { startDrawing } from './render-charts.ts';
import type { RunFolder } from './run-folder.ts';

export interface ChartFiles {
  /** Draw every chart as SVG and PNG too (default true). */
  drawings?: boolean;
}

/** Writes the outputs; returns the files written, relative to the folder. */
export async function writeReport(
  folder: RunFolder,
  summary: Summary,
  scenario: Scenario,
  meta: { command?: string; createdAt: string; provenance?: Provenance },
  options: ChartFiles = {},
): Promise<string[]> {
  const provenance = meta.provenance ?? bareProvenance(summary.scenario.name);
  const captionLines = batchCaption(summary, provenance);
  const charts = buildCharts(chartBuilders, summary).map((chart) => ({ ...chart, spec: withCaption(chart.spec, captionLines) }));
  // The charts first, so that the drawing threads work while this thread writes the rest.
  const drawn = writeCharts(folder, charts, options);
  try {
    folder.writeJson('summary.json', summary);
    folder.writeJson('scenario.json', scenario);
    folder.write('report.html', buildReportHtml(summary, charts, { ...meta, provenance, scenario }));
  } catch (e) {
    // No drawing may land in the folder after the caller discards it.
    await drawn.catch(() => undefined);
    throw e;
  }
  return ['summary.json', 'scenario.json', 'report.html', ...(await drawn)];
}

/**
 * Each chart as charts/NAME.vl.json (the spec), .svg and .png (for slides); returns the files.
 * Every chart is handed to the drawing threads at once; each SVG and PNG is written as it comes.
 */
export async function writeCharts(folder: RunFolder, charts: readonly { name: string; spec: TopLevelSpec }[], options: ChartFiles = {}): Promise<string[]> {
  for (const { name, spec } of charts) folder.writeJson(`charts/${name}.vl.json`, spec);
  if (options.drawings === false) return charts.map(({ name }) => `charts/${name}.vl.json`);
  const drawn = charts.map(async ({ name, spec }) => {
    const { svg, png } = startDrawing(spec);
    folder.write(`charts/${name}.svg`, await svg);
    folder.write(`charts/${name}.png`, await png);
  });
  // No drawing may land in the folder after the caller discards it: wait for all before failing.
  const failed = (await Promise.allSettled(drawn)).find((d) => d.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return charts.flatMap(({ name }) => [`charts/${name}.vl.json`, `charts/${name}.svg`, `charts/${name}.png`]);
}

/** One chart as charts/NAME.vl.json, .svg and .png; returns the files. */
export function writeChart(folder: RunFolder, name: string, spec: TopLevelSpec, options: ChartFiles = {}): Promise<string[]> {
  return writeCharts(folder, [{ name, spec }], options);
}
