/**
 * What each actor gets: the spread of its outcome utility over all runs as a box plot (whiskers
 * 5th–95th percentile, box 25th–75th, white tick at the median), with its mean reservation
 * utility (what it gets without a deal) as a red tick. A box to the right of the red tick means
 * the actor usually does better than walking away. Quantiles are read off a histogram, so they
 * are exact to the summary's utility bin width. The outcome utility of a deal in round k is
 * r + δ^(k−1)(u − r): its gain over the fallback discounted by the actor's patience for the rounds
 * the deal took (settle.ts), so it lies between the fallback r and the package's own utility u.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../simulation/summary-types.ts';
import { BAR_COLOR, byRank, CHART_CONFIG, RESERVATION_COLOR, VEGA_LITE_SCHEMA, type ChartBuilder } from './common.ts';

export const actorUtilitiesTitle = 'What each actor gets out of the talks';

const RESERVATION_LEGEND = 'Mean reservation utility (no deal)';

export function actorUtilitiesSpec(summary: Summary): TopLevelSpec {
  const values = summary.actors.map((a, actorRank) => ({
    actor: a.label,
    actorRank,
    ...a.quantiles,
    meanUtility: a.meanUtility,
    meanReservation: a.meanReservation,
    aboveReservation: a.aboveReservation.share,
    aboveLow: a.aboveReservation.low,
    aboveHigh: a.aboveReservation.high,
  }));
  // Only the first layer names the axis: a layer's `title: null` would blank the title Vega-Lite merges across layers.
  const utility = (field: string, title?: string) =>
    title === undefined ? { field, type: 'quantitative' as const } : { field, type: 'quantitative' as const, title };
  const tooltip = [
    { field: 'actor', type: 'nominal' as const, title: 'Actor' },
    { field: 'p50', type: 'quantitative' as const, title: 'Median utility', format: '.2f' },
    { field: 'p25', type: 'quantitative' as const, title: '25th percentile', format: '.2f' },
    { field: 'p75', type: 'quantitative' as const, title: '75th percentile', format: '.2f' },
    { field: 'meanUtility', type: 'quantitative' as const, title: 'Mean utility', format: '.2f' },
    { field: 'meanReservation', type: 'quantitative' as const, title: 'Mean reservation utility', format: '.2f' },
    { field: 'aboveReservation', type: 'quantitative' as const, title: 'Runs above reservation', format: '.1%' },
    { field: 'aboveLow', type: 'quantitative' as const, title: '95% interval from', format: '.1%' },
    { field: 'aboveHigh', type: 'quantitative' as const, title: '95% interval to', format: '.1%' },
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: actorUtilitiesTitle,
    description: 'Per actor: outcome utility percentiles (5, 25, 50, 75, 95) and mean reservation utility.',
    data: { values },
    width: 640,
    height: { step: 30 },
    encoding: {
      y: { field: 'actor', type: 'nominal', sort: byRank('actorRank'), title: null },
      tooltip,
    },
    layer: [
      {
        mark: { type: 'rule', color: BAR_COLOR },
        encoding: {
          x: utility('p05', "Utility of the outcome, a deal's gain discounted by patience to its round (whiskers 5th–95th percentile, box 25th–75th)"),
          x2: { field: 'p95' },
        },
      },
      { mark: { type: 'bar', color: BAR_COLOR, height: 16 }, encoding: { x: utility('p25'), x2: { field: 'p75' } } },
      { mark: { type: 'tick', color: 'white', thickness: 2, size: 16 }, encoding: { x: utility('p50') } },
      {
        mark: { type: 'tick', thickness: 3, size: 24 },
        encoding: {
          x: utility('meanReservation'),
          color: {
            datum: RESERVATION_LEGEND,
            type: 'nominal',
            scale: { range: [RESERVATION_COLOR] },
            legend: { title: null, orient: 'bottom', labelLimit: 400 },
          },
        },
      },
    ],
    config: CHART_CONFIG,
  };
}

export const actorUtilities: ChartBuilder = {
  name: 'actor-utilities',
  title: actorUtilitiesTitle,
  description:
    'For each actor the box spans the middle half of its outcome utilities over all runs (white tick: ' +
    'median; whiskers: 5th to 95th percentile); the red tick is its fallback, what it expects without a deal. A deal counts as its fallback' +
    " plus its gain over the fallback discounted by the actor's patience for the rounds the deal took (r + δ^(k−1)(u − r)), so a late deal" +
    " lies closer to the fallback than the package itself. Each actor's utility is" +
    " on its own scale: read a box against its own red tick (its gain over the fallback), not against other actors' boxes. Hover for" +
    ' the share of runs that leave it better off than its fallback.',
  build: actorUtilitiesSpec,
};
