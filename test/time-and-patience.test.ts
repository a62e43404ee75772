/**
 * Time that means something and behaviour that acts (issue "Answers an analyst can trust",
 * parts 2–4), each against theory or a law the code does not compute:
 *
 * - Time-based negotiators concede over the horizon 1/(1 − δ(1 − q)) (aspiration.ts). Two linear
 *   concessions splitting a unit pie then meet where A's share is (1 − δ2)/((1 − δ1) + (1 − δ2)),
 *   Rubinstein's (1 − δ2)/(1 − δ1δ2) in the limit of short rounds: checked on a 101-level pie.
 * - Directions: a more patient actor gets a larger share; a higher collapse risk brings the deal
 *   earlier.
 * - Rates per month become rates per round as 1 − (1 − q)^L and δ^L, L the round in months.
 * - Open-ended talks without a zone collapse after a geometric number of rounds (the early stop in
 *   talks.ts draws the rest at once: the law must not change), or stall at the cap without risk.
 * - A deadline that drives the deals is flagged in the headline; an open-ended batch is not.
 * - Choices (structural uncertainty) are drawn with their probabilities, run by run.
 */
import { describe, expect, it } from 'vitest';
import { createRunContext, simulateRun } from '../src/simulation/batch.ts';
import { simulateInProcess } from '../src/simulation/in-process.ts';
import { summarize } from '../src/simulation/summarize.ts';
import { Status } from '../src/negotiation/run-result.ts';
import { sampleDistribution } from '../src/scenario/sample.ts';
import { TimeBasedNegotiator } from '../src/negotiation/negotiators/time-based.ts';
import { HardlinerNegotiator } from '../src/negotiation/negotiators/hardliner.ts';
import seedrandom from 'seedrandom';
import { compiledFrom } from './helpers/build-scenario.ts';

interface Split {
  patienceA: number | { value: number; per: string };
  patienceB: number | { value: number; per: string };
  breakdownRisk?: number | object;
  rounds?: number | 'none';
  concession?: string | number;
  reservation?: number;
  roundLength?: string;
}

/** A unit pie on 101 levels: A's utility is its share x, B's is 1 − x; both time-based. */
function split(s: Split) {
  const actor = (label: string, ideal: number, patience: Split['patienceA']) => ({
    label,
    capability: 1,
    reservation: s.reservation ?? 0,
    patience,
    concession: s.concession ?? 'linear',
    salience: { share: 1 },
    preferences: { share: { ideal } },
  });
  return compiledFrom({
    name: 'split',
    title: 'A unit pie',
    negotiation: {
      rounds: s.rounds ?? 'none',
      breakdownRisk: s.breakdownRisk ?? 0,
      proposers: ['a', 'b'],
      ...(s.roundLength ? { roundLength: s.roundLength } : {}),
    },
    vetoPlayers: ['a', 'b'],
    issues: { share: { label: 'Share to A', kind: 'continuous', range: [0, 1], levels: 101 } },
    actors: { a: actor('A', 1, s.patienceA), b: actor('B', 0, s.patienceB) },
  });
}

/** A's share and the round of the deal in run 0 (nothing is uncertain, so every run is the same). */
function deal(compiled: ReturnType<typeof split>): { share: number; round: number } {
  const result = simulateRun(createRunContext(compiled), 'pie', 0);
  expect(result.status).toBe(Status.Deal);
  return { share: compiled.issues[0].levels![compiled.packageOptions[result.packageId]], round: result.round };
}

describe('the concession horizon', () => {
  it("two linear concessions split the pie as (1 − δ2)/((1 − δ1) + (1 − δ2)), close to Rubinstein's share for patient actors", () => {
    for (const [d1, d2] of [
      [0.99, 0.98],
      [0.98, 0.99],
      [0.995, 0.99],
      [0.99, 0.99],
    ]) {
      const { share } = deal(split({ patienceA: d1, patienceB: d2 }));
      const horizons = (1 - d2) / (1 - d1 + (1 - d2));
      const rubinstein = (1 - d2) / (1 - d1 * d2);
      // Within two grid steps of the horizons' split, and of Rubinstein's.
      expect(Math.abs(share - horizons), `δ = ${d1}, ${d2}`).toBeLessThanOrEqual(0.02 + 1e-9);
      expect(Math.abs(share - rubinstein), `δ = ${d1}, ${d2}`).toBeLessThanOrEqual(0.025);
    }
  });

  it('gives the more patient actor the larger share, and moves the deal earlier as the collapse risk rises', () => {
    const shares = [0.95, 0.97, 0.98, 0.99, 0.995].map((d) => deal(split({ patienceA: d, patienceB: 0.98 })).share);
    for (let k = 1; k < shares.length; k++) expect(shares[k]).toBeGreaterThan(shares[k - 1]);
    // With a collapse risk the deal (when talks survive to it) comes sooner: the same actors, rising q.
    const rounds = [0, 0.005, 0.02, 0.05].map((q) => {
      const compiled = split({ patienceA: 0.99, patienceB: 0.99, breakdownRisk: q });
      const ctx = createRunContext(compiled);
      for (let run = 0; ; run++) {
        const r = simulateRun(ctx, 'hazard', run);
        if (r.status === Status.Deal) return r.round;
      }
    });
    for (let k = 1; k < rounds.length; k++) expect(rounds[k]).toBeLessThan(rounds[k - 1]);
  });
});

describe('rates per unit of time', () => {
  it('turns a rate per month into a rate per round of two weeks: 1 − (1 − q)^L and δ^L', () => {
    const compiled = split({ patienceA: { value: 0.9, per: 'month' }, patienceB: 0.97, breakdownRisk: { value: 0.1, per: 'month' }, roundLength: '2 weeks' });
    const ctx = createRunContext(compiled);
    simulateRun(ctx, 'rates', 0);
    const L = 14 / (365.25 / 12); // two weeks in months
    expect(ctx.instance.breakdownRisk).toBeCloseTo(1 - 0.9 ** L, 14);
    expect(ctx.instance.patience[0]).toBeCloseTo(0.9 ** L, 14);
    expect(ctx.instance.patience[1]).toBe(0.97); // a rate per round is used as it is
    const summary = summarize(compiled, simulateInProcess(compiled, { seed: 'rates', runs: 200 }), 'rates');
    expect(summary.time?.roundLength.months).toBeCloseTo(L, 6);
  });
});

describe('open-ended talks', () => {
  // Each side values its worst package at 0 and war at 0.6: no zone, so no round can end in a deal.
  const noZone = (q: number) => split({ patienceA: 0.95, patienceB: 0.95, breakdownRisk: q, reservation: 0.6 });

  it('without a zone collapse after a geometric number of rounds: P(round k) = (1 − q)^(k − 1) q', () => {
    const q = 0.05;
    const runs = 20_000;
    const compiled = noZone(q);
    const agg = simulateInProcess(compiled, { seed: 'geometric', runs });
    expect(agg.outcomes[Status.Breakdown]).toBe(runs);
    const counts = agg.roundsByStatus.subarray(Status.Breakdown * (compiled.maxRounds + 1), (Status.Breakdown + 1) * (compiled.maxRounds + 1));
    for (const k of [1, 2, 5, 10, 30]) {
      const p = (1 - q) ** (k - 1) * q;
      expect(Math.abs(counts[k] / runs - p), `round ${k}`).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / runs));
    }
    let mean = 0;
    for (let k = 1; k < counts.length; k++) mean += (k * counts[k]) / runs;
    // The mean of a geometric law, 1/q, within 4.5 standard errors (sd √(1 − q)/q).
    expect(Math.abs(mean - 1 / q)).toBeLessThan((4.5 * Math.sqrt(1 - q)) / q / Math.sqrt(runs));
  });

  it('without a zone and without collapse risk stall at the cap, and the headline says so', () => {
    const compiled = noZone(0);
    const summary = summarize(compiled, simulateInProcess(compiled, { seed: 'stall', runs: 50 }), 'stall');
    expect(summary.outcomes.stalled.count).toBe(50);
    expect(summary.warnings.join(' ')).toMatch(/50 runs were still without a deal or a collapse at the cap of 1,000 rounds/);
  });
});

describe('a deadline that drives the deals', () => {
  it('is flagged in the headline when most deals come in its last tenth; an open-ended batch is not', () => {
    // Patient, very firm negotiators (exponent 20) hold out until the deadline.
    const withDeadline = split({ patienceA: 0.999, patienceB: 0.999, rounds: 30, concession: 20 });
    const flagged = summarize(withDeadline, simulateInProcess(withDeadline, { seed: 'late', runs: 100 }), 'late');
    expect(flagged.deadlineEffect?.flagged).toBe(true);
    expect(flagged.headline.join(' ')).toMatch(/Deadline effect: 100% of the deals come in the last tenth of the rounds before the deadline \(30 rounds\)/);
    const open = split({ patienceA: 0.95, patienceB: 0.95 });
    const none = summarize(open, simulateInProcess(open, { seed: 'open', runs: 100 }), 'open');
    expect(none.deadlineEffect).toBeNull();
    expect(none.headline.join(' ')).not.toMatch(/Deadline effect/);
  });
});

describe('choices between alternatives (structural uncertainty)', () => {
  it('draws each alternative with its probability', () => {
    const rng = seedrandom.alea('choice');
    const d = { dist: 'choice' as const, choice: { boulware: 0.5, linear: 0.3, conceder: 0.2 }, values: { boulware: 4, linear: 1, conceder: 0.25 } };
    const n = 40_000;
    const counts = new Map<number, number>();
    for (let k = 0; k < n; k++) {
      const x = sampleDistribution(d, rng);
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    for (const [name, p] of Object.entries(d.choice)) {
      const seen = (counts.get(d.values[name as keyof typeof d.values]) ?? 0) / n;
      expect(Math.abs(seen - p), name).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('seats the strategy a run draws: a choice between time-based and hardliner', () => {
    const compiled = compiledFrom({
      name: 'seats',
      title: 'Seats',
      negotiation: { rounds: 10, breakdownRisk: 0 },
      vetoPlayers: ['a', 'b'],
      issues: { share: { label: 'Share', kind: 'continuous', range: [0, 1], levels: 11 } },
      actors: {
        a: {
          label: 'A',
          capability: 1,
          reservation: 0,
          patience: 0.9,
          strategy: { choice: { 'time-based': 0.25, hardliner: 0.75 } },
          salience: { share: 1 },
          preferences: { share: { ideal: 1 } },
        },
        b: { label: 'B', capability: 1, reservation: 0, patience: 0.9, salience: { share: 1 }, preferences: { share: { ideal: 0 } } },
      },
    });
    const ctx = createRunContext(compiled);
    const runs = 4000;
    let hardliners = 0;
    for (let run = 0; run < runs; run++) {
      simulateRun(ctx, 'seats', run);
      if (ctx.seats[0] instanceof HardlinerNegotiator) hardliners++;
      else expect(ctx.seats[0]).toBeInstanceOf(TimeBasedNegotiator);
    }
    expect(Math.abs(hardliners / runs - 0.75)).toBeLessThan(4.5 * Math.sqrt((0.75 * 0.25) / runs));
  });
});
