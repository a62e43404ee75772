/**
 * The model-file format: a scenario of actors negotiating a package of issues.
 *
 * The zod schema checks shapes, types and ranges, with a field path for every problem;
 * `semantic-checks.ts` checks what a schema cannot (references between sections, salience sums).
 * The JSON Schema in models/scenario.schema.json is generated from this file (`parley schema`).
 */
import { z } from 'zod';
import { param } from './param.ts';

const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'expected an id of lower-case letters, digits and dashes, starting with a letter');
const text = z.string().min(1, 'expected a non-empty text');
const source = z.string().min(1).optional().describe('Where this comes from: ¶N of the article and a few words, or "assumption: why".');

/** Utility scale: each actor's option values run from 0 (its worst) to 1 (its best). */
export const optionValue = param({ min: 0, max: 1 }, "The option's value to this actor, from 0 (its worst) to 1 (its best).");

const option = z.strictObject({
  label: text.describe('The option as people write it.'),
  consent: z.array(id).optional().describe('Actors whose consent a package with this option needs (guarantors, signatories).'),
  description: z.string().optional(),
  source,
});

const discreteIssue = z.strictObject({
  label: text,
  kind: z.enum(['categorical', 'ordinal']).describe('ordinal: options are listed from least to most (charts keep the order).'),
  options: z.record(id, option).describe('The options, by id, in order.'),
  description: z.string().optional(),
  source,
});

const continuousIssue = z.strictObject({
  label: text,
  kind: z.literal('continuous'),
  range: z.tuple([z.number().finite(), z.number().finite()]).describe('[low, high] of the issue scale.'),
  levels: z.number().int().min(2).max(101).describe('The range is discretized into this many evenly spaced levels.'),
  unit: z.string().optional().describe('What the number means, e.g. "share of occupied land returned".'),
  consent: z.array(id).optional().describe('Actors whose consent any package needs on this issue.'),
  description: z.string().optional(),
  source,
});

export const issueSchema = z.discriminatedUnion('kind', [discreteIssue, continuousIssue], {
  error: () => 'expected an issue with kind categorical, ordinal or continuous',
});

const continuousPreference = z.strictObject({
  ideal: param({ min: -1e9, max: 1e9 }, "The actor's ideal point on the issue scale."),
  shape: z.enum(['linear', 'quadratic']).default('linear').describe('How value falls with distance from the ideal, relative to the width of the range.'),
  source,
});

/** For a discrete issue: option id → value; for a continuous issue: an ideal point and a shape. */
const preference = z.union([continuousPreference, z.record(id, optionValue)], {
  error: () => 'expected option values ({option: value, …}) for a discrete issue or {ideal, shape} for a continuous one',
});

export const concessionPresets = { boulware: 4, linear: 1, conceder: 0.25 } as const;

const actor = z.strictObject({
  label: text.describe('The actor as people write it, e.g. "Ukraine (Zelenskyy)".'),
  capability: param({ min: 0, max: 1e9 }, 'Relative power or leverage, any positive scale. Sampled and reported; the alternating-offers protocol does not use it (protocols with recognition weights or capability-weighted solutions will).'),
  reservation: param({ min: -1, max: 1 }, 'Utility of no deal (the war goes on), on the same scale as packages (0 = worst option on every issue, 1 = best; below 0 if war is worse than any package).'),
  patience: param({ min: 0, max: 1, minExclusive: true }, 'Discount factor per round: the share of the gain from a deal that is left after one more round of talks.'),
  concession: z
    .union([z.enum(['boulware', 'linear', 'conceder']), param({ min: 0.01, max: 100 }, '')], {
      error: () => 'expected boulware, linear, conceder, or an exponent in [0.01, 100] (a number or a distribution)',
    })
    .default('linear')
    .describe('Exponent e of the aspiration curve res + (best − res)(1 − t^e): boulware (4) holds firm, conceder (0.25) gives early.'),
  strategy: z.enum(['time-based', 'hardliner', 'equilibrium']).default('time-based').describe('The negotiator in this seat.'),
  salience: z.record(id, param({ min: 0, max: 1 }, 'Weight of the issue; an actor’s weights sum to 1.')).describe('Weight of each issue to this actor; they sum to 1.'),
  preferences: z.record(id, preference).describe('For each issue, the value of each option (or an ideal point for a continuous issue).'),
  description: z.string().optional(),
  source,
});

/** Matches packages: each listed issue takes the given option, or one of the given options. */
const condition = z.record(id, z.union([id, z.array(id).min(1)]));

const interaction = z.strictObject({
  description: z.string().optional(),
  when: condition.describe('The combination of terms: issue → option or list of options.'),
  effect: z.record(id, param({ min: -1, max: 1 }, 'Added to the utility of every matching package.')).describe('actor → utility added when the combination is in the package.'),
  source,
});

const infeasibleCombination = z.strictObject({
  description: z.string().optional(),
  when: condition.describe('The combination of terms that is never proposed or agreed.'),
  source,
});

/** The mechanisms a scenario can be played under (src/negotiation/mechanisms/, one file each). */
export const MECHANISM_NAMES = [
  'alternating-offers',
  'random-proposer',
  'single-text',
  'expected-utility',
  'nash',
  'kalai-smorodinsky',
  'compromise',
] as const;

const negotiation = z.strictObject({
  protocol: z
    .enum(MECHANISM_NAMES)
    .default('alternating-offers')
    .describe(
      'The mechanism: alternating-offers (proposers in turn), random-proposer (Baron–Ferejohn recognition), single-text (a mediator amends one text), expected-utility (Bueno de Mesquita’s challenge model), or a solution computed per run: nash, kalai-smorodinsky, compromise.',
    ),
  rounds: z.number().int().min(1).max(1000).describe('Deadline: the number of proposals before talks end without a deal.'),
  breakdownRisk: param({ min: 0, max: 1 }, 'Probability that talks collapse after a rejected round (the war goes on).'),
  proposers: z.array(id).min(1, 'expected at least one proposer').optional().describe('The order in which actors propose (default: every actor, in file order).'),
  recognition: z
    .enum(['capability', 'equal'])
    .default('capability')
    .describe('random-proposer: the chance of being recognized as proposer is proportional to capability, or equal for every proposer.'),
  mediator: z
    .union([id, z.literal('neutral')])
    .default('neutral')
    .describe('single-text: the actor who drafts and amends the text, or a neutral mediator.'),
  beliefNoise: param(
    { min: 0, max: 1 },
    'Private information: the standard deviation of each actor’s error about the others’ reservation utilities and patience (0: complete information).',
  ).optional(),
  source,
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  name: id.describe('Short id of the scenario, used in run folder names.'),
  title: text,
  description: z.string().optional(),
  source: z.string().optional().describe('The document the scenario is built from.'),
  negotiation,
  saliences: z
    .enum(['relative', 'absolute'])
    .default('relative')
    .describe(
      'relative: an actor’s issue weights sum to 1 (checked). absolute: each weight is the issue’s salience on its own 0–1 scale (BDM, KTAB, decide data), with no sum; utilities over packages still use the weights rescaled to sum to 1, and the spatial mechanisms (expected-utility, compromise) use them as they are.',
    ),
  vetoPlayers: z.array(id).min(1).describe('Actors who must accept any deal (the warring parties).'),
  issues: z.record(id, issueSchema),
  actors: z.record(id, actor),
  interactions: z.array(interaction).default([]),
  infeasible: z.array(infeasibleCombination).default([]),
  variants: z
    .record(
      id,
      z.strictObject({
        description: z.string().optional(),
        set: z.record(z.string(), z.unknown()).describe('Field path → value, as with --set (a value may be a call such as "bernoulli(0.7)").'),
      }),
    )
    .default({})
    .describe('Named sets of overrides, chosen with --variant NAME.'),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type Issue = z.output<typeof issueSchema>;
export type Actor = Scenario['actors'][string];
export type Condition = z.output<typeof condition>;
