/**
 * The rank correlations of one batch: Spearman's ρ between each uncertain parameter's sampled
 * value (rows, strongest association with a deal first) and each outcome (columns: deal or not,
 * the round talks ended, each actor's utility). Blue: the outcome rises with the parameter; red:
 * it falls. Unlike the tornado it moves all parameters at once, so it shows association across
 * the model's whole uncertainty rather than a controlled swing.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SensitivityResult } from '../analysis/sensitivity.ts';
import { byRank, CHART_CONFIG, VEGA_LITE_SCHEMA, messageChart } from './common.ts';
import type { ChartBuilder } from './chart-builder.ts';

export const rankCorrelationTitle = 'Rank correlations between assumptions and outcomes';

/** ρ in two decimals with a true minus sign; "0.00" rather than "−0.00". */
function rhoText(rho: number | null): string {
  if (rho === null) return '–';
  const text = Math.abs(rho).toFixed(2);
  return rho < 0 && Number(text) !== 0 ? `−${text}` : text;
}

export function rankCorrelationSpec(result: SensitivityResult): TopLevelSpec {
  const { parameters, outcomes, runs } = result.rankCorrelations;
  if (parameters.length === 0) return messageChart(rankCorrelationTitle, 'No parameter is uncertain: there is nothing to correlate.');
  const rows = [...parameters].sort((a, b) => Math.abs(b.rho[0] ?? 0) - Math.abs(a.rho[0] ?? 0));
  const values = rows.flatMap((p, parameterRank) =>
    outcomes.map((o, outcomeRank) => ({ parameter: p.label, parameterRank, path: p.parameter, outcome: o.label, outcomeRank, rho: p.rho[outcomeRank], text: rhoText(p.rho[outcomeRank]) })),
  );
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: rankCorrelationTitle,
    description: `Spearman's rank correlation of each sampled parameter with each outcome over ${runs} runs.`,
    data: { values },
    width: { step: 64 },
    height: { step: 24 },
    encoding: {
      x: { field: 'outcome', type: 'nominal', sort: byRank('outcomeRank'), title: null, axis: { orient: 'top', labelAngle: -30, labelLimit: 180 } },
      y: { field: 'parameter', type: 'nominal', sort: byRank('parameterRank'), title: null },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: { field: 'rho', type: 'quantitative', title: "Spearman's ρ", scale: { scheme: 'redblue', domain: [-1, 1] } },
          tooltip: [
            { field: 'parameter', type: 'nominal', title: 'Parameter' },
            { field: 'path', type: 'nominal', title: 'Field' },
            { field: 'outcome', type: 'nominal', title: 'Outcome' },
            { field: 'text', type: 'nominal', title: "Spearman's ρ" },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'text', type: 'nominal' },
          color: { condition: { test: 'datum.rho !== null && abs(datum.rho) > 0.6', value: 'white' }, value: '#222' },
        },
      },
    ],
    config: CHART_CONFIG,
  };
}

export const rankCorrelation: ChartBuilder<SensitivityResult> = {
  name: 'rank-correlation',
  title: rankCorrelationTitle,
  description:
    "Spearman's rank correlation between each parameter's sampled value and each outcome, over the runs of the model as written" +
    ' (all parameters varying together): +1 (blue) means the outcome rises whenever the parameter does, −1 (red) that it falls;' +
    ' values within about ±2/√runs of zero are noise. Rows: strongest association with a deal first.',
  build: rankCorrelationSpec,
};
