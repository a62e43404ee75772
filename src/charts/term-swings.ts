/**
 * What the assumptions do to the terms: for each uncertain parameter (rows, in the tornado's order)
 * and each issue (columns), the change in the key term of the deals (key-terms.ts) from the
 * parameter's low to its high arm. One panel per unit — points of deals for the categorical
 * issues' shares, positions for ordinal issues, the issue's own unit for continuous ones — so no
 * panel sets −0.51 beside +58 points; colour and text are in the panel's unit. Column headers
 * are wrapped, never cut.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { KeyTermDefinition } from '../analysis/key-terms.ts';
import type { SensitivityResult } from '../analysis/sensitivity.ts';
import { byRank, CHART_CONFIG, chartText, PANEL_TITLE_SIZE, VEGA_LITE_SCHEMA, messageChart, wrappedHeaders, wrappedTopAxis, wrapWords } from './common.ts';
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

/** The panels: one per unit, in this order, each with the issues measured in it. */
const UNITS: { measure: KeyTermDefinition['measure']; title: (def: KeyTermDefinition) => string; legend: (def: KeyTermDefinition) => string }[] = [
  { measure: 'share of deals', title: () => 'Share of deals with the most frequent option (points)', legend: () => 'Change (points of deals)' },
  { measure: 'mean position', title: () => 'Mean agreed position (options from first = 0)', legend: () => 'Change (positions)' },
  { measure: 'mean level', title: (d) => `Mean agreed level${d.unit === undefined ? '' : ` (${d.unit})`}`, legend: () => 'Change (level)' },
];

export function termSwingsSpec(result: SensitivityResult): TopLevelSpec {
  if (result.parameters.length === 0 || result.terms.length === 0)
    return messageChart(termSwingsTitle, 'No parameter is uncertain, or the model has no issues.');
  const parameters = result.parameters.slice(0, MAX_ROWS);
  const groups = UNITS.flatMap((unit) => {
    const issues = result.terms.flatMap((def, i) => (def.measure === unit.measure ? [i] : []));
    // Continuous issues of different units get a panel each.
    const byUnit = new Map<string, number[]>();
    for (const i of issues) byUnit.set(result.terms[i].unit ?? '', [...(byUnit.get(result.terms[i].unit ?? '') ?? []), i]);
    return [...byUnit.values()].map((members) => ({ unit, members }));
  });
  // Column headers: the issue, and for a share its option, wrapped (never cut), last lines aligned.
  const headers = wrappedHeaders(
    result.terms.map((d) => (d.measure === 'share of deals' && d.optionLabel !== undefined ? `${d.label} → ${d.optionLabel}` : d.label)),
    16,
    6,
  );
  const panels = groups.map(({ unit, members }, g) => {
    const share = unit.measure === 'share of deals';
    const values = parameters.flatMap((p, parameterRank) =>
      members.map((i) => {
        const c = p.termChanges[i];
        return {
          parameter: p.label,
          parameterRank,
          term: headers.labels[i],
          termLabel: result.terms[i].label,
          termRank: i,
          measure: result.terms[i].description,
          change: c.change === null ? null : share ? 100 * c.change : c.change,
          text: changeText(c.change, c.changeOfScale, share),
        };
      }),
    );
    const extent = Math.max(share ? 5 : 0.05 * Math.max(...members.map((i) => result.terms[i].scale)), ...values.map((v) => Math.abs(v.change ?? 0)));
    const def = result.terms[members[0]];
    return {
      // The panel's unit on as many lines as its width needs (about 8 px a character at this size).
      title: {
        text: wrapWords(unit.title(def), Math.max(14, Math.floor((members.length * 110) / 8)), 4).map(chartText),
        fontSize: PANEL_TITLE_SIZE,
        anchor: 'start' as const,
      },
      data: { values },
      width: { step: 110 },
      height: { step: 26 },
      encoding: {
        x: { field: 'term', type: 'nominal' as const, sort: byRank('termRank'), title: null, axis: wrappedTopAxis(headers.lines) },
        y: { field: 'parameter', type: 'nominal' as const, sort: byRank('parameterRank'), title: null, axis: g === 0 ? { labelLimit: 420 } : null },
      },
      layer: [
        {
          mark: { type: 'rect' as const, stroke: 'white', strokeWidth: 1 },
          encoding: {
            color: {
              field: 'change',
              type: 'quantitative' as const,
              title: unit.legend(def),
              scale: { scheme: 'purpleorange', domain: [-extent, extent] },
              legend: { orient: 'bottom' as const, format: share ? '+.0f' : '+.2~g', gradientLength: 160 },
            },
            tooltip: [
              { field: 'parameter', type: 'nominal' as const, title: 'Parameter' },
              { field: 'termLabel', type: 'nominal' as const, title: 'Issue' },
              { field: 'measure', type: 'nominal' as const, title: 'Key term' },
              { field: 'text', type: 'nominal' as const, title: 'Change, low → high' },
            ],
          },
        },
        {
          mark: { type: 'text' as const, fontSize: 12 },
          encoding: {
            text: { field: 'text', type: 'nominal' as const },
            color: { condition: { test: `datum.change !== null && abs(datum.change) > ${0.6 * extent}`, value: 'white' }, value: '#222' },
          },
        },
      ],
    };
  });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: termSwingsTitle,
    description: "The change in each key term of the deals from each parameter's low to its high arm, one panel per unit.",
    hconcat: panels,
    spacing: 24,
    resolve: { scale: { color: 'independent' } },
    config: CHART_CONFIG,
  };
}

export const termSwings: ChartBuilder<SensitivityResult> = {
  name: 'term-swings',
  title: termSwingsTitle,
  description:
    "Rows are the uncertain parameters (in the tornado's order), columns the issues, one panel per unit. A cell is the change in that issue's" +
    ' key term among deals when the parameter moves from its low to its high arm: the share of deals with the most frequent option (in' +
    ' points), the mean agreed position (ordinal issues), or the mean agreed level (in the issue’s unit).',
  build: termSwingsSpec,
};
