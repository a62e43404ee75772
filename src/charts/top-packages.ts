/**
 * The most frequent deals as a package × issue grid: one row per package (most frequent first,
 * its share of all deals as a bar on the right), one column per issue, each cell the option that
 * package agreed. A cell is shaded when its option is not the issue's most frequent term over all
 * deals, so how the top deals differ from one another reads at a glance — the text wall of whole
 * package labels it replaces hid that in the seventh clause of each line.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary, TermDistribution, TopPackage } from '../simulation/summary-types.ts';
import {
  byRank,
  BAR_COLOR,
  CHART_CONFIG,
  chartText,
  PERCENT_FORMAT,
  VEGA_LITE_SCHEMA,
  messageChart,
  wrappedHeaders,
  wrappedTopAxis,
  wrapWords,
  type ChartBuilder,
} from './common.ts';

export const topPackagesTitle = 'The most frequent deals';

/** Cell text is wrapped at about this many characters a line, in at most CELL_LINES lines (12 px text in a 114 px cell). */
const CELL_CHARS = 16;
const CELL_LINES = 3;
const CELL_WIDTH = 114;
const LINE_HEIGHT = 14;
/** The height of a package's row: CELL_LINES lines and a margin. */
const ROW_STEP = CELL_LINES * LINE_HEIGHT + 8;

const TYPICAL = 'the most frequent term in all deals';
const DIFFERENT = 'a different term';

/** The option of `term` most deals agreed (the first, on a tie), or null without deals. */
function modalOption(term: TermDistribution): string | null {
  let best: string | null = null;
  let count = 0;
  for (const o of term.options) {
    if (o.deals.count > count) {
      best = o.option;
      count = o.deals.count;
    }
  }
  return best;
}

/** A package's row label: its rank and its share of all deals, e.g. "#1 · 42%". */
function packageRow(p: TopPackage): string {
  return `#${p.rank} · ${(100 * p.shareOfDeals).toFixed(0)}%`;
}

/** The rows' y encoding, shared by the grid and the bars so their rows line up. */
function packageY() {
  return { field: 'package', type: 'nominal' as const, sort: byRank('rank'), title: null };
}

/** One grid cell per package and issue: the option agreed, wrapped to the cell, and whether it is the issue's most frequent term. */
function gridCells(summary: Summary, packages: readonly TopPackage[], issueHeaders: readonly string[]) {
  return packages.flatMap((p) =>
    summary.terms.map((term, issueRank) => {
      // A package from an older summary can lack an issue's term.
      const option = Object.hasOwn(p.terms, term.issue) ? p.terms[term.issue] : undefined;
      const label = term.options.find((o) => o.option === option)?.label ?? option ?? '—';
      return {
        package: packageRow(p),
        rank: p.rank,
        issue: issueHeaders[issueRank],
        issueLabel: term.label,
        issueRank,
        text: chartText(wrapWords(label, CELL_CHARS, CELL_LINES).join('\n')),
        option: label,
        kind: option === modalOption(term) ? TYPICAL : DIFFERENT,
      };
    }),
  );
}

/** The package × issue grid: a shaded rect per cell (typical or different term) under its centred option text. */
function gridPanel(cells: ReturnType<typeof gridCells>, headerLines: number) {
  return {
    data: { values: cells },
    width: { step: CELL_WIDTH },
    height: { step: ROW_STEP },
    encoding: {
      y: { ...packageY(), axis: { labelFontSize: 13, labelFontWeight: 'bold' as const } },
      x: {
        field: 'issue',
        type: 'nominal' as const,
        sort: byRank('issueRank'),
        title: null,
        axis: { ...wrappedTopAxis(headerLines), labelFontWeight: 'bold' as const, domain: false, ticks: false },
      },
    },
    layer: [
      {
        mark: { type: 'rect' as const, stroke: 'white', strokeWidth: 2 },
        encoding: {
          color: {
            field: 'kind',
            type: 'nominal' as const,
            title: 'The cell’s option is',
            scale: { domain: [TYPICAL, DIFFERENT], range: ['#e3ebf5', '#f8c58c'] },
            legend: { orient: 'bottom' as const },
          },
          tooltip: [
            { field: 'rank', type: 'ordinal' as const, title: 'Package' },
            { field: 'issueLabel', type: 'nominal' as const, title: 'Issue' },
            { field: 'option', type: 'nominal' as const, title: 'Agreed' },
            { field: 'kind', type: 'nominal' as const, title: 'Is' },
          ],
        },
      },
      // Vega sets a text's first line at the anchor: move each block up by half its extra lines, to centre it in its cell.
      {
        mark: {
          type: 'text' as const,
          fontSize: 12,
          lineBreak: '\n',
          lineHeight: LINE_HEIGHT,
          color: '#1f2328',
          dy: { expr: `-(length(split(datum.text, '\\n')) - 1) * ${LINE_HEIGHT / 2}` },
        },
        encoding: { text: { field: 'text', type: 'nominal' as const } },
      },
    ],
  };
}

/** The bars on the right: each package's share of all deals, its rows aligned with the grid's. */
function sharePanel(packages: readonly TopPackage[]) {
  const bars = packages.map((p) => ({
    package: packageRow(p),
    rank: p.rank,
    shareOfDeals: p.shareOfDeals,
    shareOfRuns: p.shareOfRuns,
    count: p.count,
    label: p.label,
  }));
  return {
    data: { values: bars },
    width: 100,
    height: { step: ROW_STEP },
    mark: { type: 'bar' as const, color: BAR_COLOR },
    encoding: {
      y: { ...packageY(), axis: null },
      x: {
        field: 'shareOfDeals',
        type: 'quantitative' as const,
        title: 'Share of deals',
        axis: { format: PERCENT_FORMAT, orient: 'top' as const, tickCount: 3 },
      },
      tooltip: [
        { field: 'rank', type: 'ordinal' as const, title: 'Rank' },
        { field: 'label', type: 'nominal' as const, title: 'Package' },
        { field: 'count', type: 'quantitative' as const, title: 'Deals' },
        { field: 'shareOfDeals', type: 'quantitative' as const, title: 'Share of deals', format: '.1%' },
        { field: 'shareOfRuns', type: 'quantitative' as const, title: 'Share of runs', format: '.1%' },
      ],
    },
  };
}

export function topPackagesSpec(summary: Summary): TopLevelSpec {
  if (summary.topPackages.length === 0) return messageChart(topPackagesTitle, 'No run reached a deal.');
  const packages = [...summary.topPackages].sort((a, b) => a.rank - b.rank);
  // Issue headers of up to two lines, their last lines aligned above the grid.
  const headers = wrappedHeaders(
    summary.terms.map((term) => term.label),
    CELL_CHARS,
    2,
  );
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: topPackagesTitle,
    description: `The ${packages.length} packages agreed most often, one row each, with the option each agreed on every issue and its share of all deals.`,
    hconcat: [gridPanel(gridCells(summary, packages, headers.labels), headers.lines), sharePanel(packages)],
    spacing: 8,
    config: CHART_CONFIG,
  };
}

export const topPackages: ChartBuilder = {
  name: 'top-packages',
  title: topPackagesTitle,
  description:
    'One row per complete package, most frequent first, with its share of all deals (the bar); one column per issue. Shaded cells are where a package' +
    ' departs from the term most deals agreed on that issue: read down a column to see what the top deals disagree on.',
  build: topPackagesSpec,
};
