/**
 * A numeric model parameter: either a number, or a distribution sampled once per run.
 *
 * In a model file any numeric parameter may be written as
 *   - a number:                          `patience: 0.95`
 *   - a fixed value with its source:     `patience: { value: 0.95, source: "¶14 …" }`
 *   - a distribution (key `dist`):       `patience: { dist: uniform, min: 0.9, max: 0.99, source: … }`
 *
 * Distributions: fixed, uniform, normal (truncated to [min, max]), beta (rescaled to [min, max]),
 * triangular, bernoulli (a yes/no fact: `ifTrue` with probability p, else `ifFalse`), and choice
 * (a discrete distribution over named alternatives: `{choice: {boulware: 0.5, linear: 0.3,
 * conceder: 0.2}}`; for a plain number the names are the values, `{choice: {"20": 0.5, "40": 0.5}}`;
 * structural fields such as a concession style, a strategy, the deadline or the mechanism name
 * their own alternatives, schema.ts).
 * `label` names an uncertain parameter in charts ("US willing to backstop"); `per` says which span
 * of time a rate (a per-round risk or discount) is per, when the model gives rounds a calendar length.
 */
import { z } from 'zod';
import { support } from './distribution-math.ts';
import { distributionObject, type ChoiceDistribution, type Distribution } from './distribution-schema.ts';

export {
  RATE_UNITS,
  CHOICE_SUM_TOLERANCE,
  fixedDist,
  uniformDist,
  normalDist,
  betaDist,
  triangularDist,
  bernoulliDist,
  choiceDist,
  type RateUnit,
  type Distribution,
  type ChoiceDistribution,
  type DistributionKind,
} from './distribution-schema.ts';
import { CHOICE_SUM_TOLERANCE } from './distribution-schema.ts';

/**
 * Beta shapes parley samples and inverts soundly. Below 1e-300 a gamma draw's logarithm overflows;
 * above 1e6 the distribution is a spike of relative width 1/√shape whose quantiles the incomplete
 * beta function no longer resolves in double precision (write a normal or a fixed value instead).
 */
export const BETA_SHAPE_RANGE = { min: 1e-300, max: 1e6 } as const;

/** Internal consistency of a distribution's own fields (min < max, mode inside, …); `field` names the one at fault. */
function distributionProblems(d: Distribution): { message: string; field?: string }[] {
  const problems: { message: string; field?: string }[] = [];
  if (d.dist === 'choice') return choiceProblems(d).map((message) => ({ message, field: 'choice' }));
  if (d.dist === 'fixed' || d.dist === 'bernoulli') return problems;
  if (!(d.min < d.max)) problems.push({ message: `expected min < max, got min ${d.min} and max ${d.max}` });
  if (d.dist === 'triangular' && !(d.min <= d.mode && d.mode <= d.max)) {
    problems.push({ field: 'mode', message: `expected min ≤ mode ≤ max, got ${d.min} ≤ ${d.mode} ≤ ${d.max}` });
  }
  if (d.dist === 'normal' && d.min < d.max && (d.mean < d.min - 3 * d.sd || d.mean > d.max + 3 * d.sd)) {
    problems.push({ field: 'mean', message: `expected the mean within 3 sd of [min, max], got mean ${d.mean}` });
  }
  if (d.dist === 'beta') {
    for (const field of ['alpha', 'beta'] as const) {
      const shape = d[field];
      if (shape < BETA_SHAPE_RANGE.min || shape > BETA_SHAPE_RANGE.max) {
        problems.push({
          field,
          message: `expected a shape in [1e-300, 1e6], got ${shape}${shape > BETA_SHAPE_RANGE.max ? ' (so large a shape is a spike at the mean: write a normal or a fixed value)' : ''}`,
        });
      }
    }
  }
  return problems;
}

/** A choice needs at least one alternative and probabilities that sum to 1. */
export function choiceProblems(d: ChoiceDistribution): string[] {
  const weights = Object.values(d.choice);
  if (weights.length === 0) return ['expected at least one alternative in choice: {name: probability, …}'];
  const sum = weights.reduce((a, b) => a + b, 0);
  return Math.abs(sum - 1) > CHOICE_SUM_TOLERANCE ? [`expected the probabilities of the alternatives to sum to 1, got ${Number(sum.toPrecision(8))}`] : [];
}

/** The value of each alternative of a plain numeric choice (its name read as a number), or a problem. */
export function numericChoiceValues(d: ChoiceDistribution): Record<string, number> | string {
  const values: Record<string, number> = {};
  for (const name of Object.keys(d.choice)) {
    const x = name.trim() === '' ? NaN : Number(name);
    if (!Number.isFinite(x)) return `expected numbers as the alternatives of this choice, got "${name}"`;
    values[name] = x;
  }
  return values;
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

/** Turns the short forms (a number, `{value}`, `{choice}`) into a distribution object. */
export function toDistributionInput(raw: unknown): unknown {
  if (typeof raw === 'number') return { dist: 'fixed', value: raw };
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !('dist' in raw)) {
    if ('value' in raw) return { dist: 'fixed', ...raw };
    if ('choice' in raw) return { dist: 'choice', ...raw };
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
      for (const p of distributionProblems(d)) ctx.addIssue({ code: 'custom', message: p.message, ...(p.field === undefined ? {} : { path: [p.field] }) });
      if (d.dist === 'choice') {
        const values = numericChoiceValues(d);
        if (typeof values === 'string') {
          ctx.addIssue({ code: 'custom', message: values });
          return;
        }
        const outside = Object.entries(values).filter(([, x]) => !inRange(x, range));
        if (outside.length > 0)
          ctx.addIssue({ code: 'custom', message: `expected alternatives in ${describeRange(range)}, got ${outside.map(([name]) => name).join(', ')}` });
        return;
      }
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
