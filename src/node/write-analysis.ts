/**
 * The outputs of an analysis folder (`parley sweep`, `parley sensitivity`): the analysis's numbers
 * (sweep.json or sensitivity.json), the baseline batch's summary and the scenario, every chart as
 * a Vega-Lite spec, an SVG and a PNG (write-charts.ts) with its caption, and report.html — the
 * standard report page with the analysis's sentences as its headline, its charts, the baseline's
 * tables and the model's assumptions.
 */
import { caption, withCaption } from '../charts/caption.ts';
import { buildReportHtml, type ReportChart } from '../charts/report.ts';
import type { Scenario } from '../scenario/schema.ts';
import { bareProvenance, provenanceLabel, type Provenance } from '../simulation/provenance.ts';
import type { Summary } from '../simulation/summary-types.ts';
import type { RunFolder } from './run-folder.ts';
import { writeCharts } from './write-charts.ts';
import { thousands } from '../format/numbers.ts';

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
  /** Where the model comes from (file, hash, variant, overrides); the scenario name alone when absent. */
  provenance?: Provenance;
  /** e.g. "sweep of 11 batches" for the captions. */
  analysis?: string;
}

/** Writes the outputs; returns the files written, relative to the folder. */
export async function writeAnalysisReport(folder: RunFolder, outputs: AnalysisOutputs): Promise<string[]> {
  folder.writeJson(outputs.resultFile, outputs.result);
  // Not "summary.json": `parley view` lists folders with one as plain runs, which this is not.
  folder.writeJson('baseline-summary.json', outputs.baseline);
  folder.writeJson('scenario.json', outputs.scenario);
  const files = [outputs.resultFile, 'baseline-summary.json', 'scenario.json', 'report.html'];
  const b = outputs.baseline;
  const provenance = outputs.provenance ?? bareProvenance(b.scenario.name);
  const lines = caption(
    [
      provenanceLabel(provenance),
      ...(outputs.analysis === undefined ? [] : [outputs.analysis]),
      `mechanism ${b.mechanism}`,
      `${thousands(b.runs)} runs a batch`,
      `seed ${b.seed}`,
    ],
    provenance,
  );
  const charts = outputs.charts.map((c) => ({ ...c, spec: withCaption(c.spec, lines) }));
  files.push(...(await writeCharts(folder, charts)));
  const page: Summary = { ...b, scenario: { ...b.scenario, title: outputs.title }, headline: outputs.headline };
  folder.write('report.html', buildReportHtml(page, charts, { ...outputs.meta, provenance, scenario: outputs.scenario }));
  return files;
}
