/**
 * The distributions a model parameter may take, as a zod schema, and their type. Kept apart from
 * param.ts (which checks a distribution against the parameter's range with distribution-math.ts)
 * so that distribution-math.ts can name the type without importing param.ts back.
 */
import { z } from 'zod';

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

export const distributionObject = z.discriminatedUnion('dist', [
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
