/**
 * Spearman's rank correlation between each sampled parameter and each outcome of one batch: the
 * Pearson correlation of their ranks, tied values sharing the average of the ranks they span
 * (simple-statistics' sampleRankCorrelation). +1: the outcome rises whenever the parameter does;
 * 0: no monotone association. Undefined (null) when either column never varies, e.g. the deal
 * indicator of a batch where every run ends in a deal. Its sampling error is about 1/√n.
 */
import { sampleRankCorrelation } from 'simple-statistics';
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import type { RunColumns } from './run-columns.ts';

export interface RankOutcome {
  /** "deal", "round" or "utility.<actor>". */
  id: string;
  label: string;
}

export interface ParameterRankCorrelations {
  parameter: string;
  label: string;
  /** [outcome] Spearman's ρ (null when undefined). */
  rho: (number | null)[];
}

export interface RankCorrelations {
  runs: number;
  outcomes: RankOutcome[];
  /** Uncertain parameters in model order. */
  parameters: ParameterRankCorrelations[];
}

/** Spearman's ρ of two equally long columns, or null when it is undefined. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  if (x.length !== y.length) throw new Error(`columns of different lengths: ${x.length} and ${y.length}`);
  if (x.length < 2) return null;
  const rho = sampleRankCorrelation(Array.from(x), Array.from(y));
  return Number.isFinite(rho) ? Math.max(-1, Math.min(1, rho)) : null;
}

export function rankCorrelations(compiled: CompiledScenario, columns: RunColumns): RankCorrelations {
  const outcomes: RankOutcome[] = [
    { id: 'deal', label: 'Deal (1) or not (0)' },
    { id: 'round', label: 'Round talks ended' },
    ...compiled.actors.map((a) => ({ id: `utility.${a.id}`, label: `${a.label}: utility` })),
  ];
  const outcomeColumns = [columns.deal, columns.round, ...columns.utility];
  return {
    runs: columns.runs,
    outcomes,
    parameters: compiled.uncertainParameters.map((k, u) => ({
      parameter: compiled.parameters[k].path,
      label: compiled.parameters[k].label,
      rho: outcomeColumns.map((outcome) => spearman(columns.sampled[u], outcome)),
    })),
  };
}
