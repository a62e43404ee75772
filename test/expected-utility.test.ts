/**
 * Bueno de Mesquita's expected-utility model (src/negotiation/expected-utility/) and the
 * 'expected-utility' mechanism: the `parley check` cases against the EC example, dmasad's and
 * jmckib's replications (src/check/bdm-cases.ts), the formulas against their closed forms at r = 1,
 * the median against an independent weighted median, and the mechanism against the pure model.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { bdmSuite } from '../src/check/bdm-cases.ts';
import { challengeUtility } from '../src/negotiation/expected-utility/expected-utility.ts';
import { jmckibMedian } from '../src/negotiation/expected-utility/jmckib-quirks.ts';
import { createEuModel, playRound, resetEuModel, runEuModel } from '../src/negotiation/expected-utility/model.ts';
import { classifyOffer, MoveKind, offerPosition } from '../src/negotiation/expected-utility/offers.ts';
import { riskExponents } from '../src/negotiation/expected-utility/risk.ts';
import { condorcetMedian, summedVote, weightedMean, winProbabilities } from '../src/negotiation/expected-utility/votes.ts';
import { individuallyRational } from '../src/negotiation/mechanisms/forecast.ts';
import { createMechanisms } from '../src/negotiation/mechanisms/index.ts';
import { Status } from '../src/negotiation/run-result.ts';
import { createRunContext, parseOverrides, readAndPrepare, simulateRun } from '../src/index.ts';
import { compiledFrom } from './helpers/build-scenario.ts';

describe('parley check: BDM expected-utility cases', () => {
  for (const c of bdmSuite.cases()) {
    it(`${c.name} (${c.source})`, () => {
      expect(c.skipped, c.skipped).toBeUndefined();
      expect(Math.abs(c.actual - c.expected), `expected ${c.expected}, got ${c.actual}; ${c.note ?? ''}`).toBeLessThanOrEqual(c.tolerance);
    });
  }
});

describe('expected utility of a challenge (Scholz et al. 2011 §2–3)', () => {
  const rng = seedrandom.alea('eu-formula');

  it('at r = 1 and Q = 1 is 2δ(1 − 2 s_j (1 − P)): U^s = 2δ, U^f = −2δ, U^sq = 0', () => {
    for (let k = 0; k < 200; k++) {
      const range = 0.5 + 10 * rng();
      const distance = range * rng();
      const p = rng();
      const s = rng();
      const delta = distance / range;
      expect(challengeUtility(distance, range * rng(), range, p, s, 1, 1, 1)).toBeCloseTo(2 * delta * (1 - 2 * s * (1 - p)), 12);
    }
  });

  it('is 0 between equal positions for any r (U^s = U^f = U^sq)', () => {
    for (const r of [0.5, 0.8, 1, 1.7, 2]) expect(challengeUtility(0, 0.3, 1, 0.4, 0.6, r, 1, 1)).toBeCloseTo(0, 14);
  });

  it('with Q = 0 subtracts U^b (T = 1) or U^w (T = 0): ±(|x_i − μ| + |x_i − x_j|)/d at r = 1', () => {
    const [distance, toMedian, range, p, s] = [1.5, 2, 6, 0.3, 0.7];
    const base = challengeUtility(distance, toMedian, range, p, s, 1, 1, 1);
    const spread = (toMedian + distance) / range;
    expect(challengeUtility(distance, toMedian, range, p, s, 1, 0, 1)).toBeCloseTo(base - spread, 12);
    expect(challengeUtility(distance, toMedian, range, p, s, 1, 0, 0)).toBeCloseTo(base + spread, 12);
    expect(challengeUtility(distance, toMedian, range, p, s, 1, 0.25, 1)).toBeCloseTo(base - 0.75 * spread, 12);
  });
});

describe('risk exponents (§5)', () => {
  it('map the most endangered actor to 0.5, the safest to 2 and the midpoint to 1', () => {
    const risk = new Float64Array(4);
    riskExponents(Float64Array.of(3, -1, 1, 0.2), 4, risk);
    expect(risk[0]).toBeCloseTo(0.5, 14);
    expect(risk[1]).toBeCloseTo(2, 14);
    expect(risk[2]).toBeCloseTo(1, 14);
    for (const r of risk) expect(r >= 0.5 - 1e-15 && r <= 2 + 1e-15).toBe(true);
  });

  it('are 1 when every danger is equal', () => {
    const risk = new Float64Array(3);
    riskExponents(Float64Array.of(0.4, 0.4, 0.4), 3, risk);
    expect(Array.from(risk)).toEqual([1, 1, 1]);
  });
});

describe('offers (§6)', () => {
  it('follow the octants of (EU_ij, EU_ji)', () => {
    expect(classifyOffer(0.1, 0.3)).toBe(MoveKind.Confrontation);
    expect(classifyOffer(0.3, 0.1)).toBe(MoveKind.None); // i would win: j moves, not i
    expect(classifyOffer(-0.1, 0.3)).toBe(MoveKind.Compromise);
    expect(classifyOffer(-0.3, 0.1)).toBe(MoveKind.Capitulation);
    expect(classifyOffer(-0.3, -0.1)).toBe(MoveKind.None);
    expect(classifyOffer(0.3, -0.1)).toBe(MoveKind.None);
    expect(classifyOffer(0, 0.2)).toBe(MoveKind.None);
  });

  it('compromise by the share |EU_ij / EU_ji| of the way; meet capitulation at EU_ji = |EU_ij|', () => {
    expect(offerPosition(MoveKind.Compromise, 4, 10, -0.1, 0.4)).toBeCloseTo(5.5, 14);
    expect(offerPosition(MoveKind.Compromise, 10, 4, -0.2, 0.2)).toBeCloseTo(offerPosition(MoveKind.Capitulation, 10, 4, -0.2, 0.2), 14);
    expect(offerPosition(MoveKind.Confrontation, 7, 4, 0.1, 0.3)).toBe(4);
  });
});

/** An independent weighted median: the lowest x whose cumulative weight reaches half. */
function lowerWeightedMedian(position: Float64Array, weight: Float64Array): number {
  const order = Array.from(position.keys()).sort((a, b) => position[a] - position[b]);
  const total = weight.reduce((s, w) => s + w, 0);
  let cumulative = 0;
  for (const k of order) {
    cumulative += weight[k];
    if (cumulative >= total / 2 - 1e-12 * total) return position[k];
  }
  return Number.NaN;
}

describe('votes and the weighted Condorcet median (§3.2)', () => {
  const rng = seedrandom.alea('median');

  it('is the weighted median, and no position beats it in summed votes', () => {
    for (let k = 0; k < 300; k++) {
      const n = 2 + Math.floor(12 * rng());
      const position = Float64Array.from({ length: n }, () => Math.round(20 * rng()) / 2);
      const weight = Float64Array.from({ length: n }, () => rng());
      const mu = condorcetMedian(position, weight, n);
      expect(mu).toBe(lowerWeightedMedian(position, weight));
      for (let j = 0; j < n; j++) expect(summedVote(position, weight, n, 10, position[j], mu)).toBeLessThanOrEqual(1e-12);
      // jmckib's first-found median agrees whenever the median is not tied.
      const tied = Array.from(position).some((x) => x !== mu && Math.abs(summedVote(position, weight, n, 10, x, mu)) <= 1e-12);
      if (!tied) expect(jmckibMedian(position, weight, n, 10)).toBe(mu);
    }
  });

  it('breaks an exact tie towards the lowest position; jmckib keeps the first position it met', () => {
    const position = Float64Array.of(6, 2);
    const weight = Float64Array.of(1, 1);
    expect(condorcetMedian(position, weight, 2)).toBe(2);
    expect(jmckibMedian(position, weight, 2, 4)).toBe(6);
  });

  it('weighs the mean by capability × salience', () => {
    expect(weightedMean(Float64Array.of(0, 10), Float64Array.of(3, 1), 2)).toBeCloseTo(2.5, 14);
  });

  it('gives P_ij in [0, 1], never both P_ij and P_ji positive, and (w_i − w_j)/(w_i + w_j) for two actors', () => {
    for (let k = 0; k < 100; k++) {
      const n = 2 + Math.floor(8 * rng());
      const position = Float64Array.from({ length: n }, () => 10 * rng());
      const weight = Float64Array.from({ length: n }, () => rng());
      const p = new Float64Array(n * n);
      winProbabilities(position, weight, n, p);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          expect(p[i * n + j]).toBeGreaterThanOrEqual(0);
          expect(p[i * n + j]).toBeLessThanOrEqual(1 + 1e-15);
          expect(p[i * n + j] * p[j * n + i]).toBe(0);
        }
      }
    }
    // Two actors: each votes for its own position, so the heavier one wins with P = (w_i − w_j)/(w_i + w_j).
    const p = new Float64Array(4);
    winProbabilities(Float64Array.of(0, 1), Float64Array.of(3, 1), 2, p);
    expect(p[1]).toBeCloseTo(0.5, 14);
    expect(p[2]).toBe(0);
  });
});

describe('the model round by round', () => {
  const rng = seedrandom.alea('model');

  it('keeps positions inside the initial span, μ on an actor’s position, and stops at a fixed point', () => {
    for (let k = 0; k < 100; k++) {
      const n = 3 + Math.floor(8 * rng());
      const actors = Array.from({ length: n }, () => ({ capability: rng(), position: 10 * rng(), salience: rng() }));
      const lo = Math.min(...actors.map((a) => a.position));
      const hi = Math.max(...actors.map((a) => a.position));
      for (const quirks of [false, true]) {
        const rounds = runEuModel(actors, 8, { jmckibQuirks: quirks });
        for (const round of rounds) {
          for (const x of round.position) expect(x >= lo - 1e-12 && x <= hi + 1e-12).toBe(true);
          expect(Array.from(round.position)).toContain(round.median);
          for (const r of round.risk) expect(r >= 0.5 - 1e-12 && r <= 2 + 1e-12).toBe(true);
        }
        const still = rounds.findIndex((r, i) => i > 0 && r.moves.length === 0);
        if (still > 0) for (const later of rounds.slice(still)) expect(Array.from(later.position)).toEqual(Array.from(rounds[still].position));
      }
    }
  });

  it('allocates once: playRound reuses the model’s arrays', () => {
    const model = createEuModel(3);
    resetEuModel(model, [1, 1, 1], [0.5, 0.5, 0.5], [0, 5, 10]);
    const arrays = [model.position, model.risk, model.probability];
    playRound(model);
    expect([model.position, model.risk, model.probability]).toEqual(arrays);
    expect(model.position).toBe(arrays[0]);
  });
});

/** The EC example as a parley scenario: the EC issue plus a categorical issue carrying salience 1 − s, so the rescaled salience on the EC issue is s. */
function ecScenario(rounds: number) {
  const data: [string, number, number, number][] = [
    ['netherlands', 0.08, 4, 0.8],
    ['belgium', 0.08, 7, 0.4],
    ['luxembourg', 0.03, 4, 0.2],
    ['germany', 0.16, 4, 0.8],
    ['france', 0.16, 10, 0.6],
    ['italy', 0.16, 10, 0.6],
    ['uk', 0.16, 10, 0.9],
    ['ireland', 0.05, 7, 0.1],
    ['denmark', 0.05, 4, 1.0],
    ['greece', 0.08, 7, 0.7],
  ];
  const raw = {
    name: 'ec',
    title: 'BDM EC example',
    negotiation: { protocol: 'expected-utility', rounds, breakdownRisk: 0 },
    vetoPlayers: ['uk'],
    issues: {
      ec: { label: 'EC issue', kind: 'continuous', range: [4, 10], levels: 7 },
      other: { label: 'Other', kind: 'categorical', options: { a: { label: 'A' }, b: { label: 'B' } } },
    },
    actors: Object.fromEntries(
      data.map(([id, capability, position, salience], k) => [
        id,
        {
          label: id,
          capability,
          reservation: 0,
          patience: 0.9,
          concession: 'linear',
          salience: { ec: salience, other: 1 - salience },
          preferences: { ec: { ideal: position, shape: 'linear' }, other: { a: k % 3 === 0 ? 1 : 0, b: k % 3 === 0 ? 0 : 0.5 } },
        },
      ]),
    ),
  };
  return { raw, data };
}

describe("the 'expected-utility' mechanism", () => {
  it('forecasts the pure model’s final median at the nearest level, and the weighted favourite on a categorical issue', () => {
    for (const rounds of [1, 3, 10]) {
      const { raw, data } = ecScenario(rounds);
      const compiled = compiledFrom(raw);
      const ctx = createRunContext(compiled);
      const result = simulateRun(ctx, 'ec', 0);
      expect(result.status).toBe(Status.Deal);

      const trajectory = runEuModel(
        data.map(([, capability, position, salience]) => ({ capability, position, salience })),
        rounds,
      );
      const mu = trajectory[rounds].median;
      const level = compiled.packageOptions[result.packageId * 2];
      expect(Math.abs(level - (mu - 4))).toBeLessThanOrEqual(0.5);
      // The deal comes in the first round after which nobody moved, or the last.
      const still = trajectory.findIndex((r, k) => k > 0 && r.moves.length === 0);
      expect(result.round).toBe(still > 0 ? still : rounds);

      // Σ_a c_a (1 − s_a) v_a(o): A is worth 1 to actors 0, 3, 6, 9; B 0.5 to the others.
      const score = [0, 0];
      data.forEach(([, c, , s], k) => (score[k % 3 === 0 ? 0 : 1] += c * (1 - s) * (k % 3 === 0 ? 1 : 0.5)));
      expect(compiled.packageOptions[result.packageId * 2 + 1]).toBe(score[0] >= score[1] ? 0 : 1);
    }
  });

  it('reads an ordinal issue as each actor’s best option index', () => {
    const compiled = compiledFrom({
      name: 'ordinal',
      title: 'ordinal',
      negotiation: { protocol: 'expected-utility', rounds: 5, breakdownRisk: 0 },
      vetoPlayers: ['a'],
      issues: { o: { label: 'O', kind: 'ordinal', options: { low: { label: 'low' }, mid: { label: 'mid' }, high: { label: 'high' } } } },
      actors: {
        a: {
          label: 'A',
          capability: 1,
          reservation: 0,
          patience: 0.9,
          concession: 'linear',
          salience: { o: 1 },
          preferences: { o: { low: 1, mid: 0.5, high: 0 } },
        },
        b: {
          label: 'B',
          capability: 3,
          reservation: 0,
          patience: 0.9,
          concession: 'linear',
          salience: { o: 1 },
          preferences: { o: { low: 0.2, mid: 1, high: 0.4 } },
        },
        c: {
          label: 'C',
          capability: 1,
          reservation: 0,
          patience: 0.9,
          concession: 'linear',
          salience: { o: 1 },
          preferences: { o: { low: 0, mid: 0.5, high: 1 } },
        },
      },
    });
    const result = simulateRun(createRunContext(compiled), 'o', 0);
    const trajectory = runEuModel(
      [
        { capability: 1, position: 0, salience: 1 },
        { capability: 3, position: 1, salience: 1 },
        { capability: 1, position: 2, salience: 1 },
      ],
      5,
      { range: 2 },
    );
    expect(result.status).toBe(Status.Deal);
    expect(compiled.packageOptions[result.packageId]).toBe(Math.round(trajectory[5].median));
    expect(trajectory[0].median).toBe(1); // B carries 3 of 5 votes
  });

  it('runs the default scenario: no deadlines, deals only when every consenting actor gains, the same result for the same seed', () => {
    const overrides = parseOverrides(['negotiation.protocol=expected-utility']);
    if (typeof overrides === 'string') throw new Error(overrides);
    const prepared = readAndPrepare('models/ukraine-2025.yaml', overrides);
    if (!prepared.ok) throw new Error(prepared.problems.map((p) => p.message).join('\n'));
    const { compiled } = prepared;
    expect(compiled.mechanism).toBe('expected-utility');
    expect(createMechanisms(compiled)[0]).toBeTypeOf('function');
    const ctx = createRunContext(compiled);
    const again = createRunContext(compiled);
    for (let run = 0; run < 200; run++) {
      const result = simulateRun(ctx, 'eu', run);
      expect(result.status).not.toBe(Status.Deadline);
      expect(result.round).toBeGreaterThanOrEqual(1);
      expect(result.round).toBeLessThanOrEqual(compiled.maxRounds);
      if (result.status === Status.Deal) expect(individuallyRational(ctx.table, result.packageId)).toBe(true);
      const [status, round, packageId] = [result.status, result.round, result.packageId];
      const replay = simulateRun(again, 'eu', run);
      expect([replay.status, replay.round, replay.packageId]).toEqual([status, round, packageId]);
    }
  });
});
