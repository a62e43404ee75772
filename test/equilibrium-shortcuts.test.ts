/**
 * The equilibrium solver's shortcuts against plain implementations of the same steps, written here
 * from their definitions with none of the shortcuts: every continuum part checked with every
 * actor's interval in id order, every screened package's agreement chance multiplied out in full,
 * the packages ordered by the comparator sort. The shortcuts (parts skipped on a bound on the
 * proposer's utility, the actors that ruled a part or a package out last time asked first, packages
 * dropped once their payoff bound falls to the best so far, a merge sort of the packages above the
 * reservation utility, offers reset only where written) keep state between calls, so each plain
 * step is compared, bit for bit, over long sequences of calls on the same scratch: this run's
 * tables of the default scenario with every seat playing equilibrium under belief noise, random
 * thresholds and beliefs that learn.
 *
 * The plain steps follow the solver's documented conventions (continuum-offers.ts,
 * screening-offer.ts): the same operations in the same order where the result is a float, ties to
 * the lower id (and, under random recognition, averaged).
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { parseOverrides, readAndPrepare } from '../src/index.ts';
import type { CompiledScenario } from '../src/negotiation/compiled-scenario.ts';
import { allocateContinuationValues, continuationValuesFor, type ContinuumScratch } from '../src/negotiation/continuation-table.ts';
import { solveContinuationValues } from '../src/negotiation/continuation-values.ts';
import { continuumLayout } from '../src/negotiation/continuum-layout.ts';
import { continuumOffers, prepareContinuum } from '../src/negotiation/continuum-offers.ts';
import { allocateLearnedBeliefs, beliefCdf, beliefMean, learnAnswer, resetBeliefs, type LearnedBeliefs } from '../src/negotiation/learning-beliefs.ts';
import type { NegotiationTable } from '../src/negotiation/negotiation-table.ts';
import { allocateScreeningScratch, orderByOwnUtility, screeningOffer } from '../src/negotiation/screening-offer.ts';
import { standardNormal } from '../src/scenario/sample.ts';
import { createRunContext, simulateRun, type RunContext } from '../src/simulation/batch.ts';

const EPSILON = 1e-12;
const POINT_TOLERANCE = 1e-12;
const ACTORS = ['ukraine', 'russia', 'us', 'france', 'uk', 'germany', 'china'];

function defaultModel(sets: string[], variant?: string): CompiledScenario {
  const overrides = parseOverrides([...ACTORS.map((a) => `actors.${a}.strategy=equilibrium`), 'negotiation.beliefNoise=0.05', ...sets]);
  if (typeof overrides === 'string') throw new Error(overrides);
  const prepared = readAndPrepare('models/ukraine-2025.yaml', overrides, variant);
  if (!prepared.ok) throw new Error(prepared.problems.map((p) => p.message).join('\n'));
  return prepared.compiled;
}

/** The table of run `run` as its seats left it (believed reservation utilities learnt during the run). */
function playedTable(ctx: RunContext, run: number): NegotiationTable {
  simulateRun(ctx, 'shortcuts', run);
  return ctx.table;
}

/** Actor a's interval of accepted points in part d at threshold t (the definition: |x − ideal| ≤ R·width), as [low, high] (low > high: none). */
function interval(c: ContinuumScratch, a: number, d: number, t: number): [number, number] {
  const { layout } = c;
  const need = t - EPSILON - c.base[a * layout.partCount + d];
  const w = c.weight[a];
  if (need <= 0) return [layout.low, layout.high];
  if (w <= 0 || need > w) return [Infinity, -Infinity];
  const reach = (c.quadratic[a] === 1 ? Math.sqrt(1 - need / w) : 1 - need / w) * (layout.high - layout.low);
  return [Math.max(layout.low, c.ideal[a] - reach), Math.min(layout.high, c.ideal[a] + reach)];
}

/** The agreed points of part d at thresholds t[a] (unanimity of the needed actors), or null. */
function agreedPoints(compiled: CompiledScenario, c: ContinuumScratch, d: number, t: ArrayLike<number>): [number, number] | null {
  const { layout } = c;
  let lo = layout.low;
  let hi = layout.high;
  compiled.consenters.forEach((a, k) => {
    if ((layout.partMask[d] & (1 << k)) === 0) return;
    const [low, high] = interval(c, a, d, t[a]);
    if (low > lo) lo = low;
    if (high < hi) hi = high;
  });
  return lo > hi + POINT_TOLERANCE * (layout.high - layout.low) ? null : [lo, Math.max(lo, hi)];
}

/** Actor a's utility of point x in part d: base + w·(1 − dist) or w·(1 − dist²). */
function utilityAt(c: ContinuumScratch, a: number, d: number, x: number): number {
  const { layout } = c;
  const dist = Math.min(1, Math.abs(x - c.ideal[a]) / (layout.high - layout.low));
  return c.base[a * layout.partCount + d] + c.weight[a] * (c.quadratic[a] === 1 ? 1 - dist * dist : 1 - dist);
}

interface PlainOffer {
  part: number;
  own: number;
  point: number;
  value: number[];
}

/** Each proposer's best part and point at thresholds t, scanning every part in id order (ties: the lower part; random recognition: the mean over tied parts). */
function plainOffers(
  compiled: CompiledScenario,
  c: ContinuumScratch,
  parts: number[],
  t: ArrayLike<number>,
  proposers: number[],
  random: boolean,
): PlainOffer[] {
  const A = compiled.actors.length;
  const offers = proposers.map(() => ({ part: -1, own: -Infinity, point: Number.NaN, value: new Array<number>(A).fill(0), ties: 0 }));
  for (const d of parts) {
    const agreed = agreedPoints(compiled, c, d, t);
    if (agreed === null) continue;
    const [lo, hi] = agreed;
    proposers.forEach((j, s) => {
      const offer = offers[s];
      const target = c.ideal[j];
      const point = target < lo ? lo : target > hi ? hi : target;
      const own = utilityAt(c, j, d, point);
      const tie = Math.abs(own - offer.own) <= EPSILON;
      if (!tie && own < offer.own) return;
      if (tie && random) {
        offer.ties++;
        for (let a = 0; a < A; a++) offer.value[a] += utilityAt(c, a, d, point);
      } else if (!tie) {
        Object.assign(offer, { part: d, own, point, ties: 1 });
        for (let a = 0; a < A; a++) offer.value[a] = utilityAt(c, a, d, point);
      }
    });
  }
  for (const offer of offers) if (offer.ties > 1) offer.value = offer.value.map((v) => v / offer.ties);
  return offers;
}

/** The parts with an agreed point at the reservation utilities (observer's row). */
function plainParts(compiled: CompiledScenario, c: ContinuumScratch, reservation: ArrayLike<number>): number[] {
  const parts: number[] = [];
  for (let d = 0; d < c.layout.partCount; d++) if (agreedPoints(compiled, c, d, reservation) !== null) parts.push(d);
  return parts;
}

/** The proposer's screening offer: every package by the comparator order, its agreement chance the full product of the needed actors' CDFs. */
function plainScreening(table: NegotiationTable, threshold: Float64Array, rejecting: Float64Array, beliefs: LearnedBeliefs, j: number, k: number): number {
  const { compiled, instance } = table;
  const { utility, packageCount: P, actorCount: A } = instance;
  const order = Array.from({ length: P }, (_, p) => p).sort((x, y) => utility[j * P + y] - utility[j * P + x] || x - y);
  const premium = Array.from({ length: A }, (_, b) => threshold[k * A + b] - beliefMean(beliefs, b));
  const refused = rejecting[k * A + j];
  let best = -1;
  let bestPayoff = refused;
  for (const p of order) {
    const own = utility[j * P + p];
    if (own < instance.reservation[j] - EPSILON || own <= bestPayoff) break;
    let chance = 1;
    for (let bit = 0; bit < compiled.consenters.length && chance > 0; bit++) {
      const b = compiled.consenters[bit];
      if ((compiled.consentMask[p] & (1 << bit)) === 0 || b === j) continue;
      chance *= beliefCdf(beliefs, b, utility[b * P + p] - premium[b] + EPSILON);
    }
    const payoff = refused + chance * (own - refused);
    if (payoff > bestPayoff + EPSILON || (payoff > bestPayoff - EPSILON && best >= 0 && p < best)) {
      if (payoff > bestPayoff) bestPayoff = payoff;
      best = p;
    }
  }
  return best;
}

describe('the equilibrium solver’s shortcuts change no result', () => {
  it('continuum offers: the parts agreed at the reservation utilities and each round’s offers, over runs of random thresholds on one scratch, as a plain scan finds them', () => {
    const compiled = defaultModel([]);
    const layout = continuumLayout(compiled)!;
    expect(layout).not.toBeNull();
    const ctx = createRunContext(compiled);
    const A = compiled.actors.length;
    const values = allocateContinuationValues(8, A, compiled.packageCount, layout);
    const c = values.continuum!;
    const rng = seedrandom.alea('continuum-shortcuts');
    let offered = 0;
    for (let run = 0; run < 12; run++) {
      const table = playedTable(ctx, run);
      for (let observer = 0; observer < A; observer++) {
        const reservation = table.believedReservation.subarray(observer * A, observer * A + A);
        prepareContinuum(table, c, table.believedReservation, observer * A);
        const parts = plainParts(compiled, c, reservation);
        expect(Array.from(c.parts.subarray(0, c.partCount))).toStrictEqual(parts);
        // Rows of thresholds between r and r + 0.3 (repeated with small moves, as the sweeps do), one proposer or all.
        for (let step = 0; step < 120; step++) {
          const k = step % 8;
          const random = step % 5 === 4;
          const jitter = step < 8 || rng() < 0.3 ? 0.3 : 0.002;
          for (let a = 0; a < A; a++) {
            const previous = step < 8 ? reservation[a] : values.threshold[k * A + a];
            values.threshold[k * A + a] = Math.max(reservation[a], previous + jitter * (rng() - 0.3));
          }
          const proposers = random ? Array.from({ length: A }, (_, a) => a) : [Math.floor(rng() * A)];
          proposers.forEach((j, s) => (values.proposerActors[s] = j));
          continuumOffers(table, values, c, k, proposers.length, random);
          const expected = plainOffers(compiled, c, parts, values.threshold.subarray(k * A, k * A + A), proposers, random);
          expected.forEach((offer, s) => {
            expect(values.bestPackage[s], `run ${run}, observer ${observer}, step ${step}, proposer ${s}`).toBe(offer.part);
            if (offer.part < 0) return;
            offered++;
            expect(Object.is(values.bestOwn[s], offer.own)).toBe(true);
            expect(Object.is(c.bestPoint[s], offer.point)).toBe(true);
            expect(Array.from(values.offerValue.subarray(s * A, s * A + A))).toStrictEqual(offer.value);
          });
        }
      }
    }
    // Most rows agree somewhere.
    expect(offered).toBeGreaterThan(2000);
  });

  it('screening offers: each proposer’s offer over beliefs that learn, on one scratch per run, as the full products and the comparator order give it', () => {
    const compiled = defaultModel([]);
    const layout = continuumLayout(compiled);
    const ctx = createRunContext(compiled);
    const A = compiled.actors.length;
    const rng = seedrandom.alea('screening-shortcuts');
    const beliefs = allocateLearnedBeliefs(A);
    let values = continuationValuesFor(compiled, undefined, layout);
    let offers = 0;
    let passes = 0;
    for (let run = 0; run < 10; run++) {
      const table = playedTable(ctx, run);
      const { utility, packageCount: P } = table.instance;
      for (let j = 0; j < A; j++) {
        const scratch = allocateScreeningScratch(0, A, P);
        resetBeliefs(beliefs, 'normal', 0.05, table.believedReservation, j * A);
        for (let call = 0; call < 25; call++) {
          values = continuationValuesFor(compiled, values, layout);
          solveContinuationValues(table, table.believedReservation, table.believedPatience, j * A, values);
          const k = Math.floor(rng() * values.solvedRounds);
          const offer = screeningOffer(table, values, beliefs, j, k, scratch);
          expect(offer, `run ${run}, proposer ${j}, call ${call}`).toBe(plainScreening(table, values.threshold, values.rejecting, beliefs, j, k));
          if (offer >= 0) offers++;
          else passes++;
          // The others answer a package near the offer: each learns a bound on its reservation utility.
          const asked = offer >= 0 ? offer : Math.floor(rng() * P);
          for (let b = 0; b < A; b++) {
            if (b === j) continue;
            const premium = values.threshold[k * A + b] - beliefMean(beliefs, b);
            learnAnswer(beliefs, b, utility[b * P + asked] - premium + 0.02 * standardNormal(rng), rng() < 0.4);
          }
        }
      }
    }
    expect(offers).toBeGreaterThan(100);
    expect(passes).toBeGreaterThan(10);
  });

  it('the packages by the proposer’s utility: the comparator order down to the cut, ties (±0, infinities) to the lower id; with a NaN, the comparator sort of all', () => {
    const rng = seedrandom.alea('order');
    const P = 300;
    const order = new Int32Array(P);
    const buffer = new Int32Array(P);
    for (let trial = 0; trial < 200; trial++) {
      const pick = [-0, 0, Infinity, -Infinity, 0.5, 0.25];
      const utility = Float64Array.from({ length: 2 * P }, () => (rng() < 0.1 ? pick[Math.floor(rng() * pick.length)] : Math.round(20 * rng()) / 20 - 0.3));
      const row = trial % 2 === 0 ? 0 : P;
      const cut = trial % 3 === 0 ? -Infinity : rng() - 0.3;
      const byComparator = Array.from({ length: P }, (_, p) => p).sort((x, y) => utility[row + y] - utility[row + x] || x - y);
      const n = orderByOwnUtility(utility, row, P, cut, order, buffer);
      const kept = byComparator.filter((p) => !(utility[row + p] < cut));
      expect(n).toBe(kept.length);
      expect(Array.from(order.subarray(0, n))).toStrictEqual(kept);
    }
    const withNaN = Float64Array.from({ length: P }, (_, p) => (p === 7 ? Number.NaN : (p % 10) / 10));
    const byComparator = Int32Array.from({ length: P }, (_, p) => p).sort((x, y) => withNaN[y] - withNaN[x] || x - y);
    expect(orderByOwnUtility(withNaN, 0, P, 0.5, order, buffer)).toBe(P);
    expect(Array.from(order)).toStrictEqual(Array.from(byComparator));
  });

  it('a solution reused between runs (continuum and grid, with and without a deadline) holds what a fresh one would in every solved row', () => {
    for (const variant of [undefined, 'deadline-6-months']) {
      const compiled = defaultModel([], variant);
      const A = compiled.actors.length;
      for (const layout of [continuumLayout(compiled), null]) {
        const ctx = createRunContext(compiled);
        let reused = continuationValuesFor(compiled, undefined, layout);
        for (let run = 0; run < 6; run++) {
          const table = playedTable(ctx, run);
          for (const observer of [0, 3]) {
            reused = continuationValuesFor(compiled, reused, layout);
            solveContinuationValues(table, table.believedReservation, table.believedPatience, observer * A, reused);
            const fresh = solveContinuationValues(
              table,
              table.believedReservation,
              table.believedPatience,
              observer * A,
              continuationValuesFor(compiled, undefined, layout),
            );
            const solved = (table.instance.hasDeadline ? table.instance.rounds : compiled.maxRounds) * A;
            expect(Array.from(reused.offers.subarray(0, solved))).toStrictEqual(Array.from(fresh.offers.subarray(0, solved)));
            expect(Array.from(reused.offerPart)).toStrictEqual(Array.from(fresh.offerPart));
            // The rows the backward induction wrote (below periodStart a stationary grid solution writes none).
            const from = reused.periodStart * A;
            expect(Array.from(reused.threshold.subarray(from, reused.solvedRounds * A))).toStrictEqual(
              Array.from(fresh.threshold.subarray(from, fresh.solvedRounds * A)),
            );
          }
        }
      }
    }
  });
});
