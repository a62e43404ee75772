/**
 * What every chart shares: the builder record the report walks through, the schema URL, the
 * outcome colours and the percent axis. Types only from simulation/ (the charts layer draws a
 * Summary, it never computes one).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Proportion } from '../simulation/summary-types.ts';

export type { ChartBuilder } from './chart-builder.ts';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** One colour per way a run can end, used wherever outcomes are told apart. */
export const OUTCOME_COLORS = {
  Deal: '#2e7d32',
  Breakdown: '#c62828',
  Deadline: '#757575',
  Stalled: '#9e9d24',
  Accepted: '#2e7d32',
  Vetoed: '#6a1b9a',
} as const;
export type OutcomeName = keyof typeof OUTCOME_COLORS;

export const BAR_COLOR = '#4c78a8';
export const RESERVATION_COLOR = '#c62828';

/**
 * Shared look: no frame around the plot, labels wide enough for actor and option names, text
 * large enough to read when printed or pasted into a slide (12–13 px labels, 17 px titles), and
 * on number axes every other label dropped when neighbours would touch.
 */
/** The font size of axis labels in every chart (CHART_CONFIG). */
export const AXIS_LABEL_SIZE = 12;

export const CHART_CONFIG = {
  view: { stroke: null },
  axis: { labelLimit: 320, labelFontSize: AXIS_LABEL_SIZE, titleFontSize: 13, titleFontWeight: 'normal' as const },
  axisQuantitative: { labelOverlap: true, labelSeparation: 6 },
  legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 400 },
  header: { labelFontSize: 13, titleFontSize: 13 },
  title: { anchor: 'start' as const, fontSize: 17, subtitleFontSize: 13 },
};

/** Font size of a panel's own title in small multiples. */
export const PANEL_TITLE_SIZE = 14;

/**
 * Orders a nominal channel by a rank carried in every data row (`field`), never by a list of the
 * labels: Vega-Lite turns a sort list into an expression with every label in it as a string, and
 * Vega's expression parser reads a string such as "constructor" or "toString" as code (the chart
 * then fails to draw, or silently sorts wrong). Names reach a chart only as data values.
 */
export function byRank(field: string): { field: string; op: 'min' } {
  return { field, op: 'min' };
}

/**
 * A label used as constant text (a title, an axis title, a subtitle). Vega compiles such text into
 * an expression, and its parser (vega-expression 6.2, `legalKeywords[value]` on a plain object)
 * reads a string literal that is the name of a property every object inherits — "constructor",
 * "valueOf", "toString", … — as a variable, so the chart fails to draw. Such a text gets an
 * invisible word joiner (U+2060) at its end: it reads the same and is no longer that name.
 */
export function chartText(text: string): string {
  return Object.hasOwn(Object.prototype, text) ? `${text}\u2060` : text;
}

/** A share scale from 0 to 100 %. */
export const PERCENT_SCALE = { domain: [0, 1], clamp: true };
export const PERCENT_FORMAT = '.0%';

/** A chart with nothing to draw: its title and one line saying why. */
export function messageChart(title: string, message: string): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    data: { values: [{ message }] },
    mark: { type: 'text', align: 'left', fontSize: 13, color: '#57606a' },
    encoding: { text: { field: 'message', type: 'nominal' } },
    config: CHART_CONFIG,
  };
}

/**
 * The 95% interval of a share as an error bar along `channel` (fields `low` and `high`, as
 * written by intervalFields), placed on the other axis by `at` when the layer does not share it.
 * The axis title is repeated so that Vega-Lite does not append ", low" to it.
 */
export function intervalErrorBar<At extends object>(channel: 'x' | 'y', axisTitle: string | null, at: At = {} as At) {
  const position = { field: 'low', type: 'quantitative' as const, title: axisTitle };
  const range = channel === 'x' ? { x: position, x2: { field: 'high' } } : { y: position, y2: { field: 'high' } };
  return { mark: { type: 'errorbar' as const, color: '#222', ticks: { size: 8 } }, encoding: { ...at, ...range } };
}

/** The share and its 95% interval, flattened for a data row. */
export function intervalFields(p: Proportion): { share: number; low: number; high: number; count: number } {
  return { share: p.share, low: p.low, high: p.high, count: p.count };
}

/** Tooltip entries for a share with its interval (fields as written by intervalFields). */
export function intervalTooltip(shareTitle: string): { field: string; type: 'quantitative'; title: string; format: string }[] {
  return [
    { field: 'share', type: 'quantitative', title: shareTitle, format: '.1%' },
    { field: 'low', type: 'quantitative', title: '95% interval from', format: '.1%' },
    { field: 'high', type: 'quantitative', title: '95% interval to', format: '.1%' },
  ];
}

/** Words into lines of at most `limit` characters (a longer word is cut), at most `lines` lines (the last ending in "…" when cut). */
export function wrapWords(text: string, limit: number, lines: number): string[] {
  const out: string[] = [];
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const piece = word.length > limit ? `${word.slice(0, limit - 1)}…` : word;
    const last = out.length - 1;
    if (last >= 0 && out[last].length + 1 + piece.length <= limit) out[last] += ` ${piece}`;
    else out.push(piece);
  }
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  kept[lines - 1] = `${kept[lines - 1].slice(0, limit - 1)}…`;
  return kept;
}

/** Line height of wrapped axis labels (12 px text). */
export const LABEL_LINE_HEIGHT = 14;

/**
 * A top axis whose labels are `\n`-separated lines (made with wrapWords), never cut: each label is
 * padded at the top to `lines` lines by the caller (so last lines align above the plot), drawn
 * upright, bottom-aligned above the plot.
 */
export function wrappedTopAxis(lines: number) {
  return {
    orient: 'top' as const,
    labelAngle: 0,
    labelLimit: 0,
    labelExpr: "split(datum.value, '\\n')",
    labelBaseline: 'bottom' as const,
    labelLineHeight: LABEL_LINE_HEIGHT,
    labelPadding: 4 + (lines - 1) * LABEL_LINE_HEIGHT,
  };
}

/** Texts as wrapped header labels of equal line counts (padded at the top), for wrappedTopAxis; returns the labels and their line count. */
export function wrappedHeaders(texts: readonly string[], limit: number, maxLines = 4): { labels: string[]; lines: number } {
  const wrapped = texts.map((t) => wrapWords(t, limit, maxLines));
  const lines = Math.max(1, ...wrapped.map((w) => w.length));
  return { labels: wrapped.map((w) => chartText([...Array<string>(lines - w.length).fill(''), ...w].join('\n'))), lines };
}
