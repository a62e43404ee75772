/**
 * The time-based negotiator finds its offer two ways (a scan per offer, or filing packages once
 * per run); they must agree on every round. An offer meets the aspiration, and no package that
 * meets it is better for the others.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { createRunContext, simulateRun, type RunContext } from '../src/simulation/batch.ts';
import { TimeBasedNegotiator } from '../src/negotiation/negotiators/time-based.ts';
import { othersLeastGain } from '../src/negotiation/negotiation-table.ts';
import { Status } from '../src/negotiation/run-result.ts';
import { prepareScenario, readScenarioFile } from '../src/index.ts';
import { REFERENCE_CASES, referenceScenario } from '../benchmarks/reference-cases.ts';
import { compiledFrom } from './helpers/build-scenario.ts';

const loaded = readScenarioFile('models/ukraine-2025.yaml');
if (!loaded.ok) throw new Error('invalid default scenario');
const defaultScenario = prepareScenario(loaded.scenario).compiled;

/** Two parties, 100 rounds: each offers 50 times per run, so both file their offers. */
function twoParty(values: number, reservation = 0.2, strategy = 'time-based', valueScale = 1) {
  const raw = referenceScenario({ ...REFERENCE_CASES[0], values, issues: values === 5 ? 5 : 1 }) as {
    actors: Record<string, { reservation: unknown; strategy?: string; concession: unknown; preferences: Record<string, Record<string, number>> }>;
  };
  const rng = seedrandom.alea(`two-party-${values}-${reservation}-${strategy}`);
  for (const actor of Object.values(raw.actors)) {
    actor.reservation = reservation;
    actor.strategy = strategy;
    actor.concession = { dist: 'uniform', min: 0.2 + rng(), max: 5 };
    for (const options of Object.values(actor.preferences)) for (const o of Object.keys(options)) options[o] *= valueScale;
  }
  return compiledFrom(raw);
}

/** Both ways on every round of every time-based seat; a disagreement fails the test, naming the first (one expect, not one per round). */
function compareOffers(ctx: RunContext, seed: string, runs: number): { compared: number; filing: number } {
  let compared = 0;
  let filing = 0;
  const disagreements: string[] = [];
  for (let run = 0; run < runs; run++) {
    simulateRun(ctx, seed, run);
    for (const seat of ctx.seats) {
      if (!(seat instanceof TimeBasedNegotiator)) continue;
      seat.begin(ctx.table);
      if (seat.files) filing++;
      for (let round = 0; round < ctx.compiled.maxRounds; round++) {
        const [filed, scanned] = [seat.filedOffer(round), seat.scanForOffer(round)];
        if (filed !== scanned) disagreements.push(`run ${run}, actor ${seat.actor}, round ${round}: filed ${filed}, scanned ${scanned}`);
        compared++;
      }
    }
  }
  expect(disagreements.slice(0, 5), `${disagreements.length} of ${compared} offers disagree`).toEqual([]);
  return { compared, filing };
}

describe('time-based offers: scanning and filing agree', () => {
  it('in the default scenario (where seats scan)', () => {
    const { compared } = compareOffers(createRunContext(defaultScenario), 'offers', 40);
    expect(compared).toBeGreaterThan(1000);
  });

  it('with two parties over 100 rounds (where seats file), time-based and hardliner, 1 × 100 and 5 × 5', () => {
    for (const compiled of [twoParty(100), twoParty(5), twoParty(5, 0.2, 'hardliner')]) {
      const { compared, filing } = compareOffers(createRunContext(compiled), 'filing', 15);
      expect(filing).toBeGreaterThan(0);
      expect(compared).toBeGreaterThan(2000);
    }
  });

  it('an actor that prefers war to every package scans, and its turns pass without a deal', () => {
    // Every option is worth at most 0.5, war 0.9: no package beats war for either party.
    const compiled = twoParty(100, 0.9, 'time-based', 0.5);
    const ctx = createRunContext(compiled);
    for (let run = 0; run < 20; run++) {
      const result = simulateRun(ctx, 'prefers-war', run);
      expect(result.status).not.toBe(Status.Deal);
      expect(result.packageId).toBe(-1);
      for (const seat of ctx.seats) if (seat instanceof TimeBasedNegotiator) expect(seat.files).toBe(false);
    }
  });
});

describe('an offer', () => {
  it('meets the aspiration, and no package that meets it is better for the others', () => {
    for (const compiled of [defaultScenario, twoParty(5)]) {
      const ctx = createRunContext(compiled);
      simulateRun(ctx, 'best-offer', 3);
      const P = compiled.packageCount;
      for (const seat of ctx.seats) {
        if (!(seat instanceof TimeBasedNegotiator)) continue;
        seat.begin(ctx.table);
        const a = seat.actor;
        const r = ctx.instance.reservation[a];
        const best = ctx.instance.best[a];
        const e = ctx.instance.concession[a];
        const T = ctx.instance.rounds;
        // The horizon: 1 / (1 − δ(1 − q)) rounds, or the deadline if that comes first.
        const H = Math.min(T, 1 / (1 - ctx.instance.patience[a] * (1 - ctx.instance.breakdownRisk)));
        for (const round of [0, 1, Math.floor(T / 4), Math.floor(T / 2), T - 1]) {
          // asp(k) = r + (best − r)(1 − min(1, k/H)^e), written out here.
          const asp = r + (best - r) * (1 - Math.pow(Math.min(1, round / H), e));
          const offer = seat.propose(round);
          const own = (p: number) => ctx.instance.utility[a * P + p];
          expect(own(offer)).toBeGreaterThanOrEqual(asp - 1e-9);
          for (let p = 0; p < P; p++) {
            if (own(p) >= asp + 1e-9) expect(othersLeastGain(ctx.table, p, a)).toBeLessThanOrEqual(othersLeastGain(ctx.table, offer, a));
          }
        }
      }
    }
  });
});
