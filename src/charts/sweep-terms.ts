/**
 * A one-parameter sweep, issue by issue: the key term of the deals (key-terms.ts — the mean agreed
 * level of a continuous issue, the mean position of an ordinal one, the share of deals with the
 * reference option of a categorical one) at each grid point, with its 95% band, every panel on
 * its measure's whole scale. Points without deals are left out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { KeyTermDefinition } from '../analysis/key-terms.ts';
import type { SweepResult } from '../analysis/sweep.ts';
import { BAR_COLOR, CHART_CONFIG, chartText, PERCENT_FORMAT, VEGA_LITE_SCHEMA, messageChart } from './common.ts';
import type { ChartBuilder } from './chart-builder.ts';

export const sweepTermsTitle = 'What the deals agree on, across the sweep';

const PANEL = { width: 280, height: 160 };

/** "share of deals with "X"" → ["share of deals with", ""X""]; "mean agreed position (0 = …)" → ["mean agreed position", "(0 = …)"]. */
function splitDescription(description: string): string[] {
  const at = description.search(/ ["(]/);
  return at < 0 ? [description] : [description.slice(0, at), description.slice(at + 1)];
}

function panel(result: SweepResult, def: KeyTermDefinition, i: number) {
  const axis = result.axes[0];
  const values = result.points
    .map((p) => ({
      parameter: axis.label,
      value: p.values[0],
      term: p.terms[i].value,
      low: p.terms[i].low ?? p.terms[i].value,
      high: p.terms[i].high ?? p.terms[i].value,
      deals: p.terms[i].deals,
    }))
    .filter((row) => row.term !== null);
  const share = def.measure === 'share of deals';
  const yAxis = share ? { format: PERCENT_FORMAT } : { format: '~g' };
  // Every panel on its measure's whole scale (shares 0–100%, positions 0 to K − 1, levels over the range): an
  // auto-scaled axis would magnify a change of 0.01 into a swing across the panel.
  const from = share ? 0 : (def.from ?? 0);
  const y = { type: 'quantitative' as const, title: null, scale: { domain: [from, from + (share ? 1 : def.scale)], clamp: true, nice: false }, axis: yAxis };
  const x = { field: 'value', type: 'quantitative' as const, title: chartText(axis.label), scale: { zero: false, nice: false }, axis: { tickCount: 4 } };
  const format = share ? '.1%' : '.3~g';
  return {
    // The measure on two lines ("share of deals with" / the option) so long option names get room.
    title: {
      text: chartText(def.label),
      subtitle: splitDescription(def.description).map(chartText),
      fontSize: 13,
      limit: PANEL.width + 40,
      subtitleLimit: PANEL.width + 40,
    },
    ...PANEL,
    data: { values },
    encoding: { x },
    layer: [
      { mark: { type: 'area' as const, color: BAR_COLOR, opacity: 0.2 }, encoding: { y: { ...y, field: 'low' }, y2: { field: 'high' } } },
      {
        mark: { type: 'line' as const, color: BAR_COLOR, point: { size: 24 } },
        encoding: {
          y: { ...y, field: 'term' },
          tooltip: [
            { field: 'parameter', type: 'nominal' as const, title: 'Parameter' },
            { field: 'value', type: 'quantitative' as const, title: 'Value' },
            { field: 'term', type: 'quantitative' as const, title: def.measure, format },
            { field: 'low', type: 'quantitative' as const, title: '95% interval from', format },
            { field: 'high', type: 'quantitative' as const, title: '95% interval to', format },
            { field: 'deals', type: 'quantitative' as const, title: 'Deals' },
          ],
        },
      },
    ],
  };
}

export function sweepTermsSpec(result: SweepResult): TopLevelSpec {
  if (result.axes.length !== 1 || result.terms.length === 0) return messageChart(sweepTermsTitle, 'Term curves are drawn for a sweep over one parameter.');
  if (result.points.every((p) => p.outcomes.deal.count === 0)) return messageChart(sweepTermsTitle, 'No grid point reached a deal.');
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: sweepTermsTitle,
    description: `The key term of each issue among the deals, over ${result.axes[0].label}.`,
    columns: 3,
    spacing: { row: 28, column: 28 },
    concat: result.terms.map((def, i) => panel(result, def, i)),
    config: CHART_CONFIG,
  };
}

export const sweepTerms: ChartBuilder<SweepResult> = {
  name: 'sweep-terms',
  title: sweepTermsTitle,
  description:
    'One panel per issue, among the deals at each value of the swept parameter: the mean agreed level (continuous issue), the mean agreed' +
    ' position (ordinal issue, 0 = its first option) or the share of deals with the option most frequent in the model as written' +
    ' (categorical issue), with 95% bands (Wilson for shares, normal approximation for means).',
  applies: (result) => result.axes.length === 1,
  build: sweepTermsSpec,
};
