/**
 * The key terms of a deal, one number per issue, for curves and swings:
 *
 * - continuous issue: the mean agreed level among deals, in the issue's unit;
 * - ordinal issue: the mean agreed position among deals, 0 for its first (least) option up to
 *   K − 1 for its last;
 * - categorical issue: the share of deals that agreed its reference option — the option most
 *   frequent among the deals of the baseline batch (the model as written; ties and a baseline
 *   without deals: the first option in the file). A fixed reference keeps the curve one quantity.
 *
 * Intervals are 95%: a Wilson interval for a share; for a mean, x̄ ± 1.96 s/√n with s the standard
 * deviation of the agreed levels (normal approximation; none below two deals).
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import type { Summary } from '../simulation/summary-types.ts';
import { levelMoments } from '../simulation/level-moments.ts';
import { wilsonInterval, Z95 } from '../simulation/wilson.ts';

export interface KeyTermDefinition {
  issue: string;
  label: string;
  kind: 'categorical' | 'ordinal' | 'continuous';
  measure: 'mean level' | 'mean position' | 'share of deals';
  /** For a categorical issue: the reference option. */
  option?: string;
  optionLabel?: string;
  unit?: string;
  /** The span of the measure's scale (range of levels, K − 1 positions, or 1): swings are also given as a share of it. */
  scale: number;
  /** Where the measure's scale starts (the least level, position 0, or a share of 0): charts draw [from, from + scale]. */
  from?: number;
  /** What the measure is, in words, for axis titles. */
  description: string;
}

export interface KeyTermValue {
  issue: string;
  /** null without deals. */
  value: number | null;
  low: number | null;
  high: number | null;
  deals: number;
}

/** The numeric level of each option of issue i: the level of a continuous issue, else its position. */
function optionLevels(compiled: CompiledScenario, i: number): number[] {
  const issue = compiled.issues[i];
  return issue.levels ?? issue.options.map((_, k) => k);
}

export function keyTermDefinitions(compiled: CompiledScenario, baseline: Summary): KeyTermDefinition[] {
  return compiled.issues.map((issue, i) => {
    if (issue.kind !== 'categorical') {
      const levels = optionLevels(compiled, i);
      const continuous = issue.kind === 'continuous';
      const first = issue.options[0]?.label ?? '';
      const last = issue.options[issue.options.length - 1]?.label ?? '';
      return {
        issue: issue.id,
        label: issue.label,
        kind: issue.kind,
        measure: continuous ? 'mean level' : 'mean position',
        ...(issue.unit === undefined ? {} : { unit: issue.unit }),
        scale: Math.max(...levels) - Math.min(...levels) || 1,
        from: Math.min(...levels),
        description: continuous
          ? `mean agreed level${issue.unit === undefined ? '' : ` (${issue.unit})`}`
          : `mean agreed position (0 = ${first}, ${issue.options.length - 1} = ${last})`,
      };
    }
    const counts = baseline.terms.find((t) => t.issue === issue.id)?.options.map((o) => o.deals.count) ?? [];
    let reference = 0;
    counts.forEach((c, k) => {
      if (c > counts[reference]) reference = k;
    });
    const option = issue.options[reference];
    return {
      issue: issue.id,
      label: issue.label,
      kind: issue.kind,
      measure: 'share of deals',
      option: option.id,
      optionLabel: option.label,
      scale: 1,
      description: `share of deals with "${option.label}"`,
    };
  });
}

/** The key terms of one batch (its summary), by the definitions of the analysis. */
export function keyTermValues(compiled: CompiledScenario, summary: Summary, definitions: readonly KeyTermDefinition[]): KeyTermValue[] {
  const deals = summary.outcomes.deal.count;
  return definitions.map((def) => {
    const i = compiled.issues.findIndex((issue) => issue.id === def.issue);
    const term = summary.terms.find((t) => t.issue === def.issue);
    if (i < 0 || term === undefined) return { issue: def.issue, value: null, low: null, high: null, deals };
    const counts = term.options.map((o) => o.deals.count);
    if (def.measure === 'share of deals') {
      const k = compiled.issues[i].options.findIndex((o) => o.id === def.option);
      if (deals === 0 || k < 0) return { issue: def.issue, value: null, low: null, high: null, deals };
      const share = wilsonInterval(counts[k], deals);
      return { issue: def.issue, value: share.share, low: share.low, high: share.high, deals };
    }
    if (deals === 0) return { issue: def.issue, value: null, low: null, high: null, deals };
    const levels = optionLevels(compiled, i);
    const { mean, standardError } = levelMoments(counts, levels)!;
    if (deals < 2) return { issue: def.issue, value: mean, low: null, high: null, deals };
    const half = Z95 * standardError;
    // The normal approximation can reach past the scale's ends when nearly every deal sits at one.
    return { issue: def.issue, value: mean, low: Math.max(Math.min(...levels), mean - half), high: Math.min(Math.max(...levels), mean + half), deals };
  });
}
