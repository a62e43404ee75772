/**
 * What the assumptions do to the terms: for each uncertain parameter (rows, in the tornado's order)
 * and each issue (columns), the change in the key term of the deals (key-terms.ts) from the
 * parameter's low to its high arm. The colour is the change as a share of the term's scale (the
 * issue's range, its number of positions, or 100% of deals), so issues compare; the text is the
 * change in the term's own unit (points for shares).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SensitivityResult } from '../analysis/sensitivity.ts';
import { byRank, CHART_CONFIG, VEGA_LITE_SCHEMA, messageChart } from './common.ts';
import type { ChartBuilder } from './chart-builder.ts';
import { MAX_ROWS } from './tornado.ts';

export const termSwingsTitle = 'How the assumptions move the terms of a deal';

/** The change in the term's own unit: points for a share, else two significant digits; "0" below 0.1% of the scale. */
function changeText(change: number | null, changeOfScale: number | null, share: boolean): string {
  if (change === null || changeOfScale === null) return '–';
  if (Math.abs(changeOfScale) < 0.001) return '0';
  const sign = change < 0 ? '−' : '+';
  if (share) {
    const points = Math.abs(100 * change);
    return `${sign}${points.toFixed(points >= 10 ? 0 : 1)} pt`;
  }
  return `${sign}${Number(Math.abs(change).toPrecision(2))}`;
}

export function termSwingsSpec(result: SensitivityResult): TopLevelSpec {
  if (result.parameters.length === 0 || result.terms.length === 0) return messageChart(termSwingsTitle, 'No parameter is uncertain, or the model has no issues.');
  const columns = result.terms.map((t) => (t.measure === 'share of deals' ? `${t.label}: ${t.optionLabel ?? ''}` : t.label));
  const values = result.parameters.slice(0, MAX_ROWS).flatMap((p, parameterRank) =>
    p.termChanges.map((c, i) => ({
      parameter: p.label,
      parameterRank,
      term: columns[i],
      termRank: i,
      measure: result.terms[i].description,
      changeOfScale: c.changeOfScale,
      text: changeText(c.change, c.changeOfScale, result.terms[i].measure === 'share of deals'),
    })),
  );
  const extent = Math.max(0.05, ...values.map((v) => Math.abs(v.changeOfScale ?? 0)));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: termSwingsTitle,
    description: 'The change in each key term of the deals from each parameter\'s low to its high arm.',
    data: { values },
    width: { step: 92 },
    height: { step: 24 },
    encoding: {
      x: { field: 'term', type: 'nominal', sort: byRank('termRank'), title: null, axis: { orient: 'top', labelAngle: -30, labelLimit: 180 } },
      y: { field: 'parameter', type: 'nominal', sort: byRank('parameterRank'), title: null },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: {
            field: 'changeOfScale',
            type: 'quantitative',
            title: 'Change (share of scale)',
            scale: { scheme: 'purpleorange', domain: [-extent, extent] },
            legend: { format: '+.0%' },
          },
          tooltip: [
            { field: 'parameter', type: 'nominal', title: 'Parameter' },
            { field: 'term', type: 'nominal', title: 'Issue' },
            { field: 'measure', type: 'nominal', title: 'Key term' },
            { field: 'text', type: 'nominal', title: 'Change, low → high' },
          ],
        },
      },
      { mark: { type: 'text', fontSize: 10, color: '#222' }, encoding: { text: { field: 'text', type: 'nominal' } } },
    ],
    config: CHART_CONFIG,
  };
}

export const termSwings: ChartBuilder<SensitivityResult> = {
  name: 'term-swings',
  title: termSwingsTitle,
  description:
    "Rows are the uncertain parameters (in the tornado's order), columns the issues. A cell is the change in that issue's key term" +
    ' among deals when the parameter moves from its low to its high arm: the mean agreed level or position (in its own unit), or the' +
    ' share of deals with the most frequent option (in points). The colour puts the change on a common scale.',
  build: termSwingsSpec,
};
