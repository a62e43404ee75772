/**
 * What is agreed, batch by batch: for each issue, the share of each batch's deals that agreed each
 * term, with 95% intervals.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Comparison } from '../simulation/compare.ts';
import type { ChartBuilder } from './chart-builder.ts';
import { byRank, CHART_CONFIG, chartText, PERCENT_FORMAT, PERCENT_SCALE, VEGA_LITE_SCHEMA, messageChart } from './common.ts';
import { BATCH_ORDER, batchColor, batchRanks } from './comparison-common.ts';

/** Options agreed in less than this share of deals in every batch are left out of the terms chart. */
const MIN_OPTION_SHARE = 0.02;

export const compareTermsTitle = 'What is agreed, batch by batch';

export function compareTermsSpec(c: Comparison): TopLevelSpec {
  const ranks = batchRanks(c);
  const charts = c.terms.flatMap((term) => {
    const kept = new Set(term.options.filter((o) => o.share.share >= MIN_OPTION_SHARE).map((o) => o.option));
    const optionRanks = new Map([...new Set(term.options.map((o) => o.option))].map((option, k) => [option, k]));
    const values = term.options
      .filter((o) => kept.has(o.option))
      .map((o) => ({
        batch: o.batch,
        batchRank: ranks.get(o.batch) ?? 0,
        option: o.optionLabel,
        optionRank: optionRanks.get(o.option) ?? 0,
        share: o.share.share,
        low: o.share.low,
        high: o.share.high,
      }));
    if (values.length === 0) return [];
    return [
      {
        title: { text: chartText(term.label), fontSize: 13 },
        data: { values },
        width: 320,
        height: { step: 12 },
        encoding: {
          y: { field: 'option', type: 'nominal' as const, sort: byRank('optionRank'), title: null },
          yOffset: { field: 'batch', type: 'nominal' as const, sort: BATCH_ORDER },
        },
        layer: [
          {
            mark: { type: 'bar' as const },
            encoding: {
              x: { field: 'share', type: 'quantitative' as const, title: 'Share of deals', scale: PERCENT_SCALE, axis: { format: PERCENT_FORMAT } },
              color: batchColor(),
              tooltip: [
                { field: 'batch', type: 'nominal' as const, title: 'Batch' },
                { field: 'option', type: 'nominal' as const, title: 'Term' },
                { field: 'share', type: 'quantitative' as const, title: 'Share of deals', format: '.1%' },
                { field: 'low', type: 'quantitative' as const, title: '95% interval from', format: '.1%' },
                { field: 'high', type: 'quantitative' as const, title: '95% interval to', format: '.1%' },
              ],
            },
          },
          {
            mark: { type: 'errorbar' as const, color: '#222', ticks: { size: 4 } },
            encoding: { x: { field: 'low', type: 'quantitative' as const, title: 'Share of deals' }, x2: { field: 'high' } },
          },
        ],
      },
    ];
  });
  if (charts.length === 0) return messageChart(compareTermsTitle, 'No batch reached a deal, so there are no agreed terms to compare.');
  return { $schema: VEGA_LITE_SCHEMA, title: compareTermsTitle, vconcat: charts, config: CHART_CONFIG };
}

/** The comparison's agreed-terms chart. */
export const compareTerms: ChartBuilder<Comparison> = {
  name: 'compare-terms',
  title: compareTermsTitle,
  description: `For each issue, the share of each batch's deals that agreed each term (terms under ${100 * MIN_OPTION_SHARE}% of deals in every batch are left out).`,
  build: compareTermsSpec,
};
