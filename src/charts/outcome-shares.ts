/**
 * How the runs end, each bar with its 95% Wilson interval (Wilson 1927) as an error bar: for
 * talks, the share of deals, collapses (breakdowns), runs that hit the deadline and runs stalled
 * at an open-ended negotiation's cap; for forecasts, the share accepted and vetoed (no talks, so
 * nothing collapses). Read it as "in this share of simulated futures the talks end this way"; the
 * whiskers show how much that share could still move with more runs, not the uncertainty of the
 * model itself.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../simulation/summary-types.ts';
import type { Proportion } from '../simulation/wilson.ts';
import { CHART_CONFIG, OUTCOME_COLORS, PERCENT_FORMAT, PERCENT_SCALE, VEGA_LITE_SCHEMA, intervalErrorBar, intervalFields, intervalTooltip, type ChartBuilder, type OutcomeName } from './common.ts';

export const outcomeSharesTitle = 'How the negotiations end';

/** The ways this batch's runs can end, with their shares: talks and forecasts use different words. */
export function outcomeBars(summary: Summary): [OutcomeName, Proportion][] {
  const { deal, breakdown, deadline, vetoed, stalled } = summary.outcomes;
  if (summary.mechanismKind === 'forecast') return [['Accepted', deal], ['Vetoed', vetoed]];
  const bars: [OutcomeName, Proportion][] = [['Deal', deal], ['Breakdown', breakdown]];
  if (deadline.count > 0 || !summary.deadline.openEnded) bars.push(['Deadline', deadline]);
  if (stalled.count > 0) bars.push(['Stalled', stalled]);
  if (summary.mechanismKind === 'mixed') bars.push(['Vetoed', vetoed]);
  return bars;
}

export function outcomeSharesSpec(summary: Summary): TopLevelSpec {
  const bars = outcomeBars(summary);
  const values = bars.map(([outcome, p]) => ({ outcome, ...intervalFields(p) }));
  const outcomes = bars.map(([outcome]) => outcome);
  const yTitle = `Share of ${summary.runs.toLocaleString('en-US')} runs`;
  const x = { field: 'outcome', type: 'nominal' as const, sort: outcomes, title: null, axis: { labelAngle: 0 } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: outcomeSharesTitle,
    description: `Share of ${summary.runs} runs ending each way (${outcomes.join(', ').toLowerCase()}), with 95% intervals.`,
    data: { values },
    width: 320,
    height: 220,
    encoding: { x },
    layer: [
      {
        mark: { type: 'bar', width: { band: 0.6 } },
        encoding: {
          y: { field: 'share', type: 'quantitative', title: yTitle, scale: PERCENT_SCALE, axis: { format: PERCENT_FORMAT } },
          color: { field: 'outcome', type: 'nominal', scale: { domain: outcomes, range: outcomes.map((o) => OUTCOME_COLORS[o]) }, legend: null },
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
