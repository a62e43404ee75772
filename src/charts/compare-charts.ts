/**
 * The charts of a comparison (`parley compare`, `parley run --variant all | --mechanism all`): the
 * same three questions as a run's report, asked of several batches at once — how talks end, what
 * is agreed, what each actor gets — with each batch in its own colour and 95% intervals as
 * whiskers. Whiskers that do not overlap mean batches that differ beyond sampling noise; the
 * comparison table says so for each difference against the baseline.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Comparison } from '../simulation/compare.ts';
import { byRank, CHART_CONFIG, chartText, OUTCOME_COLORS, PERCENT_FORMAT, PERCENT_SCALE, RESERVATION_COLOR, VEGA_LITE_SCHEMA, messageChart } from './common.ts';
import type { ChartBuilder } from './chart-builder.ts';

/** The compared outcomes as charts and the explorer name them. */
export const OUTCOME_LABELS = {
  zone: 'Zone of agreement',
  dealGivenZone: 'Deal, given a zone',
  deal: 'Deal',
  breakdown: 'Breakdown',
  deadline: 'Deadline',
  stalled: 'Stalled',
  vetoed: 'Vetoed',
} as const;
const OUTCOME_LABEL_COLORS: Record<(typeof OUTCOME_LABELS)[keyof typeof OUTCOME_LABELS], string> = {
  'Zone of agreement': '#4c78a8',
  'Deal, given a zone': '#66bb6a',
  Deal: OUTCOME_COLORS.Deal,
  Breakdown: OUTCOME_COLORS.Breakdown,
  Deadline: OUTCOME_COLORS.Deadline,
  Stalled: OUTCOME_COLORS.Stalled,
  Vetoed: OUTCOME_COLORS.Vetoed,
};
/** Options agreed in less than this share of deals in every batch are left out of the terms chart. */
const MIN_OPTION_SHARE = 0.02;

/** Batches in the comparison's order, by the rank each data row carries (labels stay values). */
const BATCH_ORDER = byRank('batchRank');

function batchColor() {
  return { field: 'batch', type: 'nominal' as const, title: 'Batch', sort: BATCH_ORDER };
}

/** Each batch label's position in the comparison. */
function batchRanks(c: Comparison): Map<string, number> {
  return new Map(c.batches.map((b, k) => [b.label, k]));
}

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

export const compareTermsTitle = 'What is agreed, batch by batch';

export function compareTermsSpec(c: Comparison): TopLevelSpec {
  const ranks = batchRanks(c);
  const charts = c.terms.flatMap((term) => {
    const kept = new Set(term.options.filter((o) => o.share.share >= MIN_OPTION_SHARE).map((o) => o.option));
    const optionRanks = new Map([...new Set(term.options.map((o) => o.option))].map((option, k) => [option, k]));
    const values = term.options
      .filter((o) => kept.has(o.option))
      .map((o) => ({
        batch: o.batch,
        batchRank: ranks.get(o.batch) ?? 0,
        option: o.optionLabel,
        optionRank: optionRanks.get(o.option) ?? 0,
        share: o.share.share,
        low: o.share.low,
        high: o.share.high,
      }));
    if (values.length === 0) return [];
    return [
      {
        title: { text: chartText(term.label), fontSize: 13 },
        data: { values },
        width: 320,
        height: { step: 12 },
        encoding: {
          y: { field: 'option', type: 'nominal' as const, sort: byRank('optionRank'), title: null },
          yOffset: { field: 'batch', type: 'nominal' as const, sort: BATCH_ORDER },
        },
        layer: [
          {
            mark: { type: 'bar' as const },
            encoding: {
              x: { field: 'share', type: 'quantitative' as const, title: 'Share of deals', scale: PERCENT_SCALE, axis: { format: PERCENT_FORMAT } },
              color: batchColor(),
              tooltip: [
                { field: 'batch', type: 'nominal' as const, title: 'Batch' },
                { field: 'option', type: 'nominal' as const, title: 'Term' },
                { field: 'share', type: 'quantitative' as const, title: 'Share of deals', format: '.1%' },
                { field: 'low', type: 'quantitative' as const, title: '95% interval from', format: '.1%' },
                { field: 'high', type: 'quantitative' as const, title: '95% interval to', format: '.1%' },
              ],
            },
          },
          {
            mark: { type: 'errorbar' as const, color: '#222', ticks: { size: 4 } },
            encoding: { x: { field: 'low', type: 'quantitative' as const, title: 'Share of deals' }, x2: { field: 'high' } },
          },
        ],
      },
    ];
  });
  if (charts.length === 0) return messageChart(compareTermsTitle, 'No batch reached a deal, so there are no agreed terms to compare.');
  return { $schema: VEGA_LITE_SCHEMA, title: compareTermsTitle, vconcat: charts, config: CHART_CONFIG };
}

export const compareUtilitiesTitle = 'What each actor gains over its fallback, batch by batch';

/**
 * Each actor's mean gain over its fallback (mean utility of the outcome minus mean utility of no
 * deal) in each batch, as a bar from the fallback line. Gains, not raw utilities: each actor's
 * utility is on its own scale, so comparing raw utilities across actors says nothing, while a
 * gain says how much better than walking away each batch leaves the actor. The whiskers are the
 * 95% interval of the mean utility, shifted by the mean fallback.
 */
export function compareUtilitiesSpec(c: Comparison): TopLevelSpec {
  const ranks = batchRanks(c);
  const values = c.actors.flatMap((a, actorRank) =>
    a.utility.map((u, k) => {
      const fallback = a.fallback?.[k]?.batch === u.batch ? a.fallback[k].mean : 0;
      return {
        actor: a.label,
        actorRank,
        batch: u.batch,
        batchRank: ranks.get(u.batch) ?? 0,
        gain: u.mean - fallback,
        low: u.low - fallback,
        high: u.high - fallback,
        mean: u.mean,
        fallback,
        difference:
          u.vsBaseline === null
            ? 'baseline'
            : `${u.vsBaseline.estimate >= 0 ? '+' : ''}${u.vsBaseline.estimate.toFixed(3)}${u.vsBaseline.beyondMonteCarloError ? '' : ' (within Monte Carlo error)'}`,
      };
    }),
  );
  const gain = { field: 'gain', type: 'quantitative' as const, title: 'Mean gain over the fallback (utility; 0 = no better than no deal)' };
  const rows = {
    y: { field: 'actor', type: 'nominal' as const, sort: byRank('actorRank'), title: null, axis: { labelFontSize: 13 } },
    yOffset: { field: 'batch', type: 'nominal' as const, sort: BATCH_ORDER },
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: compareUtilitiesTitle,
    data: { values },
    width: 560,
    height: { step: Math.max(10, Math.min(18, 60 / c.batches.length)) },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          ...rows,
          x: gain,
          x2: { datum: 0 },
          color: batchColor(),
          tooltip: [
            { field: 'actor', type: 'nominal', title: 'Actor' },
            { field: 'batch', type: 'nominal', title: 'Batch' },
            { field: 'gain', type: 'quantitative', title: 'Mean gain over the fallback', format: '+.3f' },
            { field: 'mean', type: 'quantitative', title: 'Mean utility', format: '.3f' },
            { field: 'fallback', type: 'quantitative', title: 'Mean fallback (no deal)', format: '.3f' },
            { field: 'difference', type: 'nominal', title: 'Utility against the baseline' },
          ],
        },
      },
      { mark: { type: 'rule', color: '#333' }, encoding: { ...rows, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
      {
        data: { values: [{ at: 0, label: 'fallback (no deal)' }] },
        layer: [
          { mark: { type: 'rule', color: RESERVATION_COLOR, strokeWidth: 2 }, encoding: { x: { field: 'at', type: 'quantitative' } } },
          {
            mark: { type: 'text', color: RESERVATION_COLOR, align: 'left', baseline: 'bottom', dx: 4, y: 0, dy: -2, fontSize: 12 },
            encoding: { x: { field: 'at', type: 'quantitative' }, text: { field: 'label' } },
          },
        ],
      },
    ],
    config: CHART_CONFIG,
  };
}

export const comparisonChartBuilders: ChartBuilder<Comparison>[] = [
  {
    name: 'compare-outcomes',
    title: compareOutcomesTitle,
    description: 'One row per batch: the share of runs ending in a deal, a breakdown or at the deadline, with 95% intervals.',
    build: compareOutcomesSpec,
  },
  {
    name: 'compare-terms',
    title: compareTermsTitle,
    description: `For each issue, the share of each batch's deals that agreed each term (terms under ${100 * MIN_OPTION_SHARE}% of deals in every batch are left out).`,
    build: compareTermsSpec,
  },
  {
    name: 'compare-utilities',
    title: compareUtilitiesTitle,
    description:
      "Each bar is an actor's mean gain over its fallback in one batch: its mean utility of the outcome minus its mean utility of no deal (the red line)." +
      " A deal's gain counts discounted by the actor's patience for the rounds the deal took." +
      " Right of the line the batch leaves the actor better off than walking away. Utilities are each on their own actor's scale, so compare a bar with the" +
      " same actor's bars in other batches, not with other actors'. Whiskers: 95% interval of the mean.",
    build: compareUtilitiesSpec,
  },
];
