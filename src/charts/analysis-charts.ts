/** The charts of `parley sweep` and `parley sensitivity`, in report order. */
import type { SensitivityResult } from '../analysis/sensitivity.ts';
import type { SweepResult } from '../analysis/sweep.ts';
import type { ChartBuilder } from './chart-builder.ts';
import { rankCorrelation } from './rank-correlation.ts';
import { sweepCurves } from './sweep-curves.ts';
import { sweepHeatmapBreakdown, sweepHeatmapDeal } from './sweep-heatmap.ts';
import { sweepTerms } from './sweep-terms.ts';
import { termSwings } from './term-swings.ts';
import { tornado } from './tornado.ts';

export const sweepChartBuilders: ChartBuilder<SweepResult>[] = [sweepCurves, sweepTerms, sweepHeatmapDeal, sweepHeatmapBreakdown];

export const sensitivityChartBuilders: ChartBuilder<SensitivityResult>[] = [tornado, termSwings, rankCorrelation];
