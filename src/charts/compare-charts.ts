/**
 * The charts of a comparison (`parley compare`, `parley run --variant all | --mechanism all`): the
 * same three questions as a run's report, asked of several batches at once — how talks end, what
 * is agreed, what each actor gets — with each batch in its own colour and 95% intervals as
 * whiskers. Whiskers that do not overlap mean batches that differ beyond sampling noise; the
 * comparison table says so for each difference against the baseline.
 */
import type { Comparison } from '../simulation/compare.ts';
import type { ChartBuilder } from './chart-builder.ts';
import { compareOutcomes } from './compare-outcomes.ts';
import { compareTerms } from './compare-terms.ts';
import { compareUtilities } from './compare-utilities.ts';

export { OUTCOME_LABELS } from './comparison-common.ts';

/** Every chart of a comparison, in report order. */
export const comparisonChartBuilders: ChartBuilder<Comparison>[] = [compareOutcomes, compareTerms, compareUtilities];
