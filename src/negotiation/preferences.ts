/**
 * One run's preferences: every actor's utility of every package, from that run's sampled
 * parameters. Linear-additive (salience-weighted option values, as in multi-attribute utility
 * theory; Keeney & Raiffa 1976) plus interaction terms for combinations of terms.
 *
 *   u_a(p) = Σ_i w_ai · v_ai(p_i) + Σ_k [p ∈ K_k] · e_ak
 *
 * with w_a the saliences rescaled to sum to 1, v_ai ∈ [0, 1] the option values (for a continuous
 * issue 1 − d or 1 − d², d = |x − ideal| / width of the range), and e_ak the effect of
 * interaction k. The arrays are allocated once per worker and refilled every run.
 *
 * Speed: the A × P × I sum is most of a run's cost, yet in a typical model most terms never
 * change between runs. When an actor's saliences are all fixed, the issues whose option values
 * (or ideal point) are fixed add the same amount to a package in every run: their sum is kept in
 * `fixedUtility` (filled in the first run) and each run adds only the issues that vary. When
 * every issue varies, the utilities are summed over the tree of the feasible packages' prefixes
 * (package-prefixes.ts): one add per prefix, in the same order as a direct sum.
 */
import type { CompiledScenario } from './compiled-scenario.ts';
import { packagePrefixes, sumOverPrefixes, type PackagePrefixes } from './package-prefixes.ts';

export interface Instance {
  actorCount: number;
  packageCount: number;
  /** [a × P + p] utility of package p to actor a. */
  utility: Float64Array;
  /** [a] utility of no deal (the war goes on). */
  reservation: Float64Array;
  /** [a] discount factor per round. */
  patience: Float64Array;
  /** [a] exponent e of the aspiration curve. */
  concession: Float64Array;
  /** [a] relative power. */
  capability: Float64Array;
  /** [a] utility of the actor's best package. */
  best: Float64Array;
  /** Risk per round that talks collapse after a rejection (a rate per week/month/year converted, compile.ts). */
  breakdownRisk: number;
  /** Standard deviation of each actor's error about the others' reservation and patience. */
  beliefNoise: number;
  /** This run's limit on rounds: its deadline, or the scenario's maxRounds when it has none. */
  rounds: number;
  /** Whether `rounds` is a deadline the negotiators know (false: an open-ended run's safety cap). */
  hasDeadline: boolean;
  /** This run's mechanism: an index into compiled.mechanisms. */
  mechanism: number;
  /** This run's order of proposers. */
  proposers: Uint8Array;
  /** [a] this run's strategy of actor a: an index into compiled.strategies[a]. */
  strategy: Uint8Array;
  /** Per actor, the issues whose contribution changes between runs (all of them if a salience varies). */
  varyingIssues: Int32Array[];
  /** [a × P + p] the part of u_a(p) from the issues that never vary; valid once `fixedReady`. */
  fixedUtility: Float64Array;
  fixedReady: boolean;
  /** The feasible packages' prefix tree (package-prefixes.ts), when some actor's issues all vary; else null. */
  prefixes: PackagePrefixes | null;
  /** Whether every actor's issues all vary (then every row is summed over the prefix tree). */
  everyIssueVaries: boolean;
  /** Scratch: one partial sum per node of the prefix tree. */
  prefixSums: Float64Array;
}

/** The issues whose weighted value can change between runs, per actor. */
function varyingIssuesOf(compiled: CompiledScenario, a: number): Int32Array {
  const { slots, parameters, issues, optionOffset, optionCount } = compiled;
  const I = issues.length;
  const uncertain = (slot: number) => parameters[slot].uncertain;
  const all = Int32Array.from(issues.keys());
  // A varying salience changes the rescaling, hence every issue's weight.
  for (let i = 0; i < I; i++) if (uncertain(slots.salience[a * I + i])) return all;
  const varying: number[] = [];
  issues.forEach((issue, i) => {
    const idealSlot = slots.ideal[a * I + i];
    const varies = idealSlot >= 0 ? uncertain(idealSlot) : issue.options.some((_, k) => uncertain(slots.optionValue[a * optionCount + optionOffset[i] + k]));
    if (varies) varying.push(i);
  });
  return Int32Array.from(varying);
}

export function allocateInstance(compiled: CompiledScenario): Instance {
  const A = compiled.actors.length;
  const P = compiled.packageCount;
  const I = compiled.issues.length;
  const varyingIssues = compiled.actors.map((_, a) => varyingIssuesOf(compiled, a));
  // Only what some actor needs: the fixed part if an actor has fixed issues, the prefix tree if an
  // actor's issues all vary (it never costs more adds than summing each package directly).
  const prefixes = varyingIssues.some((v) => v.length === I) ? packagePrefixes(compiled) : null;
  return {
    actorCount: A,
    packageCount: P,
    utility: new Float64Array(A * P),
    reservation: new Float64Array(A),
    patience: new Float64Array(A),
    concession: new Float64Array(A),
    capability: new Float64Array(A),
    best: new Float64Array(A),
    breakdownRisk: 0,
    beliefNoise: 0,
    rounds: compiled.maxRounds,
    hasDeadline: !compiled.openEnded,
    mechanism: 0,
    proposers: compiled.proposerOrders[0].order,
    strategy: new Uint8Array(A),
    varyingIssues,
    fixedUtility: new Float64Array(varyingIssues.some((v) => v.length < I) ? A * P : 0),
    fixedReady: false,
    prefixes,
    everyIssueVaries: varyingIssues.every((v) => v.length === I),
    prefixSums: new Float64Array(prefixes === null ? 0 : prefixes.parent.length),
  };
}

/** Scratch space reused between runs: per-issue option values of one actor. */
export function allocateOptionValues(compiled: CompiledScenario): Float64Array {
  return new Float64Array(compiled.optionCount);
}

/** 1 / (the sum of actor a's saliences), the rescaling of its weights to sum to 1 (0 if all are 0: indifference everywhere). */
function weightScale(compiled: CompiledScenario, values: Float64Array, a: number): number {
  const { slots } = compiled;
  const I = compiled.issues.length;
  let weightSum = 0;
  for (let i = 0; i < I; i++) weightSum += values[slots.salience[a * I + i]];
  return weightSum > 0 ? 1 / weightSum : 0;
}

/** w_ai: actor a's weight of issue i, its salience rescaled so that its weights sum to 1. */
export function issueWeight(compiled: CompiledScenario, values: Float64Array, a: number, i: number): number {
  return values[compiled.slots.salience[a * compiled.issues.length + i]] * weightScale(compiled, values, a);
}

/** v(x) on a continuous issue: 1 − d (linear) or 1 − d² (quadratic), d = min(1, |x − ideal| / width). */
export function continuousValue(x: number, ideal: number, width: number, quadratic: boolean): number {
  const d = Math.min(1, Math.abs(x - ideal) / width);
  return quadratic ? 1 - d * d : 1 - d;
}

/** Fills `optionValues` with actor a's salience-weighted value of every option of every issue. */
export function weighOptions(compiled: CompiledScenario, values: Float64Array, a: number, optionValues: Float64Array): void {
  const { slots, issues, optionOffset, optionCount } = compiled;
  const I = issues.length;
  const scale = weightScale(compiled, values, a);
  for (let i = 0; i < I; i++) {
    const weight = values[slots.salience[a * I + i]] * scale;
    const issue = issues[i];
    const offset = optionOffset[i];
    const idealSlot = slots.ideal[a * I + i];
    if (idealSlot >= 0) {
      const levels = issue.levels!;
      const width = levels[levels.length - 1] - levels[0];
      const ideal = values[idealSlot];
      const quadratic = compiled.idealShape[a * I + i] === 1;
      for (let k = 0; k < levels.length; k++) optionValues[offset + k] = weight * continuousValue(levels[k], ideal, width, quadratic);
    } else {
      for (let k = 0; k < issue.options.length; k++) {
        optionValues[offset + k] = weight * values[slots.optionValue[a * optionCount + offset + k]];
      }
    }
  }
}

/** Sums the weighted option values of `issueList` into row `row` of `target` (adding to `start`). */
function sumIssues(
  compiled: CompiledScenario,
  optionValues: Float64Array,
  issueList: Int32Array,
  start: Float64Array | null,
  startRow: number,
  target: Float64Array,
  row: number,
): void {
  const { packageOptionSlots } = compiled;
  const P = compiled.packageCount;
  const I = compiled.issues.length;
  const n = issueList.length;
  if (n === 0 && start !== null) {
    target.set(start.subarray(startRow, startRow + P), row);
    return;
  }
  for (let p = 0; p < P; p++) {
    let u = start === null ? 0 : start[startRow + p];
    const base = p * I;
    for (let k = 0; k < n; k++) u += optionValues[packageOptionSlots[base + issueList[k]]];
    target[row + p] = u;
  }
}

/**
 * A rate per some span of time as a rate per round, L being the round's length in that span:
 * a risk q becomes 1 − (1 − q)^L (the chance of at least one collapse in L spans), a discount δ
 * becomes δ^L. L = 1 (a rate per round) leaves it as it is.
 */
function perRound(rate: number, exponent: number, risk: boolean): number {
  if (exponent === 1) return rate;
  return risk ? 1 - Math.pow(1 - rate, exponent) : Math.pow(rate, exponent);
}

/** Fills the run's rates, limits, order, strategies and per-actor numbers of `out` (everything but the utilities). */
export function fillRunParameters(compiled: CompiledScenario, values: Float64Array, out: Instance): void {
  const { slots, rateExponent } = compiled;
  out.breakdownRisk = perRound(values[slots.breakdownRisk], rateExponent.breakdownRisk, true);
  out.beliefNoise = values[slots.beliefNoise];
  const deadline = Math.round(values[slots.deadline]);
  out.hasDeadline = deadline > 0;
  out.rounds = deadline > 0 ? deadline : compiled.maxRounds;
  out.mechanism = values[slots.mechanism];
  out.proposers = compiled.proposerOrders[values[slots.proposerOrder]].order;
  for (let a = 0; a < out.actorCount; a++) {
    out.reservation[a] = values[slots.reservation[a]];
    out.patience[a] = perRound(values[slots.patience[a]], rateExponent.patience[a], false);
    out.concession[a] = values[slots.concession[a]];
    out.capability[a] = values[slots.capability[a]];
    out.strategy[a] = values[slots.strategy[a]];
  }
}

/** Fills `out` from the sampled parameter values `values` (indexed by slot). */
export function buildInstance(compiled: CompiledScenario, values: Float64Array, out: Instance, optionValues: Float64Array): Instance {
  fillRunParameters(compiled, values, out);
  // When every actor's issues all vary (as in the default scenario), a function with only that
  // path: V8 compiled the tree's loops about 3× slower in a function that also holds the paths for
  // fixed terms (never taken there), measured on the default scenario's 7 × 400 utilities.
  if (out.everyIssueVaries) sumEveryIssue(compiled, values, out, optionValues);
  else sumUtilities(compiled, values, out, optionValues);
  return out;
}

/** Every actor's additive utility of every package (before interactions), every issue varying for every actor. */
function sumEveryIssue(compiled: CompiledScenario, values: Float64Array, out: Instance, optionValues: Float64Array): void {
  const { utility, actorCount: A, packageCount: P } = out;
  const prefixes = out.prefixes!;
  for (let a = 0; a < A; a++) {
    weighOptions(compiled, values, a, optionValues);
    sumOverPrefixes(prefixes, optionValues, out.prefixSums, utility, a * P);
  }
  addInteractions(compiled, values, out);
  findBest(out);
}

/** Every actor's additive utility of every package (before interactions). */
function sumUtilities(compiled: CompiledScenario, values: Float64Array, out: Instance, optionValues: Float64Array): void {
  const { issues } = compiled;
  const utility = out.utility;
  const A = out.actorCount;
  const P = out.packageCount;
  const I = issues.length;
  for (let a = 0; a < A; a++) {
    const varying = out.varyingIssues[a];
    const row = a * P;
    if (varying.length === 0 && out.fixedReady) {
      utility.set(out.fixedUtility.subarray(row, row + P), row);
      continue;
    }
    weighOptions(compiled, values, a, optionValues);
    if (varying.length === I) {
      sumOverPrefixes(out.prefixes!, optionValues, out.prefixSums, utility, row);
      continue;
    }
    if (!out.fixedReady) {
      const fixed = Int32Array.from(issues.keys()).filter((i) => !varying.includes(i));
      sumIssues(compiled, optionValues, fixed, null, 0, out.fixedUtility, row);
    }
    sumIssues(compiled, optionValues, varying, out.fixedUtility, row, utility, row);
  }
  out.fixedReady = true;
  addInteractions(compiled, values, out);
  findBest(out);
}

/** Each interaction's effect added to the packages that contain its combination. */
function addInteractions(compiled: CompiledScenario, values: Float64Array, out: Instance): void {
  const { utility, actorCount: A, packageCount: P } = out;
  for (const interaction of compiled.interactions) {
    const packages = interaction.packages;
    for (let a = 0; a < A; a++) {
      const s = interaction.effectSlot[a];
      if (s < 0) continue;
      const effect = values[s];
      const row = a * P;
      for (let k = 0; k < packages.length; k++) utility[row + packages[k]] += effect;
    }
  }
}

/** Each actor's utility of its best package. */
function findBest(out: Instance): void {
  const { utility, actorCount: A, packageCount: P } = out;
  for (let a = 0; a < A; a++) {
    let best = -Infinity;
    const row = a * P;
    for (let p = 0; p < P; p++) if (utility[row + p] > best) best = utility[row + p];
    out.best[a] = best;
  }
}
