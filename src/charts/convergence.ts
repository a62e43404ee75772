/**
 * Whether enough runs were made: the running share of deals after n runs, with its 95% Wilson
 * band, and the final share as a dashed line. When the band has narrowed to a thin ribbon around
 * the dashed line, more runs would not change the headline. The run axis is logarithmic for
 * batches above 1 000 runs, so early and late runs both get room.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../simulation/summary-types.ts';
import {
  CHART_CONFIG,
  OUTCOME_COLORS,
  PERCENT_FORMAT,
  PERCENT_SCALE,
  VEGA_LITE_SCHEMA,
  intervalFields,
  intervalTooltip,
  messageChart,
  type ChartBuilder,
} from './common.ts';

export const convergenceTitle = 'Has the deal rate settled?';

export function convergenceSpec(summary: Summary): TopLevelSpec {
  const values = summary.convergence.filter((p) => p.runs > 0).map((p) => ({ runs: p.runs, ...intervalFields(p.deals) }));
  if (values.length === 0) return messageChart(convergenceTitle, 'No convergence trace was recorded.');
  const logScale = summary.runs > 1000;
  const x = {
    field: 'runs',
    type: 'quantitative' as const,
    title: logScale ? 'Runs so far (log scale)' : 'Runs so far',
    scale: logScale ? { type: 'log' as const } : { zero: false },
    axis: { format: '~s' },
  };
  const y = { type: 'quantitative' as const, scale: PERCENT_SCALE, axis: { format: PERCENT_FORMAT } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: convergenceTitle,
    description: 'Share of deals after each number of runs, with its 95% interval band.',
    width: 640,
    height: 220,
    layer: [
      {
        data: { values },
        encoding: { x },
        layer: [
          {
            mark: { type: 'area', color: OUTCOME_COLORS.Deal, opacity: 0.2 },
            encoding: { y: { ...y, field: 'low', title: 'Share of runs with a deal' }, y2: { field: 'high' } },
          },
          { mark: { type: 'line', color: OUTCOME_COLORS.Deal }, encoding: { y: { ...y, field: 'share' } } },
          // Invisible points carry the tooltip: a line or an area has only one for its whole path.
          {
            mark: { type: 'point', opacity: 0, size: 60 },
            encoding: { y: { ...y, field: 'share' }, tooltip: [{ field: 'runs', type: 'quantitative', title: 'Runs' }, ...intervalTooltip('Share of deals')] },
          },
        ],
      },
      {
        data: { values: [{ final: summary.outcomes.deal.share }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#555' },
        encoding: { y: { ...y, field: 'final' } },
      },
    ],
    config: CHART_CONFIG,
  };
}

export const convergence: ChartBuilder = {
  name: 'convergence',
  title: convergenceTitle,
  description:
    'The line is the share of deals after that many runs and the shaded band its 95% interval; the dashed' +
    ' line is the final share. A band that has shrunk to a thin ribbon means more runs would not change ' +
    'the result.',
  build: convergenceSpec,
};
