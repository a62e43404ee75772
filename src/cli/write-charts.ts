/** Builds every chart of a summary, writes charts/NAME.vl.json and charts/NAME.svg, and report.html. */
import { chartBuilders } from '../charts/index.ts';
import { renderSvg } from '../charts/render.ts';
import { buildReportHtml } from '../charts/report.ts';
import type { Summary } from '../simulation/summary-types.ts';
import type { RunFolder } from './run-folder.ts';

/** Returns the chart files written (relative to charts/). */
export async function writeCharts(folder: RunFolder, summary: Summary, meta: { command: string; createdAt: string }): Promise<string[]> {
  const files: string[] = [];
  const charts = [];
  for (const chart of chartBuilders) {
    const spec = chart.build(summary);
    folder.writeJson(`charts/${chart.name}.vl.json`, spec);
    folder.write(`charts/${chart.name}.svg`, await renderSvg(spec));
    files.push(`${chart.name}.vl.json`, `${chart.name}.svg`);
    charts.push({ name: chart.name, title: chart.title, description: chart.description, spec });
  }
  folder.write('report.html', buildReportHtml(summary, charts, meta));
  return files;
}
