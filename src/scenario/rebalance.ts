/**
 * `--set actors.A.salience.I~=W`: set one issue weight and rescale the actor's other weights so
 * that its weights keep the sum they had in the model file (1 for relative saliences).
 *
 * The weights the overrides name (with `=` or `~=`) are pinned; the rest are multiplied by one
 * factor f = (total − pinned) / (sum of the rest), so their ratios to each other are kept. A
 * weight given as a distribution is rescaled as the distribution of f·X (its min, max, mode,
 * mean, sd, value, ifTrue, ifFalse times f; a beta's shape is unchanged), so its mean scales by f
 * too. Sums are taken over the weights' means, as the salience check takes them.
 *
 * When the rest are all 0 there is nothing to rescale: an error, unless the pinned weights
 * already make up the total. With absolute saliences (each weight on its own scale) there is no
 * sum to keep: an error too.
 */
import { writtenMean } from './distribution-math.ts';
import type { Override } from './overrides.ts';
import { formatPath, type FieldPath } from './problems.ts';

export interface Rebalancing {
  actor: string;
  /** The sum of the actor's weights in the model file, which the rescaling keeps. */
  total: number;
  /** The weights the overrides set, by issue (their means). */
  set: Record<string, number>;
  /** The factor the other weights were multiplied by. */
  factor: number;
  /** Each rescaled weight's mean before and after. */
  rescaled: { issue: string; from: number; to: number }[];
}

export interface RebalanceResult {
  /** New values for the rescaled weights, to be written into the document. */
  changes: { path: FieldPath; value: unknown }[];
  rebalanced: Rebalancing[];
  problems: { path: FieldPath; message: string; override: Override }[];
}

type Dict = Record<string, unknown>;

function dict(x: unknown): Dict | undefined {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Dict) : undefined;
}

/** The fields of each distribution that scale with the variable (defaults filled in where the format has them). */
const SCALED_FIELDS: Record<string, { fields: string[]; defaults?: Record<string, number> }> = {
  fixed: { fields: ['value'] },
  uniform: { fields: ['min', 'max'] },
  triangular: { fields: ['min', 'mode', 'max'] },
  normal: { fields: ['mean', 'sd', 'min', 'max'] },
  beta: { fields: ['min', 'max'], defaults: { min: 0, max: 1 } },
  bernoulli: { fields: ['ifTrue', 'ifFalse'], defaults: { ifTrue: 1, ifFalse: 0 } },
};

/** The weight `x` (as written) multiplied by `factor`; a factor of 0 leaves a fixed 0 (a distribution cannot shrink to a point). */
export function scaleWeight(x: unknown, factor: number): unknown {
  if (typeof x === 'number') return x * factor;
  const d = dict(x)!;
  const kept = { ...(d.source === undefined ? {} : { source: d.source }), ...(d.label === undefined ? {} : { label: d.label }) };
  if (factor === 0) return { value: 0, ...kept };
  const spec = SCALED_FIELDS[typeof d.dist === 'string' ? d.dist : 'fixed'];
  const out: Dict = { ...spec.defaults, ...d };
  for (const field of spec.fields) out[field] = (out[field] as number) * factor;
  return out;
}

function isSaliencePath(path: FieldPath): boolean {
  return path.length === 4 && path[0] === 'actors' && path[2] === 'salience';
}

/**
 * The rescaling the `~=` overrides ask for. `before` is the model as written (its sums are the
 * totals kept), `after` the document with every override applied.
 */
export function rebalanceSaliences(before: unknown, after: unknown, overrides: readonly Override[]): RebalanceResult {
  const result: RebalanceResult = { changes: [], rebalanced: [], problems: [] };
  const actorsToRebalance = [...new Set(overrides.filter((o) => o.rebalance).map((o) => String(o.path[1])))];
  for (const actor of actorsToRebalance) {
    const trigger = overrides.find((o) => o.rebalance && o.path[1] === actor)!;
    if (dict(after)?.saliences === 'absolute') {
      result.problems.push({
        path: ['saliences'],
        override: trigger,
        message: "the model's saliences are absolute: each weight stands on its own scale and there is no sum to keep; set it with = instead of ~=",
      });
      continue;
    }
    const at: FieldPath = ['actors', actor, 'salience'];
    const original = dict(dict(dict(dict(before)?.actors)?.[actor])?.salience);
    const current = dict(dict(dict(dict(after)?.actors)?.[actor])?.salience);
    if (original === undefined || current === undefined) continue; // validation names what is missing
    const originalMeans = Object.values(original).map(writtenMean);
    if (originalMeans.some((m) => m === undefined)) continue;
    const total = (originalMeans as number[]).reduce((a, b) => a + b, 0);
    const pinned = new Set(overrides.filter((o) => isSaliencePath(o.path) && o.path[1] === actor).map((o) => String(o.path[3])));
    const set: Record<string, number> = {};
    for (const issue of pinned) {
      const m = writtenMean(current[issue]);
      if (m === undefined) return result; // a malformed value: validation reports it
      set[issue] = m;
    }
    const free = Object.keys(current).filter((issue) => !pinned.has(issue));
    const freeMeans = free.map((issue) => writtenMean(current[issue]));
    if (freeMeans.some((m) => m === undefined)) continue;
    const pinnedSum = Object.values(set).reduce((a, b) => a + b, 0);
    const freeSum = (freeMeans as number[]).reduce((a, b) => a + b, 0);
    const target = total - pinnedSum;
    const listed = Object.entries(set)
      .map(([issue, w]) => `${issue} ${w}`)
      .join(', ');
    if (target < -1e-12) {
      result.problems.push({
        path: at,
        override: trigger,
        message: `cannot rescale: the weights set (${listed}) sum to ${Number(pinnedSum.toFixed(6))}, more than the actor's total ${Number(total.toFixed(6))} in the model, leaving nothing for the others`,
      });
      continue;
    }
    if (free.length === 0) continue; // every weight pinned: the sum check has the last word
    if (freeSum === 0 && target > 1e-12) {
      result.problems.push({
        path: at,
        override: trigger,
        message: `cannot rescale: the other weights (${free.join(', ')}) are all 0, so no factor brings them to ${Number(target.toFixed(6))}; set one of them with = (e.g. --set ${formatPath([...at, free[0]])}=${Number(target.toFixed(6))})`,
      });
      continue;
    }
    const factor = freeSum === 0 ? 1 : Math.max(0, target) / freeSum;
    const rescaled = free.map((issue, k) => {
      const value = scaleWeight(current[issue], factor);
      result.changes.push({ path: [...at, issue], value });
      return { issue, from: freeMeans[k] as number, to: writtenMean(value) as number };
    });
    result.rebalanced.push({ actor, total, set, factor, rescaled });
  }
  return result;
}

/** The rescaling in words, one line per actor: what was set and what each other weight became. */
export function describeRebalancing(r: Rebalancing): string {
  const round = (x: number) => Number(x.toPrecision(4));
  const set = Object.entries(r.set)
    .map(([issue, w]) => `${issue} set to ${round(w)}`)
    .join(', ');
  const others = r.rescaled.map((x) => `${x.issue} ${round(x.from)} → ${round(x.to)}`).join(', ');
  return `actors.${r.actor}.salience: ${set}; the other weights rescaled ×${round(r.factor)} to keep the sum ${round(r.total)}: ${others}`;
}
