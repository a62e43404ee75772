/**
 * Bueno de Mesquita's expected-utility ("challenge") model on one issue scale, round by round, as
 * Scholz, Calbert & Smith (2011, J. Theoretical Politics 23(4)) write it out:
 *
 *   each round: r_i = 1 → P, EU at r = 1 → danger R_i → risk exponents r_i (risk.ts)
 *               → P, EU_ij and EU_ji from each actor's view with its r_i (expected-utility.ts)
 *               → every actor takes its best offer, all at once (offers.ts)
 *               → the weighted Condorcet median μ and weighted mean of the new positions (votes.ts).
 *
 * Inputs per actor: capability c, position x, salience s ∈ [0, 1]; the position range d is fixed
 * when the model is built (as in jmckib: the span of the initial positions unless given), and
 * positions never leave the span, since every move is towards another actor's position.
 * Q = T = 1 unless given. `jmckibQuirks` switches to jmckib's code paths (jmckib-quirks.ts).
 *
 * A round depends only on the positions (risk starts again from r = 1), so a round in which nobody
 * moves is a fixed point. The model need not reach one: Scholz et al. discuss its oscillation.
 *
 * `createEuModel`/`resetEuModel`/`playRound` allocate nothing after creation (the mechanism's hot
 * path); `runEuModel` records every round for checks and reports.
 */
import { challengeUtility } from './expected-utility.ts';
import {
  ALL_JMCKIB_QUIRKS,
  jmckibCompromiseKey,
  jmckibMedian,
  jmckibPrefers,
  jmckibWinProbabilities,
  NO_JMCKIB_QUIRKS,
  type JmckibQuirks,
} from './jmckib-quirks.ts';
import { classifyOffer, MoveKind, MOVE_KIND_NAMES, offerPosition } from './offers.ts';
import { dangerLevels, riskExponents } from './risk.ts';
import { condorcetMedian, weightedMean, winProbabilities } from './votes.ts';

export interface EuOptions {
  /** Probability that a position stays put without a challenge (default 1). */
  q?: number;
  /** Probability that such a change helps the challenger (default 1). */
  t?: number;
  /** Take jmckib's code paths: all of them (true) or some. Default: none (the algorithm as written). */
  jmckibQuirks?: boolean | Partial<JmckibQuirks>;
}

export interface EuModel {
  readonly actorCount: number;
  readonly q: number;
  readonly t: number;
  readonly quirks: Readonly<JmckibQuirks>;
  /** The position range d. */
  range: number;
  capability: Float64Array;
  salience: Float64Array;
  /** c_k · s_k, the weight of k's votes. */
  weight: Float64Array;
  position: Float64Array;
  /** r_i of the last round played (1 before the first). */
  risk: Float64Array;
  /** R_i of the last round played. */
  danger: Float64Array;
  /** μ of the current positions. */
  median: number;
  /** The last round's move of each actor: its kind, towards whom (−1: none), its EU_ij and EU_ji. */
  moveKind: Uint8Array;
  moveToward: Int32Array;
  moveEu: Float64Array;
  moveOtherEu: Float64Array;
  /** Scratch: [i × n + j] P_ij; the positions after the round; the exponents of the risk pass. */
  probability: Float64Array;
  nextPosition: Float64Array;
  ones: Float64Array;
}

function quirkSet(option: EuOptions['jmckibQuirks']): JmckibQuirks {
  if (option === true) return { ...ALL_JMCKIB_QUIRKS };
  if (option === undefined || option === false) return { ...NO_JMCKIB_QUIRKS };
  return { ...NO_JMCKIB_QUIRKS, ...option };
}

export function createEuModel(actorCount: number, options: EuOptions = {}): EuModel {
  const n = actorCount;
  return {
    actorCount: n,
    q: options.q ?? 1,
    t: options.t ?? 1,
    quirks: quirkSet(options.jmckibQuirks),
    range: 1,
    capability: new Float64Array(n),
    salience: new Float64Array(n),
    weight: new Float64Array(n),
    position: new Float64Array(n),
    risk: new Float64Array(n).fill(1),
    danger: new Float64Array(n),
    median: 0,
    moveKind: new Uint8Array(n),
    moveToward: new Int32Array(n).fill(-1),
    moveEu: new Float64Array(n),
    moveOtherEu: new Float64Array(n),
    probability: new Float64Array(n * n),
    nextPosition: new Float64Array(n),
    ones: new Float64Array(n).fill(1),
  };
}

/** The weighted Condorcet median of the model's current positions (by the model's tie rule). */
export function currentMedian(model: EuModel): number {
  const { position, weight, actorCount, range } = model;
  return model.quirks.median ? jmckibMedian(position, weight, actorCount, range) : condorcetMedian(position, weight, actorCount);
}

export function currentMean(model: EuModel): number {
  return weightedMean(model.position, model.weight, model.actorCount);
}

/**
 * Starts a model from the actors' inputs (read into the model's arrays). `range` is d; by default
 * the span of the positions (1 if they all coincide: then nobody ever moves).
 */
export function resetEuModel(model: EuModel, capability: ArrayLike<number>, salience: ArrayLike<number>, position: ArrayLike<number>, range?: number): EuModel {
  const n = model.actorCount;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < n; k++) {
    model.capability[k] = capability[k];
    model.salience[k] = salience[k];
    model.weight[k] = capability[k] * salience[k];
    model.position[k] = position[k];
    if (position[k] < lo) lo = position[k];
    if (position[k] > hi) hi = position[k];
  }
  const span = hi - lo;
  const d = range ?? (span > 0 ? span : 1);
  if (!(d > 0) || d < span * (1 - 1e-12)) throw new Error(`expected a position range d > 0 that covers the positions' span ${span}, got ${d}`);
  model.range = d;
  model.risk.fill(1);
  model.danger.fill(0);
  model.moveKind.fill(MoveKind.None);
  model.moveToward.fill(-1);
  model.median = currentMedian(model);
  return model;
}

function fillProbabilities(model: EuModel, exponent: Float64Array): void {
  const { position, weight, actorCount, range, probability } = model;
  if (model.quirks.probability) jmckibWinProbabilities(position, weight, exponent, actorCount, range, probability);
  else winProbabilities(position, weight, actorCount, probability);
}

/** Plays one round; returns whether any position changed. */
export function playRound(model: EuModel): boolean {
  const { actorCount: n, position, salience, probability, risk, range, q, t, median } = model;

  // Risk: everyone at r = 1.
  fillProbabilities(model, model.ones);
  dangerLevels(position, salience, probability, n, range, median, q, t, model.danger);
  riskExponents(model.danger, n, risk);

  // Offers, each actor from its own view with its new r (the faithful P does not depend on r).
  if (model.quirks.probability) fillProbabilities(model, risk);
  for (let i = 0; i < n; i++) {
    const xi = position[i];
    let bestKind: MoveKind = MoveKind.None;
    let bestKey = Infinity;
    let bestPosition = xi;
    let toward = -1;
    let bestEu = 0;
    let bestOtherEu = 0;
    for (let j = 0; j < n; j++) {
      const xj = position[j];
      if (j === i || xj === xi) continue;
      const distance = Math.abs(xi - xj);
      const euIJ = challengeUtility(distance, Math.abs(xi - median), range, probability[i * n + j], salience[j], risk[i], q, t);
      const euJI = challengeUtility(distance, Math.abs(xj - median), range, probability[j * n + i], salience[i], risk[i], q, t);
      const kind = classifyOffer(euIJ, euJI);
      if (kind === MoveKind.None) continue;
      const target = offerPosition(kind, xi, xj, euIJ, euJI);
      let better: boolean;
      let key: number;
      if (model.quirks.offerChoice) {
        key = kind === MoveKind.Compromise ? jmckibCompromiseKey(xi, xj, euIJ, euJI) : Math.abs(xi - target);
        better = jmckibPrefers(kind, key, bestKind, bestKey);
      } else {
        key = Math.abs(xi - target);
        better = key < bestKey;
      }
      if (!better) continue;
      bestKind = kind;
      bestKey = key;
      bestPosition = target;
      toward = j;
      bestEu = euIJ;
      bestOtherEu = euJI;
    }
    model.moveKind[i] = bestKind;
    model.moveToward[i] = toward;
    model.moveEu[i] = bestEu;
    model.moveOtherEu[i] = bestOtherEu;
    model.nextPosition[i] = bestPosition;
  }

  let moved = false;
  for (let i = 0; i < n; i++) {
    if (model.nextPosition[i] !== position[i]) moved = true;
    position[i] = model.nextPosition[i];
  }
  model.median = currentMedian(model);
  return moved;
}

export interface EuActorInput {
  capability: number;
  position: number;
  /** 0–1. */
  salience: number;
}

export interface EuMove {
  actor: number;
  kind: (typeof MOVE_KIND_NAMES)[number];
  /** The actor whose offer it took. */
  toward: number;
  /** EU_ij and EU_ji from the mover's view. */
  eu: number;
  otherEu: number;
  position: number;
}

export interface EuRound {
  /** 0: the inputs; k: after the k-th round's moves. */
  round: number;
  position: Float64Array;
  /** The risk exponents used in this round (all 1 in round 0). */
  risk: Float64Array;
  median: number;
  mean: number;
  moves: EuMove[];
}

/** Plays `rounds` rounds (all of them, even past a fixed point) and records each. */
export function runEuModel(actors: readonly EuActorInput[], rounds: number, options: EuOptions & { range?: number } = {}): EuRound[] {
  const model = createEuModel(actors.length, options);
  resetEuModel(
    model,
    actors.map((a) => a.capability),
    actors.map((a) => a.salience),
    actors.map((a) => a.position),
    options.range,
  );
  const record = (round: number, moves: EuMove[]): EuRound => ({
    round,
    position: Float64Array.from(model.position),
    risk: Float64Array.from(model.risk),
    median: model.median,
    mean: currentMean(model),
    moves,
  });
  const out = [record(0, [])];
  for (let round = 1; round <= rounds; round++) {
    playRound(model);
    const moves: EuMove[] = [];
    for (let i = 0; i < model.actorCount; i++) {
      if (model.moveKind[i] === MoveKind.None) continue;
      moves.push({
        actor: i,
        kind: MOVE_KIND_NAMES[model.moveKind[i]],
        toward: model.moveToward[i],
        eu: model.moveEu[i],
        otherEu: model.moveOtherEu[i],
        position: model.position[i],
      });
    }
    out.push(record(round, moves));
  }
  return out;
}
