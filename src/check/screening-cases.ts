/**
 * Beliefs that learn, against the screening closed form (screening-offer.ts). Fearon's (1995) two
 * states split a unit (u_A = x, u_B = 1 − x, 101 levels), fallbacks r_A = r_B = 0.4, one round
 * (an ultimatum): A proposes, B accepts any share s ≥ r_B. A does not know r_B: it got a signal
 * m = r_B + e, and knows the law of e, so its belief is that law around m. Proposing B's share s
 * it expects r_A + F(s)·(1 − s − r_A), F its belief's CDF, and it offers the level maximizing that
 * (the grid's own optimum, which the closed form below also takes):
 *
 * - uniform error on [−w, w] (w = σ√3): F(s) = (s − m + w)/(2w) and the optimum off the grid is
 *   s*(m) = (m − w + 1 − r_A)/2 (clamped to [m − w, m + w]);
 * - normal error N(0, σ²): F(s) = Φ((s − m)/σ), the optimum where φ(z)(1 − r_A − m − σz) = σΦ(z).
 *
 * The deal rate is then P(s_L*(m) ≥ r_B) over the signal's law, s_L* the best level: computed
 * here by integrating the law over the pieces on which the best level is constant (their ends
 * found by bisection), independently of the negotiators, and compared with the share of deals in simulated runs — within four standard
 * errors of the Monte Carlo (a binomial share) plus the quadrature's error. The normal case with
 * σ = 0.05 is the issue's: a proposer that optimizes against its uncertainty agrees about 87 % of
 * the time where one that offers its point estimate (the belief's mean) agreed 56.5 %.
 */
import { compileScenario } from '../negotiation/compile.ts';
import type { CompiledScenario, PackageId } from '../negotiation/compiled-scenario.ts';
import type { NegotiationTable } from '../negotiation/negotiation-table.ts';
import type { Negotiator } from '../negotiation/negotiator.ts';
import { Status } from '../negotiation/run-result.ts';
import { standardNormalCdf } from '../scenario/truncated-normal.ts';
import { validateScenario } from '../scenario/load.ts';
import { createRunContext, simulateRun } from '../simulation/batch.ts';
import type { CheckCase, CheckSuite } from './check-case.ts';
import { fearonScenario } from './fearon-cases.ts';

export interface ScreeningGame {
  shape: 'normal' | 'uniform';
  sigma: number;
  /** Fallbacks of A (the proposer) and B. */
  reservation: [number, number];
  rounds?: number;
}

/** The model document: Fearon's two states with the given fallbacks, equilibrium seats, private information. */
export function screeningModel(game: ScreeningGame) {
  const raw = fearonScenario({ p: 0.5, costA: 0.1, costB: 0.1, rounds: game.rounds ?? 1, breakdownRisk: 0, strategy: 'equilibrium' });
  const actors = raw.actors as Record<string, Record<string, unknown>>;
  actors.a.reservation = game.reservation[0];
  actors.b.reservation = game.reservation[1];
  return { ...raw, negotiation: { ...raw.negotiation, beliefNoise: game.sigma, beliefShape: game.shape } };
}

export function compileScreening(game: ScreeningGame): CompiledScenario {
  const validated = validateScenario(screeningModel(game), 'screening');
  if (!validated.ok) throw new Error(`screening model invalid: ${validated.problems.map((p) => p.message).join('; ')}`);
  return compileScenario(validated.scenario);
}

/** Wraps a seat to note its first offer of each run. */
class FirstOffer implements Negotiator {
  offer: PackageId = -1;
  constructor(private readonly inner: Negotiator) {}
  get actor(): number {
    return this.inner.actor;
  }
  begin(table: NegotiationTable): void {
    this.offer = -1;
    this.inner.begin(table);
  }
  propose(round: number): PackageId {
    const offer = this.inner.propose(round);
    if (round === 0) this.offer = offer;
    return offer;
  }
  respond(round: number, offer: PackageId): boolean {
    return this.inner.respond(round, offer);
  }
  turnedDown(round: number, offer: PackageId, answers: Int8Array): void {
    this.inner.turnedDown?.(round, offer, answers);
  }
}

/** Simulated: the share of deals and the mean share B is offered, over `runs` runs. */
export function simulateScreening(game: ScreeningGame, runs: number, seed: string): { deals: number; meanOffer: number; sdOffer: number } {
  const compiled = compileScreening(game);
  const ctx = createRunContext(compiled);
  const proposer = new FirstOffer(ctx.seatPool[0][0]);
  ctx.seatPool[0] = [proposer];
  const levels = compiled.issues[0].levels!;
  let deals = 0;
  let sum = 0;
  let squares = 0;
  for (let run = 0; run < runs; run++) {
    if (simulateRun(ctx, seed, run).status === Status.Deal) deals++;
    const share = proposer.offer >= 0 ? 1 - levels[compiled.packageOptions[proposer.offer]] : 0;
    sum += share;
    squares += share * share;
  }
  const mean = sum / runs;
  return { deals: deals / runs, meanOffer: mean, sdOffer: Math.sqrt(Math.max(0, squares / runs - mean * mean)) };
}

/** The belief's CDF at s for signal m. */
function beliefCdf(game: ScreeningGame, m: number, s: number): number {
  if (game.shape === 'normal') return standardNormalCdf((s - m) / game.sigma);
  const w = game.sigma * Math.sqrt(3);
  return Math.min(1, Math.max(0, (s - m + w) / (2 * w)));
}

/** B's share at the best of the 101 levels for signal m: argmax of r_A + F(s)(1 − s − r_A), the highest share on ties (as parley scans). */
function bestLevel(game: ScreeningGame, m: number): number {
  const rA = game.reservation[0];
  let best = Number.NaN;
  let bestPayoff = rA;
  for (let k = 0; k <= 100; k++) {
    const s = 1 - k / 100;
    if (1 - s < rA) continue;
    const payoff = rA + beliefCdf(game, m, s) * (1 - s - rA);
    if (payoff > bestPayoff + 1e-12) {
      best = s;
      bestPayoff = payoff;
    }
  }
  return best;
}

/** Where the signal's error e is integrated: ±8σ for the normal law (mass outside ~1e-15), its support [−w, w] for the uniform. */
function errorRange(game: ScreeningGame): [number, number] {
  return game.shape === 'normal' ? [-8 * game.sigma, 8 * game.sigma] : [-game.sigma * Math.sqrt(3), game.sigma * Math.sqrt(3)];
}

/** The law's mass of e on [a, b] (unnormalized: Φ differences for the normal, length for the uniform). */
function errorMass(game: ScreeningGame, a: number, b: number): number {
  return game.shape === 'normal' ? standardNormalCdf(b / game.sigma) - standardNormalCdf(a / game.sigma) : b - a;
}

/** Coarse grid over the error's range before the breakpoints are refined, and how narrow a bracket around one gets. */
const COARSE_POINTS = 2_000;
const BREAKPOINT_WIDTH = 1e-13;

/**
 * The best level as a function of the error e: a step function, nondecreasing in the signal m =
 * r_B + e until no level beats the fallback (NaN) — log F is concave for both laws, so the payoff
 * log F((s − m)/σ) + log(1 − s − r_A) has increasing differences in (s, m) and its argmax rises
 * with m (Topkis 1978). Its pieces: a coarse grid, and each change between neighbours bracketed by
 * bisection to BREAKPOINT_WIDTH (a jump of several levels splits into one breakpoint per level).
 */
function bestLevelPieces(game: ScreeningGame): { from: number; to: number; level: number }[] {
  const rB = game.reservation[1];
  const [lo, hi] = errorRange(game);
  const level = (e: number) => bestLevel(game, rB + e);
  const same = (x: number, y: number) => x === y || (Number.isNaN(x) && Number.isNaN(y));
  const pieces: { from: number; to: number; level: number }[] = [];
  const extend = (to: number, value: number) => {
    const last = pieces.at(-1);
    if (last !== undefined && same(last.level, value)) last.to = to;
    else pieces.push({ from: last?.to ?? lo, to, level: value });
  };
  const refine = (a: number, la: number, b: number, lb: number) => {
    if (same(la, lb)) {
      extend(b, lb);
      return;
    }
    if (b - a <= BREAKPOINT_WIDTH) {
      extend((a + b) / 2, la);
      extend(b, lb);
      return;
    }
    const mid = (a + b) / 2;
    const lm = level(mid);
    refine(a, la, mid, lm);
    refine(mid, lm, b, lb);
  };
  let a = lo;
  let la = level(a);
  for (let i = 1; i <= COARSE_POINTS; i++) {
    const b = lo + ((hi - lo) * i) / COARSE_POINTS;
    const lb = level(b);
    refine(a, la, b, lb);
    a = b;
    la = lb;
  }
  return pieces;
}

/** The deal rate and the mean offer over the signal's law: each piece of the best level weighted by the law's mass on it. */
export function screeningClosedForm(game: ScreeningGame): { deals: number; meanOffer: number } {
  const rB = game.reservation[1];
  const [lo, hi] = errorRange(game);
  const total = errorMass(game, lo, hi);
  let deals = 0;
  let offers = 0;
  for (const piece of bestLevelPieces(game)) {
    if (Number.isNaN(piece.level)) continue;
    const mass = errorMass(game, piece.from, piece.to) / total;
    offers += mass * piece.level;
    if (piece.level >= rB - 1e-12) deals += mass;
  }
  return { deals, meanOffer: offers };
}

/** The uniform case's optimum off the grid: s*(m) = (m − w + 1 − r_A)/2, clamped to [m − w, m + w]. */
export function uniformScreeningOffer(m: number, w: number, rA: number): number {
  return Math.min(m + w, Math.max(m - w, (m - w + 1 - rA) / 2));
}

/** E[s*(m)] over the uniform signal m = r_B + e, e on [−w, w] (the midpoint rule on a fine grid; s* is piecewise linear in m). */
function meanUniformOffer(game: ScreeningGame): number {
  const w = game.sigma * Math.sqrt(3);
  const points = 100_000;
  let sum = 0;
  for (let i = 0; i < points; i++) sum += uniformScreeningOffer(game.reservation[1] - w + (2 * w * (i + 0.5)) / points, w, game.reservation[0]);
  return sum / points;
}

const RUNS = 20_000;
/** The closed form's own error: breakpoints bracketed to 1e-13, the normal tail beyond ±8σ, Φ's series (all far below this). */
const QUADRATURE = 1e-9;

function screeningCases(): CheckCase[] {
  const games: [string, ScreeningGame][] = [
    ['uniform error, σ = 0.2 (±0.346), the proposer’s fallback 0: max P(accept)·(1 − x)', { shape: 'uniform', sigma: 0.2, reservation: [0, 0.4] }],
    ['uniform error, σ = 0.1 (±0.173)', { shape: 'uniform', sigma: 0.1, reservation: [0.4, 0.4] }],
    ['normal error, σ = 0.05 (the issue’s ultimatum)', { shape: 'normal', sigma: 0.05, reservation: [0.4, 0.4] }],
    ['normal error, σ = 0.1', { shape: 'normal', sigma: 0.1, reservation: [0.3, 0.4] }],
  ];
  const source = 'screening: max over levels of r_A + F(s)(1 − s − r_A), integrated over the pieces of the best level';
  return games.flatMap(([label, game]) => {
    const simulated = simulateScreening(game, RUNS, `screening-${game.shape}-${game.sigma}`);
    const closed = screeningClosedForm(game);
    const dealError = 4 * Math.sqrt((closed.deals * (1 - closed.deals)) / RUNS);
    const offerError = (4 * simulated.sdOffer) / Math.sqrt(RUNS);
    const cases: CheckCase[] = [
      {
        name: `ultimatum, ${label}, r = (${game.reservation.join(', ')}): deal rate (${RUNS} runs)`,
        source,
        expected: closed.deals,
        actual: simulated.deals,
        tolerance: dealError + QUADRATURE,
      },
      {
        name: `ultimatum, ${label}, r = (${game.reservation.join(', ')}): mean share offered to B`,
        source,
        expected: closed.meanOffer,
        actual: simulated.meanOffer,
        tolerance: offerError + QUADRATURE,
      },
    ];
    if (game.shape === 'uniform') {
      // Off the grid: the optimum of a quadratic, so the best level is the nearest one (within half a level).
      cases.push({
        name: `ultimatum, ${label}, r = (${game.reservation.join(', ')}): mean share offered to B against s* = (m − w + 1 − r_A)/2 (within half a level)`,
        source: 'screening against a uniform reservation, off the grid',
        expected: meanUniformOffer(game),
        actual: simulated.meanOffer,
        tolerance: 0.005 + offerError + QUADRATURE,
      });
    }
    return cases;
  });
}

export const screeningSuite: CheckSuite = {
  title: 'Beliefs that learn: the screening offer under private information',
  cases: screeningCases,
};
