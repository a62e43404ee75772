/**
 * The most frequent deals: the top packages (one option per issue) by how many deals agreed on
 * exactly that package, as a share of all deals, most frequent first. A single long bar means
 * the talks keep converging on one package; many short bars mean a spread of compromises.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../simulation/summary-types.ts';
import { byRank, BAR_COLOR, CHART_CONFIG, PERCENT_FORMAT, VEGA_LITE_SCHEMA, messageChart, type ChartBuilder } from './common.ts';

export const topPackagesTitle = 'The most frequent deals';

/** Package labels are long ("A · B · C · …"): break them into lines of about this many characters. */
const LINE_CHARS = 64;
const LINE_HEIGHT = 13;

/** Splits "A · B · C" into lines at the " · " separators, each at most about LINE_CHARS long. */
function wrapPackageLabel(label: string): string[] {
  const lines: string[] = [];
  for (const part of label.split(' · ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 3 + part.length <= LINE_CHARS) lines[last] += ` · ${part}`;
    else lines.push(part);
  }
  return lines;
}

export function topPackagesSpec(summary: Summary): TopLevelSpec {
  if (summary.topPackages.length === 0) return messageChart(topPackagesTitle, 'No run reached a deal.');
  const packages = [...summary.topPackages].sort((a, b) => a.rank - b.rank);
  const values = packages.map((p) => {
    const [first, ...rest] = wrapPackageLabel(p.label);
    // The rank keeps the axis values unique; labelExpr below turns the newlines into lines.
    const axisText = [`${p.rank}. ${first}`, ...rest].join('\n');
    return { package: axisText, label: p.label, rank: p.rank, count: p.count, shareOfDeals: p.shareOfDeals, shareOfRuns: p.shareOfRuns };
  });
  const lines = Math.max(1, ...values.map((v) => v.package.split('\n').length));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: topPackagesTitle,
    description: `The ${packages.length} packages agreed most often, as a share of all deals.`,
    data: { values },
    width: 300,
    height: { step: lines * LINE_HEIGHT + 12 },
    mark: { type: 'bar', color: BAR_COLOR },
    encoding: {
      y: {
        field: 'package',
        type: 'nominal',
        sort: byRank('rank'),
        title: null,
        axis: {
          labelExpr: "split(datum.value, '\\n')",
          labelLimit: 460,
          labelLineHeight: LINE_HEIGHT,
          // Vega puts a label's first line at the bar's centre; move each block up by half its extra lines.
          labelOffset: { expr: `-(length(split(datum.value, '\\n')) - 1) * ${LINE_HEIGHT / 2}` },
        },
      },
      x: { field: 'shareOfDeals', type: 'quantitative', title: 'Share of deals', axis: { format: PERCENT_FORMAT } },
      tooltip: [
        { field: 'rank', type: 'ordinal', title: 'Rank' },
        { field: 'label', type: 'nominal', title: 'Package' },
        { field: 'count', type: 'quantitative', title: 'Deals' },
        { field: 'shareOfDeals', type: 'quantitative', title: 'Share of deals', format: '.1%' },
        { field: 'shareOfRuns', type: 'quantitative', title: 'Share of runs', format: '.1%' },
      ],
    },
    config: CHART_CONFIG,
  };
}

export const topPackages: ChartBuilder = {
  name: 'top-packages',
  title: topPackagesTitle,
  description: 'Each bar is one complete package (one option for every issue) and the share of all deals that agreed exactly on it, most frequent first.',
  build: topPackagesSpec,
};
