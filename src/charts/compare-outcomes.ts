/**
 * How the negotiations end, batch by batch (a comparison's first chart): each outcome's share of
 * runs in each batch, with its 95% interval as a whisker; whiskers that do not overlap mean batches
 * that differ beyond sampling noise.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Comparison } from '../simulation/compare.ts';
import type { ChartBuilder } from './chart-builder.ts';
import { CHART_CONFIG, OUTCOME_COLORS, PERCENT_FORMAT, PERCENT_SCALE, VEGA_LITE_SCHEMA } from './common.ts';
import { OUTCOME_LABELS, BATCH_ORDER, batchRanks } from './comparison-common.ts';

const OUTCOME_LABEL_COLORS: Record<(typeof OUTCOME_LABELS)[keyof typeof OUTCOME_LABELS], string> = {
  'Zone of agreement': '#4c78a8',
  'Deal, given a zone': '#66bb6a',
  Deal: OUTCOME_COLORS.Deal,
  Breakdown: OUTCOME_COLORS.Breakdown,
  Deadline: OUTCOME_COLORS.Deadline,
  Stalled: OUTCOME_COLORS.Stalled,
  Vetoed: OUTCOME_COLORS.Vetoed,
};
export const compareOutcomesTitle = 'How the negotiations end, batch by batch';

export function compareOutcomesSpec(c: Comparison): TopLevelSpec {
  const ranks = batchRanks(c);
  const values = c.outcomes.map((o) => ({
    batch: o.batch,
    batchRank: ranks.get(o.batch) ?? 0,
    outcome: OUTCOME_LABELS[o.outcome],
    share: o.share.share,
    low: o.share.low,
    high: o.share.high,
    difference:
      o.vsBaseline === null
        ? 'baseline'
        : `${(100 * o.vsBaseline.estimate).toFixed(1)} points${o.vsBaseline.beyondMonteCarloError ? '' : ' (within Monte Carlo error)'}`,
  }));
  const y = { field: 'batch', type: 'nominal' as const, sort: BATCH_ORDER, title: null };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: compareOutcomesTitle,
    data: { values },
    facet: { column: { field: 'outcome', type: 'nominal', sort: Object.values(OUTCOME_LABELS), title: null } },
    spec: {
      width: 200,
      height: { step: 22 },
      encoding: { y },
      layer: [
        {
          mark: { type: 'bar', height: { band: 0.7 } },
          encoding: {
            x: { field: 'share', type: 'quantitative', title: 'Share of runs', scale: PERCENT_SCALE, axis: { format: PERCENT_FORMAT } },
            color: {
              field: 'outcome',
              type: 'nominal',
              scale: { domain: Object.keys(OUTCOME_LABEL_COLORS), range: Object.values(OUTCOME_LABEL_COLORS) },
              legend: null,
            },
            tooltip: [
              { field: 'batch', type: 'nominal', title: 'Batch' },
              { field: 'share', type: 'quantitative', title: 'Share of runs', format: '.1%' },
              { field: 'low', type: 'quantitative', title: '95% interval from', format: '.1%' },
              { field: 'high', type: 'quantitative', title: '95% interval to', format: '.1%' },
              { field: 'difference', type: 'nominal', title: 'Against the baseline' },
            ],
          },
        },
        {
          mark: { type: 'errorbar', color: '#222', ticks: { size: 6 } },
          encoding: { x: { field: 'low', type: 'quantitative', title: 'Share of runs' }, x2: { field: 'high' } },
        },
      ],
    },
    config: CHART_CONFIG,
  };
}

/** The comparison's outcomes chart. */
export const compareOutcomes: ChartBuilder<Comparison> = {
  name: 'compare-outcomes',
  title: compareOutcomesTitle,
  description: 'One row per batch: the share of runs ending in a deal, a breakdown or at the deadline, with 95% intervals.',
  build: compareOutcomesSpec,
};
