/**
 * The time-based negotiator finds its offer two ways (a scan per offer, or filing packages once
 * per run); they must agree on every round, and the offer must meet the aspiration while no
 * package that meets it is better for the others.
 */
import { describe, expect, it } from 'vitest';
import { createRunContext, simulateRun } from '../src/simulation/batch.ts';
import { TimeBasedNegotiator } from '../src/negotiation/negotiators/time-based.ts';
import { othersLeastGain } from '../src/negotiation/negotiation-table.ts';
import { readScenarioFile } from '../src/scenario/load.ts';
import { prepareScenario } from '../src/index.ts';

describe('time-based offers', () => {
  const loaded = readScenarioFile('models/ukraine-2025.yaml');
  if (!loaded.ok) throw new Error('invalid default scenario');
  const { compiled } = prepareScenario(loaded.scenario);

  it('scanning and filing give the same offer in every round of many runs', () => {
    const ctx = createRunContext(compiled);
    let compared = 0;
    for (let run = 0; run < 60; run++) {
      simulateRun(ctx, 'offers', run);
      for (const seat of ctx.seats) {
        if (!(seat instanceof TimeBasedNegotiator)) continue;
        seat.begin(ctx.table);
        for (let round = 0; round < compiled.rounds; round++) {
          expect(seat.filedOffer(round)).toBe(seat.scanForOffer(round));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('an offer meets the aspiration and no qualifying package is better for the others', () => {
    const ctx = createRunContext(compiled);
    simulateRun(ctx, 'best-offer', 3);
    const P = compiled.packageCount;
    for (const seat of ctx.seats) {
      seat.begin(ctx.table);
      const a = seat.actor;
      for (const round of [0, 10, 20, 29]) {
        const offer = seat.propose(round);
        const own = (p: number) => ctx.instance.utility[a * P + p];
        // Every package at least as good for the proposer as the offer is no better for the others.
        for (let p = 0; p < P; p++) {
          if (own(p) >= own(offer)) expect(othersLeastGain(ctx.table, p, a)).toBeLessThanOrEqual(othersLeastGain(ctx.table, offer, a) + 1e-12);
        }
      }
    }
  });
});
