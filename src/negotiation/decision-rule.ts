/**
 * Who must accept a deal: the decision rule (`negotiation.decisionRule`).
 *
 * - unanimity (the default): every actor whose consent the package needs — the veto players and
 *   the guarantors of its options (compiled.consentMask) — accepts; no one else is asked.
 * - majority: a winning coalition of voters accepts — more than half of the voters' total weight
 *   (each weighs 1 unless `weights` says otherwise; Baron & Ferejohn 1989 with n voters: more
 *   than n/2 of them) — and the coalition includes every veto player and every guarantor of the
 *   package's options, whose consent stays necessary (they are a blocking set).
 * - qualified-majority: the same with a quota: at least `threshold` of the voters' total weight,
 *   and, with `population`, also at least its threshold of a second weighting (the EU Council's
 *   double majority: 55 % of the member states holding 65 % of the population, TFEU art. 16(4)).
 *
 * A rule is monotone: adding accepting voters to a winning coalition keeps it winning. So the
 * best a package can do is to be accepted by every voter who prefers it, and "a winning
 * coalition prefers p" is one pass over the voters (`winningAt`).
 */
import type { Scenario } from '../scenario/schema.ts';

export type DecisionRuleKind = 'unanimity' | 'majority' | 'qualified-majority';

export interface DecisionRule {
  kind: DecisionRuleKind;
  /** The voting actors (empty under unanimity: no vote, only consent). */
  voters: Uint8Array;
  /** [v] the weight of voter v, and the weight a winning coalition needs. */
  weight: Float64Array;
  quota: number;
  /** Majority: more than the quota; qualified majority: at least the quota. */
  strict: boolean;
  /** [v] the second criterion's weights (null: none) and its quota (at least). */
  population: Float64Array | null;
  populationQuota: number;
  /** The rule in words, for summaries ("unanimity of the veto players and guarantors", "majority of 5 voters", …). */
  text: string;
}

/** Tolerance on weight sums (relative to the total) so that float sums of equal weights count exactly. */
const WEIGHT_TOLERANCE = 1e-12;

export const UNANIMITY: DecisionRule = {
  kind: 'unanimity',
  voters: new Uint8Array(0),
  weight: new Float64Array(0),
  quota: 0,
  strict: false,
  population: null,
  populationQuota: 0,
  text: 'unanimity of the veto players and guarantors',
};

/** The model's rule with actor ids resolved to indices (voters default to every actor, weights to 1). */
export function compileDecisionRule(scenario: Scenario, actorIndex: ReadonlyMap<string, number>): DecisionRule {
  const spec = scenario.negotiation.decisionRule;
  if (typeof spec === 'string') return spec === 'unanimity' ? UNANIMITY : votingRule({ kind: spec, voters: [...actorIndex.values()] });
  if (spec.rule === 'unanimity') return UNANIMITY;
  const voterIds = spec.voters ?? [...actorIndex.keys()];
  const weightsOf = (weights: Record<string, number>) => voterIds.map((id) => weights[id] ?? 0);
  return votingRule({
    kind: spec.rule,
    voters: voterIds.map((id) => actorIndex.get(id)!),
    weights: spec.weights === undefined ? undefined : weightsOf(spec.weights),
    threshold: spec.threshold,
    population: spec.population === undefined ? undefined : { weights: weightsOf(spec.population.weights), threshold: spec.population.threshold },
  });
}

/** A vote among actor indices: weights default to 1 each; a majority's threshold is one half (strict). */
export interface VotingRuleSpec {
  kind: 'majority' | 'qualified-majority';
  voters: readonly number[];
  weights?: readonly number[];
  threshold?: number;
  population?: { weights: readonly number[]; threshold: number };
}

export function votingRule(spec: VotingRuleSpec): DecisionRule {
  const { kind, voters } = spec;
  const weight = Float64Array.from(voters, (_, v) => spec.weights?.[v] ?? 1);
  const threshold = kind === 'majority' ? 0.5 : spec.threshold!;
  const population = spec.population === undefined ? null : Float64Array.from(spec.population.weights);
  const sum = (xs: Float64Array) => xs.reduce((s, w) => s + w, 0);
  const weighted = spec.weights !== undefined ? 'weighted ' : '';
  const share = (x: number) => `${Number((100 * x).toPrecision(6))}%`;
  const text =
    kind === 'majority'
      ? `${weighted}majority of ${voters.length} voters`
      : `${weighted}qualified majority of ${voters.length} voters (${share(threshold)}${spec.population === undefined ? '' : ` and ${share(spec.population.threshold)} of the population`})`;
  return {
    kind,
    voters: Uint8Array.from(voters),
    weight,
    quota: threshold * sum(weight),
    strict: kind === 'majority',
    population,
    populationQuota: population === null ? 0 : spec.population!.threshold * sum(population),
    text,
  };
}

/** Whether accepting voters of total weight `weight` (and `population`) form a winning coalition. */
export function isWinning(rule: DecisionRule, weight: number, population: number): boolean {
  const slack = WEIGHT_TOLERANCE * Math.max(1, rule.quota);
  const enough = rule.strict ? weight > rule.quota + slack : weight >= rule.quota - slack;
  if (!enough || rule.population === null) return enough;
  return population >= rule.populationQuota - WEIGHT_TOLERANCE * Math.max(1, rule.populationQuota);
}

/** Whether the voters whose answer is yes (answers[a] === 1) form a winning coalition. */
export function winningAmong(rule: DecisionRule, answers: Int8Array): boolean {
  let weight = 0;
  let population = 0;
  for (let v = 0; v < rule.voters.length; v++) {
    if (answers[rule.voters[v]] !== 1) continue;
    weight += rule.weight[v];
    if (rule.population !== null) population += rule.population[v];
  }
  return isWinning(rule, weight, population);
}

/**
 * Whether the voters who value package p at least at their threshold (threshold[offset + a],
 * less `slack`) form a winning coalition, actor `accepting` (≥ 0) counted in whatever its
 * utility; always true under unanimity (no vote).
 */
export function winningAt(
  rule: DecisionRule,
  utility: Float64Array,
  packageCount: number,
  p: number,
  threshold: Float64Array,
  offset: number,
  slack: number,
  accepting = -1,
): boolean {
  const { voters } = rule;
  if (voters.length === 0) return true;
  let weight = 0;
  let population = 0;
  for (let v = 0; v < voters.length; v++) {
    const a = voters[v];
    if (a !== accepting && utility[a * packageCount + p] < threshold[offset + a] - slack) continue;
    weight += rule.weight[v];
    if (rule.population !== null) population += rule.population[v];
  }
  return isWinning(rule, weight, population);
}

/**
 * The best a winning coalition can do for its worst-off member: the largest g such that the voters
 * with gain[a] ≥ g form a winning coalition (+∞ under unanimity, where no vote is needed; −∞ if
 * even all voters together do not win). Voters are taken in order of gain, so the coalition is the
 * minimum winning one of the most satisfied voters. `order` is scratch of the voters' length.
 */
export function coalitionGain(rule: DecisionRule, gain: Float64Array, order: Int32Array): number {
  const { voters } = rule;
  const V = voters.length;
  if (V === 0) return Infinity;
  for (let v = 0; v < V; v++) order[v] = v;
  // Insertion sort by gain, highest first: V is small (the actors of one model).
  for (let i = 1; i < V; i++) {
    const v = order[i];
    const g = gain[voters[v]];
    let j = i - 1;
    while (j >= 0 && gain[voters[order[j]]] < g) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = v;
  }
  let weight = 0;
  let population = 0;
  for (let i = 0; i < V; i++) {
    const v = order[i];
    weight += rule.weight[v];
    if (rule.population !== null) population += rule.population[v];
    // Equal gains join together: the coalition {gain ≥ g} takes every voter at g.
    if (i + 1 < V && gain[voters[order[i + 1]]] === gain[voters[v]]) continue;
    if (isWinning(rule, weight, population)) return gain[voters[v]];
  }
  return -Infinity;
}
