/**
 * When the talks end: how many runs reached a deal in each round, stacked on how many broke
 * down in that round (when any did) — in months when the model gives rounds a calendar length.
 * Runs that hit the deadline all end in the last round and are left out. A tall early peak means
 * deals come quickly; a long tail means hard bargaining; a pile-up just before a deadline (the
 * subtitle says so, a dashed line marks the deadline, and the last tenth of the rounds is shaded
 * and labelled with its share of the deals) means the assumed deadline, not the actors, sets the
 * timing.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { RoundCount, Summary } from '../simulation/summary-types.ts';
import { percent, thousands } from '../format/numbers.ts';
import { lastTenth } from '../simulation/aggregate.ts';
import { CHART_CONFIG, OUTCOME_COLORS, VEGA_LITE_SCHEMA, messageChart, type ChartBuilder } from './common.ts';

/** The shade of a deadline cluster (the last tenth of the rounds, when most deals come in it). */
const DEADLINE_CLUSTER_COLOR = '#f2a541';

export const roundsToDealTitle = 'When the talks end';

type EndingOutcome = 'Deal' | 'Breakdown';

interface BarRow {
  outcome: EndingOutcome;
  round: number;
  runs: number;
  /** Bar extent: [round − ½, round + ½] across, [bottom, top] up (breakdowns stack on deals). */
  from: number;
  to: number;
  bottom: number;
  top: number;
}

/** Rounds, or months when a round has a calendar length: a deal in round k comes after k rounds. */
function timeAxis(summary: Summary): { unit: number; title: string } {
  if (summary.time === null) return { unit: 1, title: 'Round' };
  return {
    unit: summary.time.roundLength.months,
    title: `Months of talks (rounds of ${summary.time.roundLength.value} ${summary.time.roundLength.unit}${summary.time.roundLength.value === 1 ? '' : 's'})`,
  };
}

function bars(dealCounts: RoundCount[], breakdownCounts: RoundCount[], unit: number): BarRow[] {
  const dealsIn = new Map(dealCounts.map((c) => [c.round, c.count]));
  const row = (outcome: EndingOutcome, c: RoundCount, bottom: number): BarRow => ({
    outcome,
    round: c.round,
    runs: c.count,
    from: (c.round - 1) * unit,
    to: c.round * unit,
    bottom,
    top: bottom + c.count,
  });
  return [...dealCounts.map((c) => row('Deal', c, 0)), ...breakdownCounts.map((c) => row('Breakdown', c, dealsIn.get(c.round) ?? 0))];
}

/** The subtitle: where the middle of the deals lies, and a deadline effect when there is one. */
function subtitle(summary: Summary): string {
  const effect = summary.deadlineEffect;
  if (effect !== null && effect.flagged)
    return `${percent(effect.lastTenth.share)} of the deals come in the last tenth of the rounds before the deadline: the assumed deadline sets their timing`;
  if (summary.deadline.openEnded) return `No deadline: talks go on until a deal or a collapse (cap ${summary.deadline.maxRounds} rounds)`;
  return `Deadline: ${summary.deadline.text}`;
}

/** The round by which `share` of the runs that ended in a deal or a breakdown had ended. */
function roundCovering(summary: Summary, share: number): number {
  const byRound = new Map<number, number>();
  for (const c of [...summary.roundsToDeal.counts, ...summary.roundsToBreakdown.counts]) byRound.set(c.round, (byRound.get(c.round) ?? 0) + c.count);
  const rounds = [...byRound.keys()].sort((a, b) => a - b);
  const total = rounds.reduce((n, r) => n + byRound.get(r)!, 0);
  let seen = 0;
  for (const r of rounds) {
    seen += byRound.get(r)!;
    if (seen >= share * total) return r;
  }
  return rounds[rounds.length - 1] ?? 0;
}

/** The bars: runs ending in each round, coloured by outcome, breakdowns stacked on deals, the x scale running to `end`. */
function barLayer(values: BarRow[], outcomes: EndingOutcome[], axis: { unit: number; title: string }, end: number) {
  const withBreakdowns = outcomes.includes('Breakdown');
  return {
    data: { values },
    mark: { type: 'rect' as const, stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'from', type: 'quantitative' as const, title: axis.title, scale: { domain: [0, end], nice: false } },
      x2: { field: 'to' },
      y: { field: 'top', type: 'quantitative' as const, title: 'Runs ending then' },
      y2: { field: 'bottom' },
      color: {
        field: 'outcome',
        type: 'nominal' as const,
        title: 'Outcome',
        scale: { domain: outcomes, range: outcomes.map((o) => OUTCOME_COLORS[o]) },
        legend: withBreakdowns ? { orient: 'top' as const, title: null } : null,
      },
      tooltip: [
        { field: 'outcome', type: 'nominal' as const, title: 'Outcome' },
        { field: 'round', type: 'quantitative' as const, title: 'Round' },
        { field: 'runs', type: 'quantitative' as const, title: 'Runs' },
      ],
    },
  };
}

/** The dashed line at a fixed deadline (none without one). */
function deadlineRuleLayers(fixedDeadline: number | null, unit: number) {
  if (fixedDeadline === null) return [];
  return [
    {
      data: { values: [{ x: fixedDeadline * unit }] },
      mark: { type: 'rule' as const, color: '#222', strokeDash: [4, 3] },
      encoding: { x: { field: 'x', type: 'quantitative' as const } },
    },
  ];
}

/** A deadline cluster, marked where it is: the last tenth of the rounds shaded, with the share of deals made in it (none when not flagged). */
function deadlineClusterLayers(summary: Summary, fixedDeadline: number | null, unit: number) {
  const effect = summary.deadlineEffect;
  if (fixedDeadline === null || effect === null || !effect.flagged) return [];
  return [
    {
      data: {
        values: [
          {
            from: (fixedDeadline - lastTenth(fixedDeadline)) * unit,
            to: fixedDeadline * unit,
            text: `Deadline cluster: ${percent(effect.lastTenth.share)} of deals in the last tenth`,
          },
        ],
      },
      layer: [
        {
          mark: { type: 'rect' as const, color: DEADLINE_CLUSTER_COLOR, opacity: 0.25 },
          encoding: { x: { field: 'from', type: 'quantitative' as const }, x2: { field: 'to' } },
        },
        {
          mark: {
            type: 'text' as const,
            align: 'right' as const,
            baseline: 'top' as const,
            dx: -4,
            y: 4,
            fontSize: 12,
            fontWeight: 'bold' as const,
            color: '#8a4b00',
          },
          encoding: { x: { field: 'from', type: 'quantitative' as const }, text: { field: 'text' } },
        },
      ],
    },
  ];
}

/** The subtitle line saying how many runs ended beyond the rounds drawn (none when all are drawn). */
function hiddenTailNote(hidden: BarRow[], unit: number): string[] {
  if (hidden.length === 0) return [];
  const upTo = unit === 1 ? `round ${Math.max(...hidden.map((v) => v.round))}` : `${Math.round(Math.max(...hidden.map((v) => v.to)))} months`;
  return [`The last ${thousands(hidden.reduce((n, v) => n + v.runs, 0))} runs to end (up to ${upTo}) are not drawn`];
}

export function roundsToDealSpec(summary: Summary): TopLevelSpec {
  if (summary.mechanismKind === 'forecast')
    return messageChart(roundsToDealTitle, `The ${summary.mechanism} mechanism forecasts one package per run: there are no talks to time.`);
  const withBreakdowns = summary.roundsToBreakdown.counts.length > 0;
  const outcomes: EndingOutcome[] = withBreakdowns ? ['Deal', 'Breakdown'] : ['Deal'];
  const axis = timeAxis(summary);
  const all = bars(summary.roundsToDeal.counts, withBreakdowns ? summary.roundsToBreakdown.counts : [], axis.unit);
  if (all.length === 0) return messageChart(roundsToDealTitle, 'No run ended in a deal or a breakdown before the deadline.');
  // A long thin tail (open-ended talks) would squeeze the bars: draw up to the round by which 99.5% of these runs ended.
  const shownTo = roundCovering(summary, 0.995);
  const values = all.filter((v) => v.round <= shownTo);
  const hidden = all.filter((v) => v.round > shownTo);
  const lastRound = Math.max(...values.map((v) => v.round));
  const fixedDeadline = !summary.deadline.openEnded && /^\d+ rounds$/.test(summary.deadline.text) ? summary.rounds : null;
  const end = (fixedDeadline ?? lastRound) * axis.unit;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: roundsToDealTitle, subtitle: [subtitle(summary), ...hiddenTailNote(hidden, axis.unit)] },
    description: `Runs ending in a deal (and in a breakdown) per ${axis.unit === 1 ? 'round' : 'month'} of the negotiation.`,
    width: 640,
    height: 260,
    layer: [
      ...deadlineClusterLayers(summary, fixedDeadline, axis.unit),
      barLayer(values, outcomes, axis, end),
      ...deadlineRuleLayers(fixedDeadline, axis.unit),
    ],
    config: CHART_CONFIG,
  };
}

export const roundsToDeal: ChartBuilder = {
  name: 'rounds-to-deal',
  title: roundsToDealTitle,
  description:
    'Each bar counts the runs that ended in that round (or month): green for a deal, red (stacked on top) for a collapse. Runs that reach the deadline are not shown; ' +
    'the dashed line is the deadline; when most deals pile up just before it, the last tenth of the rounds is shaded and labelled with their share.',
  build: roundsToDealSpec,
};
