/**
 * Continuation values of complete-information bargaining, by backward induction from the deadline:
 * the subgame-perfect equilibrium of finite-horizon alternating offers (Ståhl 1972; Rubinstein
 * 1982 as its limit), with a risk of breakdown after each rejection (Binmore, Rubinstein &
 * Wolinsky 1986), and with a randomly recognized proposer (Baron & Ferejohn 1989).
 *
 * In round-k units (a deal in round k on p is worth u(p); parley's payoff r + δ^(k−1)(u − r)
 * divided out), rejecting in round k is worth to actor a
 *
 *   C_a(k) = r_a + (1 − q) · δ_a · (V_a(k + 1) − r_a)        (C_a(T − 1) = r_a: the deadline)
 *
 * with q the breakdown risk, δ_a its patience and V_a(k + 1) its value at the start of the next
 * round. A responder accepts iff the offer is worth at least C_a(k) (and at least r_a: no
 * negotiator in parley accepts less than war — this binds only when a later deal that does not
 * need a's consent would leave it below war). The proposer j offers the package best for itself
 * among those giving every actor whose consent the package needs at least its threshold, or
 * passes (a rejected round) when even that is worth less to it than C_j(k). So
 *
 *   V_a(k) = Σ_j π_j(k) · (u_a(p*_j(k)) if j offers, else C_a(k)),
 *
 * π_j(k) = 1 for the scheduled proposer under alternating offers (and every mechanism other
 * than random-proposer), the recognition probability under random-proposer.
 *
 * Who believes what: the reservation utilities and patience are read from one observer's
 * belief row (its own true values, its beliefs about the others; negotiation-table.ts), so each
 * negotiator solves the game as it sees it. Utilities, capabilities and the breakdown risk are
 * common knowledge.
 *
 * Without a deadline (an open-ended run) the game is solved for its stationary equilibrium: the
 * same backward induction from the safety cap (maxRounds), stopped as soon as a whole period of
 * rounds (the proposer cycle; one round under random recognition) repeats the next period's
 * offers and values (within 1e-12) — the limit of the finite games as the deadline recedes, which
 * on the continuum is Rubinstein's and Binmore, Rubinstein & Wolinsky's stationary solution. If
 * it has not repeated by round 0, the cap acts as a deadline.
 *
 * Where offers are made: on the continuum of one continuous issue when the scenario has one that
 * qualifies (continuum-layout.ts; continuum-offers.ts finds each offer in closed form), else on
 * the model's packages (grid-offers.ts). On the continuum the stationary solution is found by
 * iterating whole periods (sweeps) until they repeat within 1e-12, with Aitken's Δ² extrapolation
 * tried every few sweeps and kept only if one more sweep confirms it (exact for the two-actor
 * games, whose period map is affine with one direction); the error of stopping is bounded by
 * change·ρ/(1 − ρ), ρ the observed contraction per sweep (`truncationBound`). Equilibrium seats
 * always play on the model's packages (grid-offers.ts, offerAt), with the thresholds solved here.
 *
 * Decision rules (decision-rule.ts): an offer is agreed when the needed actors and, under a vote,
 * a winning coalition of voters meet their thresholds.
 *
 * Arrays are allocated per scenario and reused between runs.
 */
import type { NegotiationTable } from './negotiation-table.ts';
import { UTILITY_EPSILON } from './negotiator.ts';
import { recognitionProbabilities } from './mechanisms/random-proposer.ts';
import { continuumOffers, prepareContinuum } from './continuum-offers.ts';
import { NOT_PROPOSING, type ContinuationValues } from './continuation-table.ts';
import { findCandidates, gridOffers, loadThresholds } from './grid-offers.ts';

/** Whether rows k … k + period − 1 repeat rows k + period … k + 2·period − 1 (offers equal, values within 1e-12). */
function repeatsNextPeriod(values: ContinuationValues, k: number, period: number, T: number): boolean {
  if (k + 2 * period > T) return false;
  const A = values.actorCount;
  for (let j = k * A; j < (k + period) * A; j++) {
    const next = j + period * A;
    if (
      values.offers[j] !== values.offers[next] ||
      Math.abs(values.value[j] - values.value[next]) > 1e-12 ||
      Math.abs(values.threshold[j] - values.threshold[next]) > 1e-12
    )
      return false;
  }
  return true;
}

/** What one solve reads: the table, the believed reservation utilities and patience (at [offset + a]), the proposers of each round. */
interface Solve {
  table: NegotiationTable;
  reservation: Float64Array;
  patience: Float64Array;
  offset: number;
  /** Random recognition: the same J proposers and weights every round; else one scheduled proposer per round. */
  random: boolean;
  J: number;
}

/**
 * Solves the game as seen through `reservation` and `patience` (each read at [offset + a]: the
 * truth, or one observer's belief row) into `out`, sized by `continuationValuesFor`.
 */
export function solveContinuationValues(
  table: NegotiationTable,
  reservation: Float64Array,
  patience: Float64Array,
  offset: number,
  out: ContinuationValues,
): ContinuationValues {
  const { compiled, instance } = table;
  const A = instance.actorCount;
  const stationary = !instance.hasDeadline;
  const T = stationary ? compiled.maxRounds : instance.rounds;
  out.solvedRounds = T;
  out.period = 0;
  out.periodStart = 0;
  out.converged = true;
  out.truncationBound = 0;

  // Random recognition: the same proposers and probabilities every round.
  const random = compiled.mechanisms[instance.mechanism] === 'random-proposer';
  let J = 1;
  if (random) {
    recognitionProbabilities(compiled, instance, out.recognition);
    J = 0;
    for (let a = 0; a < A; a++) {
      if (out.recognition[a] <= 0) continue;
      out.proposerActors[J] = a;
      out.proposerWeights[J++] = out.recognition[a];
    }
  } else {
    out.proposerWeights[0] = 1;
  }
  const solve: Solve = { table, reservation, patience, offset, random, J };

  findCandidates(table, reservation, offset, out);
  if (out.continuum !== null) prepareContinuum(table, out.continuum, reservation, offset);
  // As offers.fill(NOT_PROPOSING, 0, T · A) and offerPart.fill(NOT_PROPOSING): rows past the last written already hold it.
  out.offers.fill(NOT_PROPOSING, 0, Math.min(T, out.offersWritten) * A);
  if (T >= out.offersWritten) out.offersWritten = 0;
  out.offerPart.fill(NOT_PROPOSING, 0, out.offerPartWritten * A);
  out.offerPartWritten = 0;
  if (stationary && out.continuum !== null) return sweepToStationary(solve, out, random ? 1 : instance.proposers.length);

  for (let a = 0; a < A; a++) out.value[T * A + a] = reservation[offset + a];
  const period = random ? 1 : instance.proposers.length;
  for (let k = T - 1; k >= 0; k--) {
    solveRow(solve, out, k, k === T - 1);
    if (stationary && repeatsNextPeriod(out, k, period, T)) {
      out.periodStart = k;
      out.period = period;
      break;
    }
  }
  if (stationary && out.period === 0) out.converged = false;
  return out;
}

/**
 * Row k from row k + 1's values: each actor's value of rejecting and threshold, the proposers'
 * offers (grid or continuum), and everyone's value at the start of round k. `last`: the round
 * before the deadline (rejecting is worth r).
 */
function solveRow(solve: Solve, out: ContinuationValues, k: number, last: boolean): void {
  const { table, reservation, patience, offset, random, J } = solve;
  const { instance } = table;
  const A = instance.actorCount;
  const survive = 1 - instance.breakdownRisk;
  const { rejecting, threshold, value, proposerActors, proposerWeights, bestPackage, bestOwn, offerValue } = out;
  const row = k * A;
  for (let a = 0; a < A; a++) {
    const r = reservation[offset + a];
    const c = last ? r : r + survive * patience[offset + a] * (value[row + A + a] - r);
    rejecting[row + a] = c;
    threshold[row + a] = c > r ? c : r;
  }
  if (!random) proposerActors[0] = instance.proposers[k % instance.proposers.length];
  if (out.continuum !== null) continuumOffers(table, out, out.continuum, k, J, random);
  else {
    loadThresholds(table, out, k);
    gridOffers(table, out, k, J, random);
  }

  for (let a = 0; a < A; a++) value[row + a] = 0;
  for (let s = 0; s < J; s++) {
    const j = proposerActors[s];
    // A proposer who gains less from its best agreed offer than from a failed round passes.
    const passes = bestPackage[s] < 0 || bestOwn[s] < rejecting[row + j] - UTILITY_EPSILON;
    if (out.continuum === null) {
      out.offers[row + j] = passes ? -1 : bestPackage[s];
      out.offersWritten = Math.max(out.offersWritten, k + 1);
    } else {
      out.offerPart[row + j] = passes ? -1 : bestPackage[s];
      out.offerPartWritten = Math.max(out.offerPartWritten, k + 1);
      out.offerPoint[row + j] = out.continuum.bestPoint[s];
    }
    const w = proposerWeights[s];
    for (let a = 0; a < A; a++) value[row + a] += w * (passes ? rejecting[row + a] : offerValue[s * A + a]);
  }
}

/** Sweeps between Aitken extrapolations (three plain sweeps give the differences it needs). */
const AITKEN_EVERY = 3;
/** Sweeps stop when the values at the period's start move by at most this. */
const STATIONARY_TOLERANCE = 1e-12;
/** A budget of work for the sweeps (rows × offers checked), beyond the maxRounds rows a deadline could take. */
const SWEEP_WORK = 5e7;
/** Sweeps without a new smallest change after which the iteration is taken not to converge (it cycles). */
const STALLED_SWEEPS = 60;

/**
 * The stationary solution on the continuum: rows [0, period) hold one period; each sweep solves
 * them backwards from row `period`, which holds the previous sweep's values at row 0 (the first
 * sweep starts from the reservation utilities, a deadline far away). Stops when a sweep moves the
 * values at the period's start by at most STATIONARY_TOLERANCE.
 */
function sweepToStationary(solve: Solve, out: ContinuationValues, period: number): ContinuationValues {
  const A = solve.table.instance.actorCount;
  const { value, sweeps } = out;
  const start = period * A;
  for (let a = 0; a < A; a++) value[start + a] = solve.reservation[solve.offset + a];
  const work = Math.max(1, period * solve.J * Math.max(1, out.continuum!.partCount));
  const maxSweeps = Math.max(Math.ceil(out.rounds / period), Math.floor(SWEEP_WORK / work));
  let change = Infinity;
  let previousChange = Infinity;
  let rate = Number.NaN;
  let plain = 0;
  let extrapolated = false;
  let smallest = Infinity;
  let smallestAt = 0;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    for (let k = period - 1; k >= 0; k--) solveRow(solve, out, k, false);
    change = 0;
    for (let a = 0; a < A; a++) change = Math.max(change, Math.abs(value[a] - value[start + a]));
    // Sweeps that stop contracting (the offers cycle between levels) will not converge: stop after STALLED_SWEEPS without progress.
    if (change < smallest) {
      smallest = change;
      smallestAt = sweep;
    } else if (sweep - smallestAt >= STALLED_SWEEPS) break;
    // The contraction per sweep, from two plain sweeps in a row.
    if (!extrapolated && previousChange > 0 && change > 0 && Number.isFinite(previousChange)) rate = change / previousChange;
    previousChange = change;
    if (change <= STATIONARY_TOLERANCE) break;
    // The last three sweeps' starting values x0, x1, x2 (x2 this sweep's); row 3: the extrapolation.
    sweeps.copyWithin(0, A, 3 * A);
    for (let a = 0; a < A; a++) sweeps[2 * A + a] = value[a];
    plain++;
    extrapolated = plain >= 3 && plain % AITKEN_EVERY === 0 && aitken(sweeps, A);
    // An extrapolation starts a new chain of sweeps (it is their first point).
    if (extrapolated) {
      sweeps.copyWithin(2 * A, 3 * A, 4 * A);
      plain = 1;
    }
    for (let a = 0; a < A; a++) value[start + a] = sweeps[2 * A + a];
  }
  // An extrapolation is only a starting point: the sweep after it decides whether it repeats.
  out.converged = change <= STATIONARY_TOLERANCE;
  out.truncationBound = out.converged ? (rate > 0 && rate < 1 ? (change * rate) / (1 - rate) : change) : rate > 0 && rate < 1 ? change / (1 - rate) : Infinity;
  out.solvedRounds = period;
  out.periodStart = 0;
  out.period = period;
  return out;
}

/**
 * Aitken's Δ² extrapolation of three successive sweeps x0, x1, x2 (at sweeps[0, A, 2A]) per
 * coordinate, into sweeps[3A …]: x2 − (x2 − x1)² / ((x2 − x1) − (x1 − x0)). False if a
 * coordinate's differences do not shrink (no geometric convergence to extrapolate).
 */
function aitken(sweeps: Float64Array, A: number): boolean {
  const into = 3 * A;
  for (let a = 0; a < A; a++) {
    const x0 = sweeps[a];
    const x1 = sweeps[A + a];
    const x2 = sweeps[2 * A + a];
    const d1 = x1 - x0;
    const d2 = x2 - x1;
    const curvature = d2 - d1;
    if (d2 === 0) sweeps[into + a] = x2;
    else if (Math.abs(d2) >= Math.abs(d1) || curvature === 0) return false;
    else sweeps[into + a] = x2 - (d2 * d2) / curvature;
  }
  return true;
}
