/**
 * Facts about a parameter distribution that need no sampling: its support, its mean, whether it
 * varies. Kept apart from the zod schema (distribution-schema.ts, param.ts) so worker threads load no validation code.
 */
import { standardNormalCdf } from './truncated-normal.ts';
import type { ChoiceDistribution, Distribution } from './distribution-schema.ts';

/** A choice's alternatives with positive probability, in the model's order: names, values, probabilities. */
export interface ChoiceAlternatives {
  names: string[];
  values: number[];
  weights: number[];
}

/**
 * The alternatives of a choice that can be drawn (probability > 0), with their values: the compiled
 * `values` (structural fields), else each name read as a number.
 */
export function choiceAlternatives(d: ChoiceDistribution): ChoiceAlternatives {
  const out: ChoiceAlternatives = { names: [], values: [], weights: [] };
  for (const [name, weight] of Object.entries(d.choice)) {
    if (!(weight > 0)) continue;
    const value = d.values !== undefined && Object.hasOwn(d.values, name) ? d.values[name] : Number(name);
    if (!Number.isFinite(value)) throw new Error(`choice alternative "${name}" has no numeric value`);
    out.names.push(name);
    out.values.push(value);
    out.weights.push(weight);
  }
  return out;
}

/** Support [lo, hi] of a distribution: every value it can take lies inside. */
export function support(d: Distribution): [number, number] {
  switch (d.dist) {
    case 'fixed':
      return [d.value, d.value];
    case 'bernoulli':
      return [Math.min(d.ifTrue, d.ifFalse), Math.max(d.ifTrue, d.ifFalse)];
    case 'choice': {
      const { values } = choiceAlternatives(d);
      return [Math.min(...values), Math.max(...values)];
    }
    default:
      return [d.min, d.max];
  }
}

/** Whether the parameter varies between runs. */
export function isUncertain(d: Distribution): boolean {
  const [lo, hi] = support(d);
  return lo !== hi;
}

/** The mean of a distribution (used for the salience-sum check and for reporting). */
export function distributionMean(d: Distribution): number {
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'beta':
      return d.min + ((d.max - d.min) * d.alpha) / (d.alpha + d.beta);
    case 'bernoulli':
      return d.p * d.ifTrue + (1 - d.p) * d.ifFalse;
    case 'choice': {
      const { values, weights } = choiceAlternatives(d);
      const total = weights.reduce((a, b) => a + b, 0);
      return values.reduce((sum, v, k) => sum + (v * weights[k]) / total, 0);
    }
    case 'normal': {
      // Mean of a normal truncated to [min, max]: μ + σ (φ(a) − φ(b)) / (Φ(b) − Φ(a)).
      const a = (d.min - d.mean) / d.sd;
      const b = (d.max - d.mean) / d.sd;
      const phi = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
      const mass = standardNormalCdf(b) - standardNormalCdf(a);
      return mass > 1e-12 ? d.mean + (d.sd * (phi(a) - phi(b))) / mass : (d.min + d.max) / 2;
    }
  }
}

/**
 * The mean of a parameter as written in a model file, before validation (a number, `{value}`,
 * or a distribution with the format's defaults: beta on [0, 1], bernoulli 1 or 0), or undefined
 * if it is not well-formed enough to tell.
 */
export function writtenMean(x: unknown): number | undefined {
  if (typeof x === 'number') return x;
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return undefined;
  const d = x as Record<string, unknown>;
  const defaults = d.dist === 'beta' ? { min: 0, max: 1 } : d.dist === 'bernoulli' ? { ifTrue: 1, ifFalse: 0 } : {};
  const m = distributionMean({ dist: 'fixed', ...defaults, ...d } as unknown as Distribution);
  return Number.isFinite(m) ? m : undefined;
}

export { standardNormalCdf } from './truncated-normal.ts';
