/**
 * The equilibrium negotiator against bargaining theory (the `parley check` suites in
 * src/check/equilibrium-cases.ts: Rubinstein, the finite deadline, Binmore–Rubinstein–Wolinsky and
 * its Nash limit, Baron–Ferejohn under unanimity and majority, a weighted vote; and
 * src/check/continuum-cases.ts: the same games as model files on 101 levels), and the random-proposer mechanism against its definition
 * (recognition frequencies, the geometric law of breakdown).
 */
import { describe, expect, it } from 'vitest';
import { equilibriumSuite } from '../src/check/equilibrium-cases.ts';
import { continuumSuite } from '../src/check/continuum-cases.ts';
import { createRunContext, simulateRun } from '../src/simulation/batch.ts';
import { Status } from '../src/negotiation/run-result.ts';
import type { NegotiationTable } from '../src/negotiation/negotiation-table.ts';
import type { Negotiator } from '../src/negotiation/negotiator.ts';
import { compiledFrom } from './helpers/build-scenario.ts';

describe(equilibriumSuite.title, () => {
  // The cases are computed once (each plays one negotiation with up to 316,251 packages).
  const cases = equilibriumSuite.cases();
  for (const c of cases) {
    it(`${c.name} [${c.source}]: within ${c.tolerance.toExponential(1)}`, () => {
      expect(c.skipped, c.skipped).toBeUndefined();
      expect(c.note, c.note).toBeUndefined();
      expect(Math.abs(c.actual - c.expected)).toBeLessThanOrEqual(c.tolerance);
    });
  }
  it('covers every family the brief names, at several parameter values', () => {
    for (const family of [
      'Rubinstein',
      'deadline',
      'BRW p=',
      'BRW → Nash',
      'Baron–Ferejohn n=3',
      'Baron–Ferejohn n=5',
      'Baron–Ferejohn majority n=3',
      'Baron–Ferejohn majority n=5',
      'Baron–Ferejohn majority n=7',
      'weighted vote (weights',
      'weighted vote (two of three',
      'recognition',
    ]) {
      expect(cases.filter((c) => c.name.startsWith(family)).length, family).toBeGreaterThanOrEqual(2);
    }
  });
});

describe(continuumSuite.title, () => {
  const cases = continuumSuite.cases();
  for (const c of cases) {
    it(`${c.name} [${c.source}]: within ${c.tolerance.toExponential(1)}`, () => {
      expect(c.note, c.note).toBeUndefined();
      expect(Math.abs(c.actual - c.expected)).toBeLessThanOrEqual(c.tolerance);
    });
  }
  it('covers Rubinstein at δ1, δ2 ∈ {0.9, 0.99, 0.999}, both deadlines and both proposers, BRW at p ∈ {0.01, 0.02, 0.1}', () => {
    for (const d1 of [0.9, 0.99, 0.999]) for (const d2 of [0.9, 0.99, 0.999]) expect(cases.some((c) => c.name.includes(`δ1=${d1} δ2=${d2}`))).toBe(true);
    for (const T of [200, 201]) for (const who of ['A', 'B']) expect(cases.some((c) => c.name.includes(`deadline ${T}, ${who} first`))).toBe(true);
    for (const p of [0.01, 0.02, 0.1])
      for (const who of ['A', 'B']) expect(cases.some((c) => c.name.includes(`p=${p}`) && c.name.includes(`${who} first`))).toBe(true);
  });
});

/** A seat that never agrees: it passes and rejects, noting who was asked to propose in which round. */
class Recorder implements Negotiator {
  constructor(
    readonly actor: number,
    private readonly proposals: number[][],
  ) {}
  begin(_table: NegotiationTable): void {}
  propose(round: number): number {
    this.proposals[round][this.actor]++;
    return -1;
  }
  respond(): boolean {
    return false;
  }
}

function randomProposerScenario(options: { recognition: 'capability' | 'equal'; proposers?: string[]; rounds: number; breakdownRisk: number }) {
  const actor = (label: string, capability: number) => ({
    label,
    capability,
    reservation: 0.5,
    patience: 0.9,
    salience: { share: 1 },
    preferences: { share: { ideal: label === 'A' ? 1 : 0 } },
  });
  return compiledFrom({
    name: 'recognition',
    title: 'Recognition',
    negotiation: {
      protocol: 'random-proposer',
      recognition: options.recognition,
      rounds: options.rounds,
      breakdownRisk: options.breakdownRisk,
      proposers: options.proposers,
    },
    vetoPlayers: ['a', 'b'],
    issues: { share: { label: 'Share', kind: 'continuous', range: [0, 1], levels: 3 } },
    actors: { a: actor('A', 1), b: actor('B', 2), c: actor('C', 5) },
  });
}

/** Counts [round][actor] how often each actor was recognized, over `runs` runs of never-agreeing seats. */
function recognitionCounts(compiled: ReturnType<typeof compiledFrom>, runs: number) {
  const proposals = Array.from({ length: compiled.maxRounds }, () => new Array<number>(compiled.actors.length).fill(0));
  const ctx = createRunContext(compiled);
  ctx.seatPool = compiled.actors.map((_, a) => [new Recorder(a, proposals)]);
  const outcomes = [0, 0, 0, 0, 0];
  for (let run = 0; run < runs; run++) outcomes[simulateRun(ctx, 'recognition', run).status]++;
  return { proposals, outcomes };
}

describe('random-proposer mechanism (Baron & Ferejohn 1989): recognition and breakdown', () => {
  const within = (count: number, n: number, p: number) => {
    // Four standard errors of a binomial share: fails by chance about once in 16,000 checks.
    expect(Math.abs(count / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  };

  it('recognizes each proposer with probability proportional to its capability, in every round', () => {
    const runs = 4000;
    const { proposals } = recognitionCounts(randomProposerScenario({ recognition: 'capability', rounds: 5, breakdownRisk: 0 }), runs);
    for (const round of proposals) {
      [1, 2, 5].forEach((capability, a) => within(round[a], runs, capability / 8));
    }
  });

  it('recognizes each entry of the proposer list equally under equal recognition (an actor listed twice twice as often)', () => {
    const runs = 4000;
    const { proposals } = recognitionCounts(randomProposerScenario({ recognition: 'equal', proposers: ['a', 'c', 'c'], rounds: 4, breakdownRisk: 0 }), runs);
    for (const round of proposals) {
      expect(round[1]).toBe(0);
      within(round[0], runs, 1 / 3);
      within(round[2], runs, 2 / 3);
    }
  });

  it('after each rejected round but the last, talks collapse with probability q: P(breakdown) = 1 − (1 − q)^(T − 1)', () => {
    const runs = 20_000;
    const q = 0.05;
    const T = 12;
    const { outcomes } = recognitionCounts(randomProposerScenario({ recognition: 'capability', rounds: T, breakdownRisk: q }), runs);
    expect(outcomes[Status.Deal]).toBe(0);
    within(outcomes[Status.Breakdown], runs, 1 - (1 - q) ** (T - 1));
  });
});

describe('the equilibrium negotiator as a responder', () => {
  it('never accepts less than its reservation utility, and accepts its continuation value (a one-round game: its reservation)', () => {
    // One round: whoever proposes offers the other exactly its reservation utility (on the grid),
    // which the other accepts; a deal in round 1 leaving the responder at or above war.
    for (const [rA, rB] of [
      [0.3, 0.5],
      [0.1, 0.1],
      [0.45, 0.45],
    ]) {
      const compiled = compiledFrom({
        name: 'ultimatum',
        title: 'Ultimatum',
        negotiation: { rounds: 1, breakdownRisk: 0 },
        vetoPlayers: ['a', 'b'],
        issues: { share: { label: 'Share to A', kind: 'continuous', range: [0, 1], levels: 101 } },
        actors: {
          a: {
            label: 'A',
            capability: 1,
            reservation: rA,
            patience: 0.9,
            strategy: 'equilibrium',
            salience: { share: 1 },
            preferences: { share: { ideal: 1 } },
          },
          b: {
            label: 'B',
            capability: 1,
            reservation: rB,
            patience: 0.9,
            strategy: 'equilibrium',
            salience: { share: 1 },
            preferences: { share: { ideal: 0 } },
          },
        },
      });
      const result = simulateRun(createRunContext(compiled), 'ultimatum', 0);
      expect(result.status).toBe(Status.Deal);
      expect(result.round).toBe(1);
      // A proposes: B gets exactly rB (it lies on the grid), A keeps 1 − rB.
      expect(result.utilities[1]).toBeCloseTo(rB, 12);
      expect(result.utilities[0]).toBeCloseTo(1 - rB, 12);
    }
  });
});
