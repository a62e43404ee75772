/**
 * The tornado: for each uncertain parameter, the swing in P(deal) when it moves from its low to its
 * high quantile (a yes/no fact: from "no" to "yes"; a choice: from its alternative with the lowest
 * P(deal) to the one with the highest; with --fixed, a fixed number from −share to +share of its
 * value) with every other parameter drawn as usual, as a bar from zero in percentage points,
 * largest swing at the top (at most MAX_ROWS rows; sensitivity.json holds them all). Each row says
 * what kind of number it is: evidence, assumption, or a structural choice. The whiskers are
 * paired 95% intervals (both arms rerun the same seeds, so the error is that of the per-run
 * differences: paired-difference.ts). A bar whose whisker crosses zero is within Monte Carlo error.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SensitivityResult } from '../analysis/sensitivity.ts';
import { byRank, CHART_CONFIG, OUTCOME_COLORS, VEGA_LITE_SCHEMA, messageChart } from './common.ts';
import { short as shortNumber } from '../format/numbers.ts';
import type { ChartBuilder } from './chart-builder.ts';

export const tornadoTitle = 'Which assumptions move P(deal) most';

const ROW_HEIGHT = 24;
/** The tornado shows the largest swings only: with --fixed a model has hundreds of numbers. */
export const MAX_ROWS = 30;

/** What the arms were, in words: "no → yes", "boulware → linear", "0.9 → 0.99". */
function armsInWords(p: SensitivityResult['parameters'][number]): string {
  if (p.yesNo) return 'no → yes';
  if (p.kind === 'choice') return `${p.low.label} → ${p.high.label}`;
  return `${shortNumber(p.low.value)} → ${shortNumber(p.high.value)}`;
}

/** What the number rests on, as the row says it. */
function kindInWords(p: SensitivityResult['parameters'][number]): string {
  if (p.kind === 'choice') return 'structural choice';
  return p.basis === 'evidence' ? 'evidence' : 'assumption';
}

export function tornadoSpec(result: SensitivityResult): TopLevelSpec {
  if (result.parameters.length === 0) return messageChart(tornadoTitle, 'No parameter is uncertain: there is nothing to swing.');
  const values = result.parameters.slice(0, MAX_ROWS).map((p, rowRank) => ({
    rowRank,
    row: `${p.label} (${armsInWords(p)}; ${kindInWords(p)}${p.kind === 'fixed' ? ', fixed' : ''})`,
    parameter: p.parameter,
    direction: p.dealSwing.change >= 0 ? 'raises P(deal)' : 'lowers P(deal)',
    swing: 100 * p.dealSwing.change,
    low: 100 * p.dealSwing.low,
    high: 100 * p.dealSwing.high,
    lowArm: `${p.low.label}: ${shortNumber(p.low.value)}`,
    highArm: `${p.high.label}: ${shortNumber(p.high.value)}`,
    dealAtLow: p.low.deal.share,
    dealAtHigh: p.high.deal.share,
  }));
  const fixed = result.fixedShare === null ? '' : `; fixed numbers ± ${Number((100 * result.fixedShare).toPrecision(6))}%`;
  const xTitle = `Change in P(deal), percentage points (${result.quantiles.low * 100}% → ${result.quantiles.high * 100}% quantile; choices worst → best${fixed})`;
  const y = { field: 'row', type: 'nominal' as const, sort: byRank('rowRank'), title: null };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: tornadoTitle,
    description: `The swing in P(deal) of the ${values.length} parameters that move it most${result.parameters.length > values.length ? ` (of ${result.parameters.length})` : ''}, largest first, with paired 95% intervals.`,
    data: { values },
    width: 560,
    height: { step: ROW_HEIGHT },
    encoding: { y },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          x: { field: 'swing', type: 'quantitative', title: xTitle, axis: { format: '+~g' } },
          x2: { datum: 0 },
          color: {
            field: 'direction',
            type: 'nominal',
            title: null,
            scale: { domain: ['raises P(deal)', 'lowers P(deal)'], range: [OUTCOME_COLORS.Deal, OUTCOME_COLORS.Breakdown] },
            legend: { orient: 'top' },
          },
          tooltip: [
            { field: 'parameter', type: 'nominal', title: 'Parameter' },
            { field: 'lowArm', type: 'nominal', title: 'Low arm' },
            { field: 'dealAtLow', type: 'quantitative', title: 'P(deal) at low', format: '.1%' },
            { field: 'highArm', type: 'nominal', title: 'High arm' },
            { field: 'dealAtHigh', type: 'quantitative', title: 'P(deal) at high', format: '.1%' },
            { field: 'swing', type: 'quantitative', title: 'Swing (points)', format: '+.1f' },
            { field: 'low', type: 'quantitative', title: '95% interval from', format: '+.1f' },
            { field: 'high', type: 'quantitative', title: '95% interval to', format: '+.1f' },
          ],
        },
      },
      {
        mark: { type: 'errorbar', color: '#222', ticks: { size: 8 } },
        encoding: { x: { field: 'low', type: 'quantitative', title: xTitle }, x2: { field: 'high' } },
      },
      { mark: { type: 'rule', color: '#555' }, encoding: { x: { datum: 0 } } },
    ],
    config: CHART_CONFIG,
  };
}

export const tornado: ChartBuilder<SensitivityResult> = {
  name: 'tornado',
  title: tornadoTitle,
  description:
    'Each bar is the change in P(deal), in percentage points, when one parameter moves from its low to its high quantile (a yes/no' +
    ' fact: from no to yes; a choice such as a concession style, the deadline or the mechanism: from its worst to its best alternative;' +
    ' with --fixed, a fixed number from −share to +share of its value) while every other parameter is drawn as usual; the largest swing is' +
    ' at the top, and each row says whether the number rests on evidence (the article), an assumption, or a structural choice. All arms' +
    ' rerun the same seeds (common random numbers), so the whiskers are paired 95% intervals; a whisker that crosses zero means no clear effect.',
  build: tornadoSpec,
};
