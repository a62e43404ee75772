/**
 * A chart, as data: its id, title, how to read it, and how to build its Vega-Lite spec from what it
 * shows — one batch's Summary (charts/index.ts), a comparison of batches (compare-charts.ts), a
 * sweep or a sensitivity analysis (analysis-charts.ts). One record for all of them, so the run
 * folder, the reports and the explorer build and list charts the same way.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../simulation/summary-types.ts';

export interface ChartBuilder<Input = Summary> {
  /** File-name-like id: "outcome-shares". */
  name: string;
  title: string;
  /** How to read the chart, in one or two sentences. */
  description: string;
  /** Whether the chart applies to this input (e.g. curves for one swept parameter, a heatmap for two); default: always. */
  applies?: (input: Input) => boolean;
  build: (input: Input) => TopLevelSpec;
}

/** A chart built: its spec with the builder's name, title and description (what a report shows). */
export interface ReportChart {
  name: string;
  title: string;
  description: string;
  spec: TopLevelSpec;
}

/** The charts that apply to `input`, built, in the order given. */
export function buildCharts<Input>(builders: readonly ChartBuilder<Input>[], input: Input): ReportChart[] {
  return builders.filter((b) => b.applies?.(input) ?? true).map((b) => ({ name: b.name, title: b.title, description: b.description, spec: b.build(input) }));
}
