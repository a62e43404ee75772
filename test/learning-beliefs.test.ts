/**
 * Beliefs that learn (issue 10, part 3): the conjugate update against conditioning by simulation;
 * the screening offer against its closed form (the `parley check` suite); and delay as the rounds
 * let a proposer learn, against the same seats holding point beliefs (the behaviour before).
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { screeningClosedForm, screeningSuite, compileScreening, type ScreeningGame } from '../src/check/screening-cases.ts';
import { standardNormalCdf } from '../src/scenario/truncated-normal.ts';
import { allocateLearnedBeliefs, beliefCdf, beliefMean, learnAnswer, resetBeliefs } from '../src/negotiation/learning-beliefs.ts';
import { CommonKnowledge, EquilibriumNegotiator } from '../src/negotiation/negotiators/equilibrium.ts';
import type { NegotiationTable } from '../src/negotiation/negotiation-table.ts';
import type { Negotiator } from '../src/negotiation/negotiator.ts';
import { Status } from '../src/negotiation/run-result.ts';
import { standardNormal } from '../src/scenario/sample.ts';
import { createRunContext, simulateRun } from '../src/simulation/batch.ts';

describe('Bayes’ rule in conjugate form: the truncated posterior matches conditioning by simulation', () => {
  for (const shape of ['normal', 'uniform'] as const) {
    it(`${shape}: after a refusal (r > 0.42) and an acceptance (r ≤ 0.5), the CDF and the mean are those of the draws that fit both answers`, () => {
      const sigma = 0.05;
      const signal = 0.4;
      const beliefs = allocateLearnedBeliefs(2);
      resetBeliefs(beliefs, shape, sigma, Float64Array.of(0, signal), 0);
      learnAnswer(beliefs, 1, 0.42, false);
      learnAnswer(beliefs, 1, 0.5, true);
      const rng = seedrandom.alea(`bayes-${shape}`);
      const kept: number[] = [];
      while (kept.length < 40_000) {
        const r = signal + sigma * (shape === 'normal' ? standardNormal(rng) : Math.sqrt(3) * (2 * rng() - 1));
        if (r > 0.42 && r <= 0.5) kept.push(r);
      }
      const mean = kept.reduce((s, r) => s + r, 0) / kept.length;
      const sd = Math.sqrt(kept.reduce((s, r) => s + (r - mean) ** 2, 0) / kept.length);
      expect(Math.abs(beliefMean(beliefs, 1) - mean)).toBeLessThan((4 * sd) / Math.sqrt(kept.length));
      for (const x of [0.43, 0.45, 0.47, 0.49]) {
        const share = kept.filter((r) => r <= x).length / kept.length;
        expect(Math.abs(beliefCdf(beliefs, 1, x) - share)).toBeLessThan(4 * Math.sqrt((share * (1 - share)) / kept.length) + 1e-3);
      }
      expect(beliefCdf(beliefs, 1, 0.42)).toBe(0);
      expect(beliefCdf(beliefs, 1, 0.5)).toBe(1);
    });
  }

  it('answers that contradict each other keep the newer one', () => {
    const beliefs = allocateLearnedBeliefs(2);
    resetBeliefs(beliefs, 'normal', 0.05, Float64Array.of(0, 0.4), 0);
    learnAnswer(beliefs, 1, 0.45, true);
    learnAnswer(beliefs, 1, 0.5, false);
    expect([beliefs.low[1], beliefs.high[1]]).toEqual([0.5, Infinity]);
  });
});

describe(screeningSuite.title, () => {
  // The closed form integrates the law over the pieces on which the best level is constant; here a
  // plain midpoint rule on a fine grid, with its own argmax over the 101 levels, must agree within
  // the midpoint rule's error (at most ~101 jumps, each misplaced by under one step of 16σ/N).
  it.each<[string, ScreeningGame]>([
    ['normal σ = 0.05, r = (0.4, 0.4)', { shape: 'normal', sigma: 0.05, reservation: [0.4, 0.4] }],
    ['normal σ = 0.07, r = (0.2, 0.5)', { shape: 'normal', sigma: 0.07, reservation: [0.2, 0.5] }],
    ['uniform σ = 0.15, r = (0.3, 0.35)', { shape: 'uniform', sigma: 0.15, reservation: [0.3, 0.35] }],
  ])('the closed form by pieces agrees with a midpoint rule on a fine grid: %s', (_, game) => {
    const [rA, rB] = game.reservation;
    const w = game.shape === 'normal' ? 8 * game.sigma : game.sigma * Math.sqrt(3);
    const cdf = (s: number, m: number) => (game.shape === 'normal' ? standardNormalCdf((s - m) / game.sigma) : Math.min(1, Math.max(0, (s - m + w) / (2 * w))));
    const N = 20_001;
    let weights = 0;
    let deals = 0;
    let offers = 0;
    for (let i = 0; i < N; i++) {
      const e = -w + (2 * w * (i + 0.5)) / N;
      const weight = game.shape === 'normal' ? Math.exp(-0.5 * (e / game.sigma) ** 2) : 1;
      let best = Number.NaN;
      let bestPayoff = rA;
      for (let k = 0; k <= 100; k++) {
        const s = 1 - k / 100;
        const payoff = 1 - s < rA ? -Infinity : rA + cdf(s, rB + e) * (1 - s - rA);
        if (payoff > bestPayoff + 1e-12) [best, bestPayoff] = [s, payoff];
      }
      weights += weight;
      if (!Number.isNaN(best)) {
        offers += weight * best;
        if (best >= rB - 1e-12) deals += weight;
      }
    }
    const closed = screeningClosedForm(game);
    expect(Math.abs(closed.deals - deals / weights)).toBeLessThan(2e-3);
    expect(Math.abs(closed.meanOffer - offers / weights)).toBeLessThan(2e-3);
  });

  for (const c of screeningSuite.cases()) {
    it(`${c.name}: within ${c.tolerance.toExponential(1)}`, () => {
      expect(Math.abs(c.actual - c.expected)).toBeLessThanOrEqual(c.tolerance);
    });
  }
});

/** Wraps a seat to count, per round, the offers it made and those agreed. */
class Tally implements Negotiator {
  private lastRound = -1;
  constructor(
    private readonly inner: Negotiator,
    readonly offers: number[],
    readonly refused: number[],
  ) {}
  get actor(): number {
    return this.inner.actor;
  }
  begin(table: NegotiationTable): void {
    this.lastRound = -1;
    this.inner.begin(table);
  }
  propose(round: number): number {
    this.lastRound = round;
    this.offers[round]++;
    return this.inner.propose(round);
  }
  respond(round: number, offer: number): boolean {
    return this.inner.respond(round, offer);
  }
  turnedDown(round: number, offer: number, answers: Int8Array): void {
    if (round === this.lastRound) this.refused[round]++;
    this.inner.turnedDown?.(round, offer, answers);
  }
}

type Played = { offers: number[]; refused: number[]; noDeal: number };
const played = new Map<string, Played>();

/**
 * Fearon's two states (r = 0.4 each, δ = 0.95), σ = 0.05, T rounds: per round, A's offers and their
 * refusals; runs without a deal. The same game is played once and shared by the tests that read it.
 */
function play(rounds: number, learns: boolean, runs: number): Played {
  const key = `${rounds}/${learns}/${runs}`;
  const known = played.get(key);
  if (known !== undefined) return known;
  const result = playAfresh(rounds, learns, runs);
  played.set(key, result);
  return result;
}

function playAfresh(rounds: number, learns: boolean, runs: number): Played {
  const compiled = compileScreening({ shape: 'normal', sigma: 0.05, reservation: [0.4, 0.4], rounds });
  const ctx = createRunContext(compiled);
  const common = new CommonKnowledge();
  const offers = new Array<number>(rounds).fill(0);
  const refused = new Array<number>(rounds).fill(0);
  ctx.seatPool = [[new Tally(new EquilibriumNegotiator(0, common, learns), offers, refused)], [new EquilibriumNegotiator(1, common, learns)]];
  let noDeal = 0;
  for (let run = 0; run < runs; run++) if (simulateRun(ctx, 'learning', run).status !== Status.Deal) noDeal++;
  return { offers, refused, noDeal: noDeal / runs };
}

describe('delay falls as the rounds let a proposer learn', () => {
  const runs = 4000;
  const se = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);

  it('each refusal teaches the proposer: its later offers are accepted more often than its first (A proposes in rounds 1, 3, 5, 7)', () => {
    const { offers, refused } = play(8, true, runs);
    const accepted = (k: number) => 1 - refused[k] / offers[k];
    expect(offers[2]).toBeGreaterThan(1000);
    expect(accepted(2) - accepted(0)).toBeGreaterThan(3 * (se(accepted(0), offers[0]) + se(accepted(2), offers[2])));
    expect(accepted(6) - accepted(0)).toBeGreaterThan(3 * (se(accepted(0), offers[0]) + se(accepted(6), offers[6])));
  });

  it('with more rounds fewer runs end without a deal, to a few percent by eight; seats that keep their point beliefs stall, turned down again and again', () => {
    const noDeal = [1, 2, 3, 5, 8].map((T) => play(T, true, runs).noDeal);
    for (let k = 1; k < noDeal.length; k++) expect(noDeal[k]).toBeLessThanOrEqual(noDeal[k - 1] + 2 * se(noDeal[k - 1], runs));
    expect(noDeal[0] - noDeal[noDeal.length - 1]).toBeGreaterThan(4 * se(noDeal[0], runs));
    expect(noDeal[noDeal.length - 1]).toBeLessThan(0.05);
    const fixed = play(8, false, runs).noDeal;
    expect(fixed).toBeGreaterThan(0.25);
    // One shot: a proposer that screens agrees far more often than one that offers its point estimate (≈ 87 % against ≈ 57 %).
    expect(play(1, true, runs).noDeal).toBeLessThan(0.15);
    expect(play(1, false, runs).noDeal).toBeGreaterThan(0.35);
  });
});
