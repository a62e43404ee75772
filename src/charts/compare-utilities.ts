/**
 * What each actor gains over its fallback, batch by batch (a comparison's third chart).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Comparison } from '../simulation/compare.ts';
import type { ChartBuilder } from './chart-builder.ts';
import { byRank, CHART_CONFIG, RESERVATION_COLOR, VEGA_LITE_SCHEMA } from './common.ts';
import { BATCH_ORDER, batchColor, batchRanks } from './comparison-common.ts';

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

/** The comparison's actor-gains chart. */
export const compareUtilities: ChartBuilder<Comparison> = {
  name: 'compare-utilities',
  title: compareUtilitiesTitle,
  description:
    "Each bar is an actor's mean gain over its fallback in one batch: its mean utility of the outcome minus its mean utility of no deal (the red line)." +
    " A deal's gain counts discounted by the actor's patience for the rounds the deal took." +
    " Right of the line the batch leaves the actor better off than walking away. Utilities are each on their own actor's scale, so compare a bar with the" +
    " same actor's bars in other batches, not with other actors'. Whiskers: 95% interval of the mean.",
  build: compareUtilitiesSpec,
};
