/**
 * What the deals agree on: for each issue, the share of deals that settled on each option, with
 * its 95% Wilson interval. One panel per issue, options in the order the model file gives them
 * (so ordinal and continuous issues read from low to high). The bars of a panel add up to 100%
 * of the deals; runs without a deal do not count.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary, TermDistribution } from '../simulation/summary-types.ts';
import {
  BAR_COLOR,
  byRank,
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
import { thousands } from '../format/numbers.ts';

export const agreedTermsTitle = 'What the deals agree on, issue by issue';

const ROW_HEIGHT = 22;
const PANEL_WIDTH = 360;

/** The panel's title: the issue, and for a continuous issue its unit and mean agreed level. */
function issueTitle(term: TermDistribution) {
  const mean = term.meanLevel === undefined || term.meanLevel === null ? [] : [`mean agreed level ${term.meanLevel.toFixed(2)}`];
  const subtitle = [...(term.unit === undefined ? [] : [term.unit]), ...mean].join('; ');
  // Anchored on the plot, not the labels, and cut to its width so every panel lines up.
  const frame = { anchor: 'start' as const, frame: 'group' as const, limit: PANEL_WIDTH, subtitleLimit: PANEL_WIDTH };
  const text = chartText(term.label);
  return subtitle === '' ? { text, fontSize: 13, ...frame } : { text, subtitle: chartText(subtitle), fontSize: 13, ...frame };
}

function issuePanel(term: TermDistribution, deals: number) {
  const values = term.options.map((o, optionRank) => ({ option: o.label, optionRank, ...intervalFields(o.deals) }));
  const xTitle = `Share of the ${thousands(deals)} deals`;
  const y = { field: 'option', type: 'nominal' as const, sort: byRank('optionRank'), title: null };
  return {
    title: issueTitle(term),
    data: { values },
    width: PANEL_WIDTH,
    height: { step: ROW_HEIGHT },
    encoding: { y },
    layer: [
      {
        mark: { type: 'bar' as const, color: BAR_COLOR, height: { band: 0.7 } },
        encoding: {
          x: { field: 'share', type: 'quantitative' as const, title: xTitle, scale: PERCENT_SCALE, axis: { format: PERCENT_FORMAT } },
          tooltip: [
            { field: 'option', type: 'nominal' as const, title: 'Option' },
            { field: 'count', type: 'quantitative' as const, title: 'Deals' },
            ...intervalTooltip('Share of deals'),
          ],
        },
      },
      intervalErrorBar('x', xTitle),
    ],
  };
}

export function agreedTermsSpec(summary: Summary): TopLevelSpec {
  const deals = summary.outcomes.deal.count;
  if (deals === 0 || summary.terms.length === 0) return messageChart(agreedTermsTitle, 'No run reached a deal.');
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: agreedTermsTitle,
    description: `For each issue, the share of ${deals} deals that agreed each option, with 95% intervals.`,
    vconcat: summary.terms.map((term) => issuePanel(term, deals)),
    spacing: 24,
    config: CHART_CONFIG,
  };
}

export const agreedTerms: ChartBuilder = {
  name: 'agreed-terms',
  title: agreedTermsTitle,
  description:
    'Each panel is one issue; a bar is the share of all deals that settled on that option (the bars of a ' +
    'panel add up to 100%), with its 95% interval. Runs without a deal are left out.',
  build: agreedTermsSpec,
};
