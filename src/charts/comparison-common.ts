/**
 * What the charts of a comparison share (`parley compare`, `parley run --variant all | --mechanism
 * all`; compare-outcomes.ts, compare-terms.ts, compare-utilities.ts): the outcomes' names, and each
 * batch in its own colour, in the comparison's order.
 */
import type { Comparison } from '../simulation/compare.ts';
import { byRank } from './common.ts';

/** The compared outcomes as charts and the explorer name them. */
export const OUTCOME_LABELS = {
  zone: 'Zone of agreement',
  dealGivenZone: 'Deal, given a zone',
  deal: 'Deal',
  breakdown: 'Breakdown',
  deadline: 'Deadline',
  stalled: 'Stalled',
  vetoed: 'Vetoed',
} as const;

/** Batches in the comparison's order, by the rank each data row carries (labels stay values). */
export const BATCH_ORDER = byRank('batchRank');

export function batchColor() {
  return { field: 'batch', type: 'nominal' as const, title: 'Batch', sort: BATCH_ORDER };
}

/** Each batch label's position in the comparison. */
export function batchRanks(c: Comparison): Map<string, number> {
  return new Map(c.batches.map((b, k) => [b.label, k]));
}
