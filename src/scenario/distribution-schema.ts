/**
 * The distributions a model parameter may take, as a zod schema, and their type. Kept apart from
 * param.ts (which checks a distribution against the parameter's range with distribution-math.ts)
 * so that distribution-math.ts can name the type without importing param.ts back.
 */
import { z } from 'zod';
import { valueWords } from './type-words.ts';

/** The spans of time a rate can be given per (`per:`); `round` is one round of talks. */
export const RATE_UNITS = ['round', 'week', 'month', 'year'] as const;
export type RateUnit = (typeof RATE_UNITS)[number];

const provenance = {
  source: z.string().optional().describe('Where the number comes from: ¶N of the article and a few words, or "assumption: why".'),
  label: z.string().optional().describe('A short name for charts, e.g. "US willing to backstop".'),
  per: z
    .enum(RATE_UNITS)
    .optional()
    .describe('For a rate (negotiation.breakdownRisk, an actor’s patience): the span of time it is per (default: one round); needs negotiation.roundLength.'),
};

/** Probabilities of a choice's alternatives must sum to 1 within this tolerance. */
export const CHOICE_SUM_TOLERANCE = 1e-6;

/** A finite number: zod 4's z.number() rejects ±Infinity and NaN. */
const finite = z.number();

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

/**
 * A discrete choice: alternative → probability. The alternatives' numeric values come from their
 * names (a number) or, for structural fields, from the field (a preset's exponent, a strategy's
 * index); `values` holds them once the scenario is compiled (compile.ts), never in a model file.
 */
export const choiceDist = z.strictObject({
  dist: z.literal('choice'),
  choice: z.record(z.string(), finite.min(0).max(1)).describe('Alternative → probability; the probabilities sum to 1.'),
  ...provenance,
});

export const distributionObject = z.discriminatedUnion(
  'dist',
  [fixedDist.extend({ dist: z.literal('fixed') }), uniformDist, normalDist, betaDist, triangularDist, bernoulliDist, choiceDist],
  {
    error: (issue) =>
      (issue.code as string) === 'invalid_type'
        ? `expected a number or a distribution ({value: …}, {choice: {…}} or {dist: uniform|normal|beta|triangular|bernoulli|fixed, …}), got ${valueWords(issue.input)}`
        : undefined,
  },
);

/** A distribution as a model file gives it; a compiled choice also carries each alternative's value. */
export type Distribution = Exclude<z.output<typeof distributionObject>, { dist: 'choice' }> | ChoiceDistribution;
export type ChoiceDistribution = z.output<typeof choiceDist> & { values?: Record<string, number> };
export type DistributionKind = Distribution['dist'];
