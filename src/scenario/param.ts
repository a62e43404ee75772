/**
 * A numeric model parameter: either a number, or a distribution sampled once per run.
 *
 * In a model file any numeric parameter may be written as
 *   - a number:                          `patience: 0.95`
 *   - a fixed value with its source:     `patience: { value: 0.95, source: "¶14 …" }`
 *   - a distribution (key `dist`):       `patience: { dist: uniform, min: 0.9, max: 0.99, source: … }`
 *
 * Distributions: fixed, uniform, normal (truncated to [min, max]), beta (rescaled to [min, max]),
 * triangular, bernoulli (a yes/no fact: `ifTrue` with probability p, else `ifFalse`).
 * `label` names an uncertain parameter in charts ("US willing to backstop").
 */
import { z } from 'zod';
import { support } from './distribution-math.ts';
import { distributionObject, type Distribution } from './distribution-schema.ts';

export type { Distribution, DistributionKind } from './distribution-schema.ts';

/** Internal consistency of a distribution's own fields (min < max, mode inside, …). */
function distributionProblems(d: Distribution): string[] {
  const problems: string[] = [];
  if (d.dist === 'fixed' || d.dist === 'bernoulli') return problems;
  if (!(d.min < d.max)) problems.push(`expected min < max, got min ${d.min} and max ${d.max}`);
  if (d.dist === 'triangular' && !(d.min <= d.mode && d.mode <= d.max)) {
    problems.push(`expected min ≤ mode ≤ max, got ${d.min} ≤ ${d.mode} ≤ ${d.max}`);
  }
  if (d.dist === 'normal' && d.min < d.max && (d.mean < d.min - 3 * d.sd || d.mean > d.max + 3 * d.sd)) {
    problems.push(`expected the mean within 3 sd of [min, max], got mean ${d.mean}`);
  }
  return problems;
}

export interface ParamRange {
  min: number;
  max: number;
  /** Whether `min` itself is excluded (e.g. patience > 0). */
  minExclusive?: boolean;
}

function describeRange(r: ParamRange): string {
  return `${r.minExclusive ? '(' : '['}${r.min}, ${r.max}]`;
}

function inRange(x: number, r: ParamRange): boolean {
  return (r.minExclusive ? x > r.min : x >= r.min) && x <= r.max;
}

/** Turns the short forms (a number, `{value}`) into a distribution object. */
function toDistributionInput(raw: unknown): unknown {
  if (typeof raw === 'number') return { dist: 'fixed', value: raw };
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !('dist' in raw) && 'value' in raw) {
    return { dist: 'fixed', ...raw };
  }
  return raw;
}

/**
 * A parameter whose every possible value lies in `range`. Validation says which rule broke:
 * "expected a number in [0, 1], got 1.3" or "distribution support [0.9, 1.2] leaves [0, 1]".
 */
export function param(range: ParamRange, description: string) {
  const schema = z
    .preprocess(toDistributionInput, distributionObject)
    .superRefine((d, ctx) => {
      for (const message of distributionProblems(d)) ctx.addIssue({ code: 'custom', message });
      const [lo, hi] = support(d);
      if (d.dist === 'fixed') {
        if (!inRange(d.value, range)) ctx.addIssue({ code: 'custom', message: `expected a number in ${describeRange(range)}, got ${d.value}` });
      } else if (!inRange(lo, range) || !inRange(hi, range)) {
        ctx.addIssue({
          code: 'custom',
          message: `expected a distribution whose values lie in ${describeRange(range)}, but its support is [${lo}, ${hi}]`,
        });
      }
    })
    .describe(description);
  paramSchemas.set(schema, { range, description });
  return schema;
}

/** Parameter schemas made by `param`, so the JSON Schema writer can describe them. */
export const paramSchemas = new Map<z.ZodType, { range: ParamRange; description: string }>();

export type Param = Distribution;
