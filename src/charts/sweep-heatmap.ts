/**
 * A two-parameter sweep: P(deal) (or P(breakdown)) at every grid point as a coloured cell with its
 * value written in. Every cell reruns the same seeds (common random numbers), so neighbouring cells
 * differ by the parameters' effect; each cell's 95% Wilson interval is in its tooltip.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SweepResult } from '../analysis/sweep.ts';
import { CHART_CONFIG, chartText, VEGA_LITE_SCHEMA, intervalFields, intervalTooltip, messageChart } from './common.ts';
import { distinctLabels } from './analysis-chart.ts';
import type { ChartBuilder } from './chart-builder.ts';

type Outcome = 'deal' | 'breakdown';

const NAMES: Record<Outcome, { title: string; share: string; scheme: 'greens' | 'reds' }> = {
  deal: { title: 'P(deal) over the two swept parameters', share: 'P(deal)', scheme: 'greens' },
  breakdown: { title: 'P(breakdown) over the two swept parameters', share: 'P(breakdown)', scheme: 'reds' },
};

/** Cells at most this many per axis get their value written in. */
const LABELLED_CELLS = 16;

export function sweepHeatmapSpec(result: SweepResult, outcome: Outcome = 'deal'): TopLevelSpec {
  const names = NAMES[outcome];
  if (result.axes.length !== 2 || result.points.length === 0) return messageChart(names.title, 'A heatmap is drawn for a sweep over two parameters.');
  const [xAxis, yAxis] = result.axes;
  const xLabels = distinctLabels(xAxis.values);
  const yLabels = distinctLabels(yAxis.values);
  // With two axes the second varies fastest: point k is (x value ⌊k/ny⌋, y value k mod ny).
  const values = result.points.map((p, k) => ({
    x: xLabels[Math.floor(k / yLabels.length)],
    y: yLabels[k % yLabels.length],
    ...intervalFields(p.outcomes[outcome]),
  }));
  const title = (axis: (typeof result.axes)[number]) =>
    chartText(axis.modelDistribution === null ? axis.label : `${axis.label} (model: ${axis.modelDistribution})`);
  const labelled = xLabels.length <= LABELLED_CELLS && yLabels.length <= LABELLED_CELLS;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: names.title,
    description: `${names.share} at each of ${result.points.length} grid points of ${result.runsPerPoint} runs.`,
    data: { values },
    width: { step: Math.max(26, Math.min(48, Math.floor(520 / xLabels.length))) },
    height: { step: Math.max(20, Math.min(34, Math.floor(360 / yLabels.length))) },
    encoding: {
      x: { field: 'x', type: 'ordinal', sort: xLabels, title: title(xAxis), axis: { labelAngle: 0 } },
      // Larger values at the top, as on a number line.
      y: { field: 'y', type: 'ordinal', sort: [...yLabels].reverse(), title: title(yAxis) },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: { field: 'share', type: 'quantitative', title: names.share, scale: { scheme: names.scheme, domain: [0, 1] }, legend: { format: '.0%' } },
          tooltip: [{ field: 'x', type: 'nominal', title: xAxis.label }, { field: 'y', type: 'nominal', title: yAxis.label }, ...intervalTooltip(names.share)],
        },
      },
      ...(labelled
        ? [
            {
              mark: { type: 'text' as const, fontSize: 12 },
              encoding: {
                text: { field: 'share', type: 'quantitative' as const, format: '.0%' },
                color: { condition: { test: 'datum.share > 0.55', value: 'white' }, value: '#222' },
              },
            },
          ]
        : []),
    ],
    config: CHART_CONFIG,
  };
}

export const sweepHeatmapDeal: ChartBuilder<SweepResult> = {
  name: 'sweep-heatmap-deal',
  title: NAMES.deal.title,
  description:
    'Each cell is P(deal) at one combination of the two swept values (hover for its 95% Wilson interval). Every cell reruns the' +
    ' same seeds with every other parameter drawn identically (common random numbers), so neighbouring cells differ by the' +
    " parameters' effect, not by fresh sampling noise.",
  applies: (result) => result.axes.length === 2,
  build: (result) => sweepHeatmapSpec(result, 'deal'),
};

export const sweepHeatmapBreakdown: ChartBuilder<SweepResult> = {
  name: 'sweep-heatmap-breakdown',
  title: NAMES.breakdown.title,
  description: 'The same grid for P(breakdown): the share of runs in which talks collapse.',
  applies: (result) => result.axes.length === 2,
  build: (result) => sweepHeatmapSpec(result, 'breakdown'),
};
