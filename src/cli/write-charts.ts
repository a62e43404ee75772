/**
 * The outputs every finished batch has, whether simulated at once or merged from shards:
 * summary.json, scenario.json, charts/NAME.vl.json, charts/NAME.svg and charts/NAME.png, and
 * report.html.
 */
import { chartBuilders } from '../charts/index.ts';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../charts/render.ts';
import { svgToPng } from '../charts/render-png.ts';
import { buildReportHtml } from '../charts/report.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Summary } from '../simulation/summary-types.ts';
import type { RunFolder } from './run-folder.ts';

/** Writes the outputs; returns the files written, relative to the folder. */
export async function writeReport(folder: RunFolder, summary: Summary, scenario: Scenario, meta: { command: string; createdAt: string }): Promise<string[]> {
  folder.writeJson('summary.json', summary);
  folder.writeJson('scenario.json', scenario);
  const files = ['summary.json', 'scenario.json', 'report.html'];
  const charts = [];
  for (const chart of chartBuilders) {
    const spec = chart.build(summary);
    files.push(...(await writeChart(folder, chart.name, spec)));
    charts.push({ name: chart.name, title: chart.title, description: chart.description, spec });
  }
  folder.write('report.html', buildReportHtml(summary, charts, meta));
  return files;
}

/** One chart as charts/NAME.vl.json (the spec), .svg and .png (for slides); returns the files. */
export async function writeChart(folder: RunFolder, name: string, spec: TopLevelSpec): Promise<string[]> {
  const svg = await renderSvg(spec);
  folder.writeJson(`charts/${name}.vl.json`, spec);
  folder.write(`charts/${name}.svg`, svg);
  folder.write(`charts/${name}.png`, svgToPng(svg));
  return [`charts/${name}.vl.json`, `charts/${name}.svg`, `charts/${name}.png`];
}
