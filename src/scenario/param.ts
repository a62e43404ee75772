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

const provenance = {
  source: z.string().optional().describe('Where the number comes from: ¶N of the article and a few words, or "assumption: why".'),
  label: z.string().optional().describe('A short name for charts, e.g. "US willing to backstop".'),
};

const finite = z.number().finite();

export const fixedDist = z.strictObject({ dist: z.literal('fixed').optional(), value: finite, ...provenance });
export const uniformDist = z.strictObject({ dist: z.literal('uniform'), min: finite, max: finite, ...provenance });
export const normalDist = z.strictObject({
  dist: z.literal('normal'),
  mean: finite,
  sd: finite.positive(),
  min: finite,
  max: finite,
  ...provenance,
});
export const betaDist = z.strictObject({
  dist: z.literal('beta'),
  alpha: finite.positive(),
  beta: finite.positive(),
  min: finite.default(0),
  max: finite.default(1),
  ...provenance,
});
export const triangularDist = z.strictObject({
  dist: z.literal('triangular'),
  min: finite,
  mode: finite,
  max: finite,
  ...provenance,
});
export const bernoulliDist = z.strictObject({
  dist: z.literal('bernoulli'),
  p: finite.min(0).max(1),
  ifTrue: finite.default(1),
  ifFalse: finite.default(0),
  ...provenance,
});

const distributionObject = z.discriminatedUnion('dist', [
  fixedDist.extend({ dist: z.literal('fixed') }),
  uniformDist,
  normalDist,
  betaDist,
  triangularDist,
  bernoulliDist,
], {
  error: (issue) =>
    (issue.code as string) === 'invalid_type'
      ? `expected a number or a distribution ({value: …} or {dist: uniform|normal|beta|triangular|bernoulli|fixed, …}), got ${describeInput(issue.input)}`
      : undefined,
});

function describeInput(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (typeof input === 'string') return `the text "${input}"`;
  return Array.isArray(input) ? 'a list' : typeof input;
}

export type Distribution = z.output<typeof distributionObject>;
export type DistributionKind = Distribution['dist'];

/**
 * Beta shapes parley samples and inverts soundly. Below 1e-300 a gamma draw's logarithm overflows;
 * above 1e6 the distribution is a spike of relative width 1/√shape whose quantiles the incomplete
 * beta function no longer resolves in double precision (write a normal or a fixed value instead).
 */
export const BETA_SHAPE_RANGE = { min: 1e-300, max: 1e6 } as const;

/** Internal consistency of a distribution's own fields (min < max, mode inside, …); `field` names the one at fault. */
function distributionProblems(d: Distribution): { message: string; field?: string }[] {
  const problems: { message: string; field?: string }[] = [];
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
      for (const p of distributionProblems(d)) ctx.addIssue({ code: 'custom', message: p.message, ...(p.field === undefined ? {} : { path: [p.field] }) });
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
