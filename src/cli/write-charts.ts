/**
 * The outputs every finished batch has, whether simulated at once or merged from shards:
 * summary.json, scenario.json, charts/NAME.vl.json and charts/NAME.svg, and report.html.
 */
import { chartBuilders } from '../charts/index.ts';
import { renderSvg } from '../charts/render.ts';
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
    folder.writeJson(`charts/${chart.name}.vl.json`, spec);
    folder.write(`charts/${chart.name}.svg`, await renderSvg(spec));
    files.push(`charts/${chart.name}.vl.json`, `charts/${chart.name}.svg`);
    charts.push({ name: chart.name, title: chart.title, description: chart.description, spec });
  }
  folder.write('report.html', buildReportHtml(summary, charts, meta));
  return files;
}
