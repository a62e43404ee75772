/**
 * Which assumptions move the deal rate: for the uncertain parameters with the largest
 * |dealShareSpread| (P(deal) in the highest populated bin minus the lowest), the share of deals
 * among the runs whose sampled value fell in each bin, with 95% Wilson intervals. A yes/no fact
 * shows two bars, "no" and "yes" — e.g. the deal rate with and without a US backstop. A flat
 * panel means the assumption hardly matters; a steep one means the result hinges on it. This is
 * a one-at-a-time reading: other parameters vary at the same time, so it shows association.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AssumptionOutcome, Summary } from '../simulation/summary-types.ts';
import {
  BAR_COLOR,
  CHART_CONFIG,
  chartText,
  PERCENT_FORMAT,
  PERCENT_SCALE,
  VEGA_LITE_SCHEMA,
  intervalErrorBar,
  intervalFields,
  intervalTooltip,
  messageChart,
  type ChartBuilder,
} from './common.ts';

export const assumptionEffectsTitle = 'Which assumptions move the deal rate';

/** How many assumptions get a panel. */
export const ASSUMPTION_PANELS = 6;

const PANEL = { width: 240, height: 150 };

/** The assumptions with the largest effect on P(deal), largest first (ties in model order). */
function mostInfluential(assumptions: AssumptionOutcome[]): AssumptionOutcome[] {
  return assumptions
    .map((a, k) => ({ a, k }))
    .sort((x, y) => Math.abs(y.a.dealShareSpread) - Math.abs(x.a.dealShareSpread) || x.k - y.k)
    .slice(0, ASSUMPTION_PANELS)
    .map(({ a }) => a);
}

/** A bin bound in at most three significant digits. */
function short(x: number): string {
  return String(Number(x.toPrecision(3)));
}

type ShareAxis = { type: 'quantitative'; title: string; scale: typeof PERCENT_SCALE; axis: { format: string } };
type Tooltip = { field: string; type: 'nominal' | 'quantitative'; title: string }[];

/** A yes/no fact: two bars, "no" and "yes". */
function yesNoBars(y: ShareAxis, tooltip: Tooltip) {
  const x = { field: 'bin', type: 'nominal' as const, sort: ['no', 'yes'], title: null, axis: { labelAngle: 0 } };
  return [
    { mark: { type: 'bar' as const, color: BAR_COLOR, width: { band: 0.6 } }, encoding: { x, y: { ...y, field: 'share' }, tooltip } },
    intervalErrorBar('y', y.title, { x }),
  ];
}

/** A numeric parameter: one bar per bin, spanning its range of sampled values. */
function binBars(assumption: AssumptionOutcome, y: ShareAxis, tooltip: Tooltip) {
  const x = {
    field: 'from',
    type: 'quantitative' as const,
    title: `Sampled value: ${assumption.distribution}`,
    scale: { zero: false, nice: false },
    axis: { tickCount: 4 },
  };
  return [
    {
      mark: { type: 'bar' as const, color: BAR_COLOR, stroke: 'white', strokeWidth: 1 },
      encoding: { x, x2: { field: 'to' }, y: { ...y, field: 'share' }, y2: { datum: 0 }, tooltip },
    },
    intervalErrorBar('y', y.title, { x: { field: 'mid', type: 'quantitative' as const } }),
  ];
}

function panel(assumption: AssumptionOutcome, overallDealShare: number) {
  // A yes/no fact has exactly two bins, "no" then "yes"; bins no run fell in are left out.
  const values = assumption.bins
    .map((b, k) => ({
      bin: assumption.yesNo ? (k === 0 ? 'no' : 'yes') : `${short(b.from)}–${short(b.to)}`,
      from: b.from,
      to: b.to,
      mid: (b.from + b.to) / 2,
      runs: b.runs,
      ...intervalFields(b.deals),
    }))
    .filter((row) => row.runs > 0);
  const yTitle = 'Share of runs with a deal';
  const y = { type: 'quantitative' as const, title: yTitle, scale: PERCENT_SCALE, axis: { format: PERCENT_FORMAT } };
  const tooltip = [
    { field: 'bin', type: 'nominal' as const, title: 'Sampled value' },
    { field: 'runs', type: 'quantitative' as const, title: 'Runs' },
    ...intervalTooltip('Share of deals'),
  ];
  const reference = {
    data: { values: [{ overall: overallDealShare }] },
    mark: { type: 'rule' as const, strokeDash: [4, 4], color: '#555' },
    encoding: { y: { ...y, field: 'overall' } },
  };
  const bars = assumption.yesNo ? yesNoBars(y, tooltip) : binBars(assumption, y, tooltip);
  return {
    // Cut long labels to the panel (plot and its axis) so neighbouring titles never overlap.
    title: { text: chartText(assumption.label), fontSize: 13, limit: PANEL.width + 50 },
    ...PANEL,
    layer: [{ data: { values }, layer: bars }, reference],
  };
}

export function assumptionEffectsSpec(summary: Summary): TopLevelSpec {
  const shown = mostInfluential(summary.assumptions);
  if (shown.length === 0) return messageChart(assumptionEffectsTitle, 'No parameter was uncertain: every run used the same values.');
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: assumptionEffectsTitle,
    description: `Share of deals by bin of the sampled value, for the ${shown.length} assumptions that move it most.`,
    columns: 3,
    spacing: { row: 28, column: 24 },
    concat: shown.map((a) => panel(a, summary.outcomes.deal.share)),
    config: CHART_CONFIG,
  };
}

export const assumptionEffects: ChartBuilder = {
  name: 'assumption-effects',
  title: assumptionEffectsTitle,
  description:
    'Each panel is one uncertain assumption (the six that move the deal rate most): a bar is the share of' +
    ' deals among the runs whose sampled value fell in that range, or was "no"/"yes", with its 95% ' +
    'interval; the dashed line is the overall deal rate. Other assumptions vary at the same time, so read' +
    ' it as association.',
  build: assumptionEffectsSpec,
};
