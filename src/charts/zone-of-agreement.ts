/**
 * The zone of agreement (zone-of-agreement.ts): how many runs had a package every actor whose
 * consent it needs prefers to no deal, how wide that zone was, and how often the runs at each
 * width reached a deal. Bars are runs by zone width (best worst-off gain over reservation, in
 * utility); the darker part of each bar is the runs that ended in a deal. Left of the line at 0
 * there is no zone and no deal is possible; right of it, the gap between the bar and its deals is
 * what the process (protocol, patience, collapse risk, deadline) fails to find.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../simulation/summary-types.ts';
import { percent } from '../format/numbers.ts';
import { CHART_CONFIG, OUTCOME_COLORS, VEGA_LITE_SCHEMA, messageChart, type ChartBuilder } from './common.ts';

export const zoneOfAgreementTitle = 'Is there a deal both sides prefer to no deal, and is it found?';

export function zoneOfAgreementSpec(summary: Summary): TopLevelSpec {
  const z = summary.zone;
  if (z.histogram.length === 0) return messageChart(zoneOfAgreementTitle, 'No runs.');
  const found = summary.mechanismKind === 'forecast' ? 'Forecast accepted' : 'Deal';
  const values = z.histogram.flatMap((b) => [
    { part: found, from: b.from, to: b.to, bottom: 0, top: b.deals, runs: b.deals, width: `${b.from.toFixed(2)} to ${b.to.toFixed(2)}` },
    { part: 'No deal', from: b.from, to: b.to, bottom: b.deals, top: b.runs, runs: b.runs - b.deals, width: `${b.from.toFixed(2)} to ${b.to.toFixed(2)}` },
  ]);
  const subtitle = `Zone in ${percent(z.exists.share)} of runs; given a zone, ${summary.mechanismKind === 'forecast' ? 'the forecast is accepted' : 'a deal'} in ${percent(z.dealGivenZone.share)}`;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: zoneOfAgreementTitle, subtitle },
    description: 'Runs by the width of their zone of agreement (negative: no zone), split into runs that reached a deal and runs that did not.',
    width: 640,
    height: 240,
    layer: [
      {
        data: { values },
        mark: { type: 'rect', stroke: 'white', strokeWidth: 0.3 },
        encoding: {
          x: { field: 'from', type: 'quantitative', title: 'Zone width: best worst-off gain over the fallback (utility; below 0, no zone)' },
          x2: { field: 'to' },
          y: { field: 'top', type: 'quantitative', title: 'Runs' },
          y2: { field: 'bottom' },
          color: {
            field: 'part',
            type: 'nominal',
            title: null,
            scale: { domain: [found, 'No deal'], range: [OUTCOME_COLORS.Deal, '#bdbdbd'] },
            legend: { orient: 'top' },
          },
          tooltip: [
            { field: 'width', type: 'nominal', title: 'Zone width' },
            { field: 'part', type: 'nominal', title: 'Runs that' },
            { field: 'runs', type: 'quantitative', title: 'Runs' },
          ],
        },
      },
      {
        data: { values: [{ x: 0 }] },
        mark: { type: 'rule', color: '#222', strokeDash: [4, 3] },
        encoding: { x: { field: 'x', type: 'quantitative' } },
      },
    ],
    config: CHART_CONFIG,
  };
}

export const zoneOfAgreement: ChartBuilder = {
  name: 'zone-of-agreement',
  title: zoneOfAgreementTitle,
  description:
    'Each bar counts the runs whose zone of agreement had that width (the best gain over its fallback that a package gives the actor it serves worst); green is the runs that reached a deal. ' +
    'Left of the dashed line no package satisfies everyone who must consent, so no deal is possible (the preferences decide); right of it, grey is what the talks failed to find (the process decides).',
  build: zoneOfAgreementSpec,
};
