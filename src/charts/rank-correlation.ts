/**
 * The rank correlations of one batch: Spearman's ρ between each uncertain parameter's sampled
 * value (rows, strongest association with a deal first) and each outcome (columns: deal or not,
 * the round talks ended, each actor's utility). Blue: the outcome rises with the parameter; red:
 * it falls. An actor's fallback against its own utility is correlated by construction (without a
 * deal the utility is the fallback): those cells are grey, their ρ in brackets, so the grid's
 * colour goes to the associations worth reading. Unlike the tornado it moves all parameters at once, so it shows association across
 * the model's whole uncertainty rather than a controlled swing.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SensitivityResult } from '../analysis/sensitivity.ts';
import { byRank, CHART_CONFIG, VEGA_LITE_SCHEMA, messageChart, wrappedHeaders, wrappedTopAxis } from './common.ts';
import type { ChartBuilder } from './chart-builder.ts';

export const rankCorrelationTitle = 'Rank correlations between assumptions and outcomes';

/** ρ in two decimals with a true minus sign; "0.00" rather than "−0.00". */
function rhoText(rho: number | null): string {
  if (rho === null) return '–';
  const text = Math.abs(rho).toFixed(2);
  return rho < 0 && Number(text) !== 0 ? `−${text}` : text;
}

/** The colour of a cell whose correlation holds by construction. */
const EXPECTED_COLOR = '#e4e4e4';

const EXPECTED_NOTE = "Grey, in brackets: an actor's own fallback against its own utility, high by construction (without a deal its utility is its fallback)";

/** Whether the pair is an actor's reservation (fallback) against that same actor's utility: correlated by construction, so expected. */
export function ownFallbackAgainstOwnUtility(parameter: string, outcome: string): boolean {
  const m = /^actors\.(.+)\.reservation$/.exec(parameter);
  return m !== null && outcome === `utility.${m[1]}`;
}

export function rankCorrelationSpec(result: SensitivityResult): TopLevelSpec {
  const { parameters, outcomes, runs } = result.rankCorrelations;
  if (parameters.length === 0) return messageChart(rankCorrelationTitle, 'No parameter is uncertain: there is nothing to correlate.');
  const rows = [...parameters].sort((a, b) => Math.abs(b.rho[0] ?? 0) - Math.abs(a.rho[0] ?? 0));
  const headers = wrappedHeaders(
    outcomes.map((o) => o.label),
    14,
    4,
  );
  const values = rows.flatMap((p, parameterRank) =>
    outcomes.map((o, outcomeRank) => {
      const expected = ownFallbackAgainstOwnUtility(p.parameter, o.id);
      const rho = p.rho[outcomeRank];
      return {
        parameter: p.label,
        parameterRank,
        path: p.parameter,
        outcome: headers.labels[outcomeRank],
        outcomeLabel: o.label,
        outcomeRank,
        rho,
        expected,
        text: expected ? `(${rhoText(rho)})` : rhoText(rho),
      };
    }),
  );
  const anyExpected = values.some((v) => v.expected);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: anyExpected ? { text: rankCorrelationTitle, subtitle: EXPECTED_NOTE } : rankCorrelationTitle,
    description: `Spearman's rank correlation of each sampled parameter with each outcome over ${runs} runs.`,
    data: { values },
    width: { step: 100 },
    height: { step: 24 },
    encoding: {
      x: { field: 'outcome', type: 'nominal', sort: byRank('outcomeRank'), title: null, axis: wrappedTopAxis(headers.lines) },
      y: { field: 'parameter', type: 'nominal', sort: byRank('parameterRank'), title: null, axis: { labelLimit: 420 } },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: {
            condition: { test: 'datum.expected', value: EXPECTED_COLOR },
            field: 'rho',
            type: 'quantitative',
            title: "Spearman's ρ",
            scale: { scheme: 'redblue', domain: [-1, 1] },
          },
          tooltip: [
            { field: 'parameter', type: 'nominal', title: 'Parameter' },
            { field: 'path', type: 'nominal', title: 'Field' },
            { field: 'outcomeLabel', type: 'nominal', title: 'Outcome' },
            { field: 'text', type: 'nominal', title: "Spearman's ρ" },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 12 },
        encoding: {
          text: { field: 'text', type: 'nominal' },
          color: { condition: { test: '!datum.expected && datum.rho !== null && abs(datum.rho) > 0.6', value: 'white' }, value: '#222' },
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
    " values within about ±2/√runs of zero are noise. Grey cells, ρ in brackets, pair an actor's own fallback with its own utility: high by" +
    ' construction, so expected, not a finding. Rows: strongest association with a deal first.',
  build: rankCorrelationSpec,
};
