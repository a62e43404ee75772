/**
 * How the runs end: the share of deals, breakdowns and runs that hit the deadline, each bar with
 * its 95% Wilson interval (Wilson 1927) as an error bar. Read it as "in this share of simulated
 * futures the talks end this way"; the whiskers show how much that share could still move with
 * more runs, not the uncertainty of the model itself.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../simulation/summary-types.ts';
import { CHART_CONFIG, OUTCOME_COLORS, PERCENT_FORMAT, PERCENT_SCALE, VEGA_LITE_SCHEMA, intervalErrorBar, intervalFields, intervalTooltip, type ChartBuilder } from './common.ts';

export const outcomeSharesTitle = 'How the negotiations end';

export function outcomeSharesSpec(summary: Summary): TopLevelSpec {
  const { deal, breakdown, deadline } = summary.outcomes;
  const values = [
    { outcome: 'Deal', ...intervalFields(deal) },
    { outcome: 'Breakdown', ...intervalFields(breakdown) },
    { outcome: 'Deadline', ...intervalFields(deadline) },
  ];
  const outcomes = Object.keys(OUTCOME_COLORS);
  const yTitle = `Share of ${summary.runs.toLocaleString('en-US')} runs`;
  const x = { field: 'outcome', type: 'nominal' as const, sort: outcomes, title: null, axis: { labelAngle: 0 } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: outcomeSharesTitle,
    description: `Share of ${summary.runs} runs ending in a deal, a breakdown or at the deadline, with 95% intervals.`,
    data: { values },
    width: 320,
    height: 220,
    encoding: { x },
    layer: [
      {
        mark: { type: 'bar', width: { band: 0.6 } },
        encoding: {
          y: { field: 'share', type: 'quantitative', title: yTitle, scale: PERCENT_SCALE, axis: { format: PERCENT_FORMAT } },
          color: { field: 'outcome', type: 'nominal', scale: { domain: outcomes, range: Object.values(OUTCOME_COLORS) }, legend: null },
          tooltip: [{ field: 'outcome', type: 'nominal', title: 'Outcome' }, { field: 'count', type: 'quantitative', title: 'Runs' }, ...intervalTooltip('Share of runs')],
        },
      },
      intervalErrorBar('y', yTitle),
    ],
    config: CHART_CONFIG,
  };
}

export const outcomeShares: ChartBuilder = {
  name: 'outcome-shares',
  title: outcomeSharesTitle,
  description:
    'Each bar is the share of simulated runs that ended that way; the whiskers are 95% intervals, so bars' +
    ' whose whiskers do not overlap differ beyond sampling noise.',
  build: outcomeSharesSpec,
};
