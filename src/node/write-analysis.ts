/**
 * The outputs of an analysis folder (`parley sweep`, `parley sensitivity`): the analysis's numbers
 * (sweep.json or sensitivity.json), the baseline batch's summary and the scenario, every chart as
 * a Vega-Lite spec, an SVG and a PNG (write-charts.ts), and report.html — the standard report
 * page with the analysis's sentences as its headline, its charts, and the baseline's tables.
 */
import { buildReportHtml, type ReportChart } from '../charts/report.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Summary } from '../simulation/summary-types.ts';
import type { RunFolder } from './run-folder.ts';
import { writeCharts } from './write-charts.ts';

export interface AnalysisOutputs {
  /** e.g. "sweep.json". */
  resultFile: string;
  result: unknown;
  /** The baseline batch (the model as written, the same seeds): the report's tables. */
  baseline: Summary;
  scenario: Scenario;
  /** The report's title, e.g. "Ukraine talks — sweep over Russia's resolve". */
  title: string;
  headline: string[];
  charts: ReportChart[];
  meta: { command: string; createdAt: string };
}

/** Writes the outputs; returns the files written, relative to the folder. */
export async function writeAnalysisReport(folder: RunFolder, outputs: AnalysisOutputs): Promise<string[]> {
  folder.writeJson(outputs.resultFile, outputs.result);
  // Not "summary.json": `parley view` lists folders with one as plain runs, which this is not.
  folder.writeJson('baseline-summary.json', outputs.baseline);
  folder.writeJson('scenario.json', outputs.scenario);
  const files = [outputs.resultFile, 'baseline-summary.json', 'scenario.json', 'report.html'];
  files.push(...(await writeCharts(folder, outputs.charts)));
  const page: Summary = { ...outputs.baseline, scenario: { ...outputs.baseline.scenario, title: outputs.title }, headline: outputs.headline };
  folder.write('report.html', buildReportHtml(page, outputs.charts, outputs.meta));
  return files;
}
