/**
 * The answer at a glance, in two panels. Left, the two questions a batch answers apart: whether a
 * zone of agreement exists (a package every party whose consent it needs values at least at its
 * fallback) and, given one, whether the talks reach a deal. Right, how the runs end. Each bar has
 * its 95% Wilson interval (Wilson 1927) as an error bar and its share written above it. For
 * talks, the share of deals, collapses (breakdowns), runs that hit the deadline and runs stalled
 * at an open-ended negotiation's cap; for forecasts, the share accepted and vetoed (no talks, so
 * nothing collapses). Read it as "in this share of simulated futures the talks end this way"; the
 * whiskers show how much that share could still move with more runs, not the uncertainty of the
 * model itself.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../simulation/summary-types.ts';
import type { Proportion } from '../simulation/wilson.ts';
import {
  AXIS_LABEL_SIZE,
  CHART_CONFIG,
  OUTCOME_COLORS,
  PANEL_TITLE_SIZE,
  PERCENT_FORMAT,
  PERCENT_SCALE,
  VEGA_LITE_SCHEMA,
  intervalErrorBar,
  intervalFields,
  intervalTooltip,
  type ChartBuilder,
  type OutcomeName,
} from './common.ts';
import { thousands } from '../format/numbers.ts';
import { sansSerifWidth } from './text-width.ts';

/** Space between neighbouring bar labels, in pixels. */
const LABEL_GAP = 12;

export const outcomeSharesTitle = 'Is there a deal, and how do the negotiations end?';

/** The ways this batch's runs can end, with their shares: talks and forecasts use different words. */
export function outcomeBars(summary: Summary): [OutcomeName, Proportion][] {
  const { deal, breakdown, deadline, vetoed, stalled } = summary.outcomes;
  if (summary.mechanismKind === 'forecast')
    return [
      ['Accepted', deal],
      ['Vetoed', vetoed],
    ];
  const bars: [OutcomeName, Proportion][] = [
    ['Deal', deal],
    ['Breakdown', breakdown],
  ];
  if (deadline.count > 0 || !summary.deadline.openEnded) bars.push(['Deadline', deadline]);
  if (stalled.count > 0) bars.push(['Stalled', stalled]);
  if (summary.mechanismKind === 'mixed') bars.push(['Vetoed', vetoed]);
  return bars;
}

/** The two questions a batch answers apart (headline.ts): is there a zone of agreement, and given one, is a deal found? */
export function zoneBars(summary: Summary): [string, Proportion][] {
  const found = summary.mechanismKind === 'forecast' ? 'Accepted, given a zone' : 'Deal, given a zone';
  return [
    ['Zone of agreement', summary.zone.exists],
    [found, summary.zone.dealGivenZone],
  ];
}

/** The colour of each bar: the outcomes' own, the zone blue, a deal given a zone a lighter green. */
const ZONE_COLORS: Record<string, string> = { 'Zone of agreement': '#4c78a8', 'Deal, given a zone': '#66bb6a', 'Accepted, given a zone': '#66bb6a' };

function sharePanel(title: string, bars: [string, Proportion][], yTitle: string | null, ofWhat: string) {
  const names = bars.map(([name]) => name);
  const values = bars.map(([bar, p], rank) => ({ bar, rank, of: ofWhat, ...intervalFields(p) }));
  // Each bar's slot is as wide as its longest label (12 px, the axis's size) and a gap, at least 96 px:
  // "Zone of agreement" beside "Deal, given a zone" overlapped in slots of 96.
  const step = Math.max(96, Math.ceil(Math.max(...names.map((n) => sansSerifWidth(n, AXIS_LABEL_SIZE)))) + LABEL_GAP);
  const x = { field: 'bar', type: 'nominal' as const, sort: names, title: null, axis: { labelAngle: 0, labelLimit: step - LABEL_GAP } };
  const colors = names.map((n) => ZONE_COLORS[n] ?? OUTCOME_COLORS[n as OutcomeName]);
  return {
    title: { text: title, fontSize: PANEL_TITLE_SIZE },
    data: { values },
    width: { step },
    height: 240,
    encoding: { x },
    layer: [
      {
        mark: { type: 'bar' as const, width: { band: 0.62 } },
        encoding: {
          y: { field: 'share', type: 'quantitative' as const, title: yTitle, scale: PERCENT_SCALE, axis: { format: PERCENT_FORMAT } },
          color: { field: 'bar', type: 'nominal' as const, scale: { domain: names, range: colors }, legend: null },
          tooltip: [
            { field: 'bar', type: 'nominal' as const, title: 'Share' },
            { field: 'of', type: 'nominal' as const, title: 'Of' },
            { field: 'count', type: 'quantitative' as const, title: 'Runs' },
            ...intervalTooltip('Share'),
          ],
        },
      },
      {
        mark: { type: 'text' as const, dy: -10, fontSize: 12, fontWeight: 'bold' as const },
        encoding: {
          y: { field: 'high', type: 'quantitative' as const, title: yTitle, scale: PERCENT_SCALE },
          text: { field: 'share', type: 'quantitative' as const, format: '.0%' },
        },
      },
      intervalErrorBar('y', yTitle),
    ],
  };
}

export function outcomeSharesSpec(summary: Summary): TopLevelSpec {
  const bars = outcomeBars(summary);
  const outcomes = bars.map(([outcome]) => outcome);
  const runs = thousands(summary.runs);
  const zoneRuns = thousands(summary.zone.exists.count);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: outcomeSharesTitle,
    description: `Share of ${summary.runs} runs with a zone of agreement and of those that found a deal in it; share ending each way (${outcomes.join(', ').toLowerCase()}), with 95% intervals.`,
    hconcat: [
      sharePanel(
        'Is there a deal to find, and is it found?',
        zoneBars(summary),
        'Share (95% interval)',
        `zone: all ${runs} runs; deal given a zone: the ${zoneRuns} runs with one`,
      ),
      sharePanel('How the runs end', bars, null, `all ${runs} runs`),
    ],
    spacing: 40,
    resolve: { scale: { color: 'independent' } },
    config: CHART_CONFIG,
  };
}

export const outcomeShares: ChartBuilder = {
  name: 'outcome-shares',
  title: outcomeSharesTitle,
  description:
    'Left: the share of runs in which some package leaves every party whose consent it needs at least as well off as no deal (a zone' +
    ' of agreement: the evidence decides), and among those runs the share that reached a deal (the process decides). Right: how all' +
    ' runs end. Whiskers are 95% intervals: bars whose whiskers do not overlap differ beyond sampling noise.',
  build: outcomeSharesSpec,
};
