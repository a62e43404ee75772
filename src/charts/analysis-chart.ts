/**
 * A chart of an analysis (a sweep or a sensitivity analysis) rather than of one batch's Summary:
 * the same record as ChartBuilder, built from the analysis's result.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportChart } from './report.ts';

export interface AnalysisChartBuilder<Result> {
  /** File-name-like id: "tornado". */
  name: string;
  title: string;
  /** How to read the chart, in one or two sentences. */
  description: string;
  /** Whether the chart applies to this result (e.g. curves for one swept parameter, a heatmap for two). */
  applies?: (result: Result) => boolean;
  build: (result: Result) => TopLevelSpec;
}

/** The charts that apply to `result`, built, in the order given. */
export function buildAnalysisCharts<Result>(builders: readonly AnalysisChartBuilder<Result>[], result: Result): ReportChart[] {
  return builders
    .filter((b) => b.applies?.(result) ?? true)
    .map((b) => ({ name: b.name, title: b.title, description: b.description, spec: b.build(result) }));
}

/** A number in at most four significant digits, for labels. */
export function shortNumber(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** Labels for a grid's values: the fewest significant digits (at least 3) that tell every value apart. */
export function distinctLabels(values: readonly number[]): string[] {
  for (let digits = 3; digits < 17; digits++) {
    const labels = values.map((v) => String(Number(v.toPrecision(digits))));
    if (new Set(labels).size === new Set(values).size) return labels;
  }
  return values.map(String);
}
