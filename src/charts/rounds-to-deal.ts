/**
 * When the talks end: how many runs reached a deal in each round, stacked on how many broke
 * down in that round (when any did). Runs that hit the deadline all end in the last round and
 * are left out. A tall early peak means deals come quickly; a long tail means hard bargaining.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { RoundCount, Summary } from '../simulation/summary-types.ts';
import { CHART_CONFIG, OUTCOME_COLORS, VEGA_LITE_SCHEMA, messageChart, type ChartBuilder } from './common.ts';

export const roundsToDealTitle = 'In which round the talks end';

type EndingOutcome = 'Deal' | 'Breakdown';

interface BarRow {
  outcome: EndingOutcome;
  round: number;
  runs: number;
  /** Bar extent: [round − ½, round + ½] across, [bottom, top] up (breakdowns stack on deals). */
  from: number;
  to: number;
  bottom: number;
  top: number;
}

function bars(dealCounts: RoundCount[], breakdownCounts: RoundCount[]): BarRow[] {
  const dealsIn = new Map(dealCounts.map((c) => [c.round, c.count]));
  const row = (outcome: EndingOutcome, c: RoundCount, bottom: number): BarRow => ({
    outcome, round: c.round, runs: c.count, from: c.round - 0.5, to: c.round + 0.5, bottom, top: bottom + c.count,
  });
  return [...dealCounts.map((c) => row('Deal', c, 0)), ...breakdownCounts.map((c) => row('Breakdown', c, dealsIn.get(c.round) ?? 0))];
}

export function roundsToDealSpec(summary: Summary): TopLevelSpec {
  const withBreakdowns = summary.roundsToBreakdown.counts.length > 0;
  const outcomes: EndingOutcome[] = withBreakdowns ? ['Deal', 'Breakdown'] : ['Deal'];
  const values = bars(summary.roundsToDeal.counts, withBreakdowns ? summary.roundsToBreakdown.counts : []);
  if (values.length === 0) return messageChart(roundsToDealTitle, 'No run ended in a deal or a breakdown before the deadline.');
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: roundsToDealTitle,
    description: 'Runs ending in a deal (and in a breakdown) per round of the negotiation.',
    data: { values },
    width: 520,
    height: 220,
    mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'from', type: 'quantitative', title: `Round (of ${summary.rounds})`, scale: { domain: [0.5, summary.rounds + 0.5], nice: false }, axis: { format: 'd', tickMinStep: 1 } },
      x2: { field: 'to' },
      y: { field: 'top', type: 'quantitative', title: 'Runs ending in that round' },
      y2: { field: 'bottom' },
      color: {
        field: 'outcome',
        type: 'nominal',
        title: 'Outcome',
        scale: { domain: outcomes, range: outcomes.map((o) => OUTCOME_COLORS[o]) },
        legend: withBreakdowns ? { orient: 'top', title: null } : null,
      },
      tooltip: [
        { field: 'outcome', type: 'nominal', title: 'Outcome' },
        { field: 'round', type: 'quantitative', title: 'Round' },
        { field: 'runs', type: 'quantitative', title: 'Runs' },
      ],
    },
    config: CHART_CONFIG,
  };
}

export const roundsToDeal: ChartBuilder = {
  name: 'rounds-to-deal',
  title: roundsToDealTitle,
  description: 'Each bar counts the runs that ended in that round: green for a deal, red (stacked on top) for a breakdown. Runs that reach the deadline are not shown.',
  build: roundsToDealSpec,
};
