/**
 * The model-file format: a scenario of actors negotiating a package of issues.
 *
 * The zod schema checks shapes, types and ranges, with a field path for every problem;
 * `semantic-checks.ts` checks what a schema cannot (references between sections, salience sums).
 * The JSON Schema in models/scenario.schema.json is generated from this file (`parley schema`).
 */
import { MAX_LEVELS, MIN_LEVELS } from './limits.ts';
import { z } from 'zod';
import { choiceProblems, param, toDistributionInput, type Distribution } from './param.ts';

const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected an id of lower-case letters, digits and dashes, starting with a letter');
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
  range: z.tuple([z.number(), z.number()]).describe('[low, high] of the issue scale.'),
  levels: z.number().int().min(MIN_LEVELS).max(MAX_LEVELS).describe('The range is discretized into this many evenly spaced levels.'),
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

/**
 * A structural choice: `{choice: {NAME: probability, …}}` over named alternatives that are not
 * numbers (a strategy, a mechanism, a proposer order, a concession style, a deadline). `accepts`
 * says whether a name is one of the field's alternatives; its message lists them.
 */
function structuralChoice(accepts: (name: string) => boolean, expected: string) {
  return z
    .preprocess(
      toDistributionInput,
      z.strictObject({
        dist: z.literal('choice'),
        choice: z.record(z.string(), z.number().min(0).max(1)).describe(`Alternative (${expected}) → probability; the probabilities sum to 1.`),
        source,
        label: z.string().optional().describe('A short name for charts.'),
      }),
    )
    .superRefine((d, ctx) => {
      for (const message of choiceProblems(d)) ctx.addIssue({ code: 'custom', message });
      for (const name of Object.keys(d.choice)) {
        if (!accepts(name)) ctx.addIssue({ code: 'custom', path: ['choice', name], message: `unknown alternative "${name}"; expected ${expected}` });
      }
    });
}

/** A choice is the one form of uncertainty a structural field takes. */
export type StructuralChoice = z.output<ReturnType<typeof structuralChoice>>;

const isPresetOrExponent = (name: string) => Object.hasOwn(concessionPresets, name) || (Number(name) >= 0.01 && Number(name) <= 100);
const STRATEGY_NAMES = ['time-based', 'hardliner', 'equilibrium'] as const;
const actor = z.strictObject({
  label: text.describe('The actor as people write it, e.g. "Ukraine (Zelenskyy)".'),
  capability: param(
    { min: 0, max: 1e9 },
    'Relative power or leverage, any positive scale. Sampled and reported; the alternating-offers protocol does not use it (protocols with recognition weights or capability-weighted solutions will).',
  ),
  reservation: param(
    { min: -1, max: 1 },
    'Utility of no deal (the war goes on), on the same scale as packages (0 = worst option on every issue, 1 = best; below 0 if war is worse than any package).',
  ),
  patience: param(
    { min: 0, max: 1, minExclusive: true },
    'Discount factor per round: the share of the gain from a deal that is left after one more round of talks.',
  ),
  concession: z
    .union(
      [
        z.enum(['boulware', 'linear', 'conceder']),
        structuralChoice(isPresetOrExponent, 'boulware, linear, conceder or an exponent in [0.01, 100]'),
        param({ min: 0.01, max: 100 }, ''),
      ],
      {
        error: () => 'expected boulware, linear, conceder, an exponent in [0.01, 100] (a number or a distribution), or {choice: {boulware: p, linear: p, …}}',
      },
    )
    .default('linear')
    .describe(
      'Exponent e of the aspiration curve res + (best − res)(1 − (t/H)^e): boulware (4) holds firm, conceder (0.25) gives early; or a choice between styles, {choice: {boulware: 0.5, linear: 0.5}}.',
    ),
  strategy: z
    .union([z.enum(STRATEGY_NAMES), structuralChoice((name) => (STRATEGY_NAMES as readonly string[]).includes(name), STRATEGY_NAMES.join(', '))], {
      error: () => `expected ${STRATEGY_NAMES.join(', ')} or {choice: {time-based: p, hardliner: p, …}}`,
    })
    .default('time-based')
    .describe('The negotiator in this seat, or a choice between negotiators drawn per run.'),
  salience: z
    .record(id, param({ min: 0, max: 1 }, 'Weight of the issue; an actor’s weights sum to 1.'))
    .describe('Weight of each issue to this actor; they sum to 1.'),
  preferences: z.record(id, preference).describe('For each issue, the value of each option (or an ideal point for a continuous issue).'),
  description: z.string().optional(),
  source,
});

/** Matches packages: each listed issue takes the given option, or one of the given options. */
const condition = z.record(id, z.union([id, z.array(id).min(1)]));

const interaction = z.strictObject({
  description: z.string().optional(),
  when: condition.describe('The combination of terms: issue → option or list of options.'),
  effect: z
    .record(id, param({ min: -1, max: 1 }, 'Added to the utility of every matching package.'))
    .describe('actor → utility added when the combination is in the package.'),
  source,
});

const infeasibleCombination = z.strictObject({
  description: z.string().optional(),
  when: condition.describe('The combination of terms that is never proposed or agreed.'),
  source,
});

/**
 * A hard constraint on packages (constraints.ts): `forbid` rules out every package with the
 * combination; `require` rules out every package without it; `option` … `only-with` rules out the
 * packages that have `option` without `only-with`.
 */
const constraint = z.union(
  [
    z.strictObject({ forbid: condition.describe('Packages with this combination are never proposed or agreed.'), description: z.string().optional(), source }),
    z.strictObject({ require: condition.describe('Every package must have this combination.'), description: z.string().optional(), source }),
    z.strictObject({
      option: condition.describe('Packages with this combination …'),
      'only-with': condition.describe('… must also have this one.'),
      description: z.string().optional(),
      source,
    }),
  ],
  { error: () => 'expected {forbid: {issue: option}}, {require: {issue: option}} or {option: {issue: option}, only-with: {issue: option}}' },
);
export type Constraint = z.output<typeof constraint>;

/** Round length: `2 weeks`, `1 month`, or {value: 2, unit: weeks, source}. */
export const TIME_UNITS = ['day', 'week', 'month', 'year'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];
const roundLength = z
  .preprocess(
    (raw) => {
      if (typeof raw !== 'string') return raw;
      const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+?)s?\s*$/.exec(raw);
      return m ? { value: Number(m[1]), unit: m[2] } : raw;
    },
    z.strictObject({
      value: z.number().positive(),
      unit: z.enum(TIME_UNITS, { error: () => `expected a unit of ${TIME_UNITS.join(', ')} (or their plurals)` }),
      source,
    }),
  )
  .describe('The calendar length of one round of talks, so results speak in weeks and months.');

/** The deadline: a number of rounds, {value, source}, none, or a choice between them. */
const deadline = z
  .union(
    [
      z.number().int().min(1).max(10_000),
      z.literal('none'),
      z.strictObject({ value: z.number().int().min(1).max(10_000), source }),
      structuralChoice(
        (name) => name === 'none' || (/^\d+$/.test(name) && Number(name) >= 1 && Number(name) <= 10_000),
        'a whole number of rounds from 1 to 10,000, or none',
      ),
    ],
    { error: () => 'expected a whole number of rounds (1 to 10,000), none, {value, source}, or {choice: {"20": p, "40": p, none: p}}' },
  )
  .describe('Deadline: the number of proposals before talks end without a deal; none (or omitted): talks go on until agreement or collapse, up to maxRounds.');

/** The mechanisms a scenario can be played under (src/negotiation/mechanisms/, one file each). */
export const MECHANISM_NAMES = ['alternating-offers', 'random-proposer', 'single-text', 'expected-utility', 'nash', 'kalai-smorodinsky', 'compromise'] as const;

const proposerOrder = z.array(id).min(1, 'expected at least one proposer');
/** How many of the actors must accept a deal (decision-rule.ts): the rules by name. */
export const DECISION_RULES = ['unanimity', 'majority', 'qualified-majority'] as const;
const voteWeights = z.record(id, z.number().min(0)).describe('Voter → weight (votes, population); a voter left out weighs 0.');
const decisionRule = z
  .union(
    [
      z.enum(['unanimity', 'majority']),
      z.strictObject({
        rule: z.enum(DECISION_RULES, { error: () => `expected a rule: ${DECISION_RULES.join(', ')}` }),
        voters: z.array(id).min(1, 'expected at least one voter').optional().describe('The actors who vote (default: every actor).'),
        weights: voteWeights
          .optional()
          .describe('Voting weights (default 1 each): majority needs more than half the voters’ weight, qualified-majority at least `threshold` of it.'),
        threshold: z.number().gt(0).max(1).optional().describe('qualified-majority: the share of the voters’ total weight a deal needs (at least), e.g. 0.55.'),
        population: z
          .strictObject({
            weights: voteWeights,
            threshold: z.number().gt(0).max(1).describe('The share of the total a deal also needs (at least), e.g. 0.65.'),
            source,
          })
          .optional()
          .describe('A second criterion (the EU Council’s population test): the accepting voters must also hold this share of these weights.'),
        source,
      }),
    ],
    { error: () => `expected unanimity, majority, or {rule: ${DECISION_RULES.join(' | ')}, voters, weights, threshold, population}` },
  )
  .default('unanimity')
  .describe(
    'Who must accept a deal. unanimity: every veto player and every guarantor of the deal’s options. majority / qualified-majority: a winning coalition of voters that includes every veto player and those guarantors (they keep their veto).',
  );

const negotiation = z.strictObject({
  protocol: z
    .union([z.enum(MECHANISM_NAMES), structuralChoice((name) => (MECHANISM_NAMES as readonly string[]).includes(name), MECHANISM_NAMES.join(', '))], {
      error: () => `expected one of ${MECHANISM_NAMES.join(', ')}, or {choice: {alternating-offers: p, …}}`,
    })
    .default('alternating-offers')
    .describe(
      'The mechanism: alternating-offers (proposers in turn), random-proposer (Baron–Ferejohn recognition), single-text (a mediator amends one text), expected-utility (Bueno de Mesquita’s challenge model), or a solution computed per run: nash, kalai-smorodinsky, compromise; or a choice between them drawn per run.',
    ),
  rounds: deadline.optional(),
  maxRounds: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(1000)
    .describe('Without a deadline, talks still stop after this many rounds (a run that reaches it is counted as stalled, and the summary warns).'),
  roundLength: roundLength.optional(),
  breakdownRisk: param(
    { min: 0, max: 1 },
    'Probability that talks collapse after a rejected round (the war goes on); per round, or per week/month/year with `per:`.',
  ),
  proposers: z
    .union(
      [
        proposerOrder,
        z.strictObject({
          choice: z.record(id, z.number().min(0).max(1)).describe('Named order → probability; the probabilities sum to 1.'),
          orders: z.record(id, proposerOrder).describe('Each named order: the actors in the order they propose.'),
          source,
          label: z.string().optional(),
        }),
      ],
      { error: () => 'expected a list of actors, or {choice: {NAME: p, …}, orders: {NAME: [actor, …], …}}' },
    )
    .optional()
    .describe('The order in which actors propose (default: every actor, in file order), or a choice between named orders drawn per run.'),
  decisionRule,
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
  beliefShape: z
    .enum(['normal', 'uniform'])
    .default('normal')
    .describe(
      'The shape of that error: normal, or uniform on ±σ√3 (the same standard deviation). Each actor knows it: its belief about another’s reservation utility is the signal it got ± that error, which it narrows by Bayes’ rule as offers are refused or accepted.',
    ),
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
  vetoPlayers: z.array(id).describe('Actors who must accept any deal (the warring parties); at least one under unanimity.'),
  issues: z.record(id, issueSchema),
  actors: z.record(id, actor),
  interactions: z.array(interaction).default([]),
  infeasible: z.array(infeasibleCombination).default([]),
  constraints: z.array(constraint).default([]).describe('Hard rules on packages: forbid a combination, require one, or allow an option only with another.'),
  variants: z
    .record(
      id,
      z.strictObject({
        description: z.string().optional(),
        set: z.record(z.string(), z.unknown()).default({}).describe('Field path → value, as with --set (a value may be a call such as "bernoulli(0.7)").'),
        constraints: z.array(constraint).optional().describe('Hard rules this variant adds to the model’s constraints.'),
      }),
    )
    .default({})
    .describe('Named sets of overrides, chosen with --variant NAME.'),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type Issue = z.output<typeof issueSchema>;
export type Actor = Scenario['actors'][string];
export type Condition = z.output<typeof condition>;

/**
 * An actor's concession exponent as a parameter: a preset named by a word as its exponent
 * (`boulware` → 4), a choice with each alternative's exponent attached, a number or distribution
 * as it is.
 */
export function concessionParameter(actor: Actor): Distribution {
  const c = actor.concession;
  if (typeof c === 'string') return { dist: 'fixed', value: concessionPresets[c] };
  if (c.dist !== 'choice') return c;
  const values: Record<string, number> = {};
  for (const name of Object.keys(c.choice))
    values[name] = Object.hasOwn(concessionPresets, name) ? concessionPresets[name as keyof typeof concessionPresets] : Number(name);
  return { ...c, values };
}

/**
 * The deadline as a parameter: rounds, 0 for none (absent, `none`); a choice carries each
 * alternative's rounds (`none` → 0). Its source is the deadline's own or the negotiation's.
 */
export function deadlineParameter(scenario: Scenario): Distribution {
  const n = scenario.negotiation;
  const rounds = n.rounds;
  if (rounds === undefined || rounds === 'none') return { dist: 'fixed', value: 0, source: n.source ?? 'no deadline' };
  if (typeof rounds === 'number') return { dist: 'fixed', value: rounds, ...(n.source === undefined ? {} : { source: n.source }) };
  if ('value' in rounds) return { dist: 'fixed', value: rounds.value, ...((rounds.source ?? n.source) ? { source: rounds.source ?? n.source } : {}) };
  const values: Record<string, number> = {};
  for (const name of Object.keys(rounds.choice)) values[name] = name === 'none' ? 0 : Number(name);
  return { ...rounds, values, ...(rounds.source === undefined && n.source !== undefined ? { source: n.source } : {}) };
}

/** The deadline in rounds when the model fixes one (a number or {value}); null for none or a choice. */
export function fixedDeadline(scenario: Scenario): number | null {
  const rounds = scenario.negotiation.rounds;
  if (typeof rounds === 'number') return rounds;
  if (rounds !== undefined && rounds !== 'none' && 'value' in rounds) return rounds.value;
  return null;
}
