/**
 * A one-parameter sweep: P(deal) and P(breakdown) at each grid point as lines, each with its 95%
 * Wilson band. Every point reruns the same seeds (common random numbers), so a curve's wiggles are
 * the parameter's effect rather than fresh noise; the bands still show each point's own Monte Carlo
 * error. A dashed vertical line marks the model's own value (a pinned parameter's mean).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SweepResult } from '../analysis/sweep.ts';
import {
  CHART_CONFIG,
  chartText,
  OUTCOME_COLORS,
  PERCENT_FORMAT,
  PERCENT_SCALE,
  VEGA_LITE_SCHEMA,
  intervalFields,
  intervalTooltip,
  messageChart,
} from './common.ts';
import type { ChartBuilder } from './chart-builder.ts';

export const sweepCurvesTitle = 'How the outcome moves with the swept parameter';

const OUTCOMES = [
  { key: 'deal', name: 'Deal' },
  { key: 'breakdown', name: 'Breakdown' },
] as const;

export function sweepCurvesSpec(result: SweepResult): TopLevelSpec {
  const axis = result.axes[0];
  if (result.axes.length !== 1 || result.points.length === 0) return messageChart(sweepCurvesTitle, 'Curves are drawn for a sweep over one parameter.');
  const values = result.points.flatMap((p) =>
    OUTCOMES.map((o) => ({ parameter: axis.label, value: p.values[0], outcome: o.name, ...intervalFields(p.outcomes[o.key]) })),
  );
  const xTitle = chartText(axis.modelDistribution === null ? axis.label : `${axis.label} (model: ${axis.modelDistribution})`);
  const x = { field: 'value', type: 'quantitative' as const, title: xTitle, scale: { zero: false, nice: false } };
  const y = { type: 'quantitative' as const, scale: PERCENT_SCALE, axis: { format: PERCENT_FORMAT } };
  const color = {
    field: 'outcome',
    type: 'nominal' as const,
    title: null,
    scale: { domain: OUTCOMES.map((o) => o.name), range: OUTCOMES.map((o) => OUTCOME_COLORS[o.name]) },
    legend: { orient: 'top' as const, labelExpr: "'P(' + lower(datum.label) + ')'" },
  };
  const lo = Math.min(...axis.values);
  const hi = Math.max(...axis.values);
  const showModel = axis.modelValue !== null && axis.modelValue >= lo && axis.modelValue <= hi;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: sweepCurvesTitle,
    description: `P(deal) and P(breakdown) over ${axis.label}, ${result.points.length} points of ${result.runsPerPoint} runs each, with 95% Wilson bands.`,
    width: 640,
    height: 260,
    layer: [
      {
        data: { values },
        encoding: { x, color },
        layer: [
          { mark: { type: 'area', opacity: 0.18 }, encoding: { y: { ...y, field: 'low', title: 'Share of runs' }, y2: { field: 'high' } } },
          { mark: { type: 'line', point: { size: 28 } }, encoding: { y: { ...y, field: 'share' } } },
          {
            mark: { type: 'point', opacity: 0, size: 80 },
            encoding: {
              y: { ...y, field: 'share' },
              tooltip: [
                { field: 'parameter', type: 'nominal', title: 'Parameter' },
                { field: 'value', type: 'quantitative', title: 'Value' },
                { field: 'outcome', type: 'nominal', title: 'Outcome' },
                ...intervalTooltip('Share of runs'),
              ],
            },
          },
        ],
      },
      ...(showModel
        ? [
            {
              data: { values: [{ model: axis.modelValue }] },
              mark: { type: 'rule' as const, strokeDash: [4, 4], color: '#555' },
              encoding: {
                x: { field: 'model', type: 'quantitative' as const },
                tooltip: [{ field: 'model', type: 'quantitative' as const, title: axis.mode === 'pin' ? "The model's mean" : "The model's value" }],
              },
            },
          ]
        : []),
    ],
    config: CHART_CONFIG,
  };
}

export const sweepCurves: ChartBuilder<SweepResult> = {
  name: 'sweep-curves',
  title: sweepCurvesTitle,
  description:
    'P(deal) (green) and P(breakdown) (red) at each value of the swept parameter; the shaded bands are 95% Wilson intervals.' +
    ' Every point reruns the same seeds with every other parameter drawn identically (common random numbers), so the curves are' +
    " smooth and their slope is the parameter's effect. The dashed line marks the model's own value.",
  applies: (result) => result.axes.length === 1,
  build: sweepCurvesSpec,
};
