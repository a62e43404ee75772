/**
 * Decision rules (negotiation.decisionRule; src/negotiation/decision-rule.ts): the model file's
 * forms and their errors; what the mechanisms count as agreed (a winning coalition of voters that
 * includes every veto player and the guarantors of the package's options); the zone of agreement
 * against a brute force over every coalition; deals under a rule; two rules with the same
 * winning coalitions giving the same runs.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { validateScenario } from '../src/scenario/load.ts';
import { formatPath } from '../src/scenario/problems.ts';
import type { CompiledScenario } from '../src/negotiation/compiled-scenario.ts';
import { agreed } from '../src/negotiation/mechanisms/agreement.ts';
import type { Negotiator } from '../src/negotiation/negotiator.ts';
import type { NegotiationTable } from '../src/negotiation/negotiation-table.ts';
import { Status } from '../src/negotiation/run-result.ts';
import type { Instance } from '../src/negotiation/preferences.ts';
import { createRunContext, simulateRun } from '../src/simulation/batch.ts';
import { compiledFrom, randomTastes } from './helpers/build-scenario.ts';

type Rule = string | Record<string, unknown>;

/** Four actors over the test issues x (categorical, x1 needs c's consent), y, z; veto players as given. */
function scenario(rng: () => number, decisionRule: Rule, vetoPlayers: string[], extra: Record<string, unknown> = {}) {
  const ids = ['a', 'b', 'c', 'd'];
  const actors = Object.fromEntries(
    ids.map((id) => [
      id,
      {
        label: id.toUpperCase(),
        capability: { dist: 'uniform', min: 0.5, max: 2 },
        reservation: { dist: 'uniform', min: 0.1, max: 0.7 },
        patience: { dist: 'uniform', min: 0.7, max: 1 },
        ...randomTastes(rng),
        ...extra,
      },
    ]),
  );
  return {
    name: 'rules',
    title: 'Decision rules',
    negotiation: { rounds: 8, breakdownRisk: 0.05, decisionRule },
    vetoPlayers,
    issues: {
      x: { label: 'X', kind: 'categorical', options: { x0: { label: 'x0' }, x1: { label: 'x1', consent: ['c'] }, x2: { label: 'x2' } } },
      y: { label: 'Y', kind: 'ordinal', options: { y0: { label: 'y0' }, y1: { label: 'y1' } } },
      z: { label: 'Z', kind: 'continuous', range: [0, 10], levels: 6 },
    },
    actors,
  };
}

const RULES: [string, Rule][] = [
  ['majority', 'majority'],
  ['weighted majority', { rule: 'majority', weights: { a: 3, b: 1, c: 1, d: 2 } }],
  ['qualified majority of three voters', { rule: 'qualified-majority', voters: ['b', 'c', 'd'], threshold: 0.6 }],
  ['double majority', { rule: 'qualified-majority', threshold: 0.55, population: { weights: { a: 40, b: 30, c: 20, d: 10 }, threshold: 0.65 } }],
];

function problemsOf(raw: unknown): string[] {
  const result = validateScenario(raw, 'rules');
  return result.ok ? [] : result.problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
}

describe('negotiation.decisionRule in a model file', () => {
  const rng = seedrandom.alea('rules-validation');
  it('accepts unanimity, majority and qualified majority (with weights, voters and a population test), and no veto player under a vote', () => {
    for (const [, rule] of RULES) expect(problemsOf(scenario(rng, rule, ['a']))).toEqual([]);
    expect(problemsOf(scenario(rng, 'unanimity', ['a', 'b']))).toEqual([]);
    expect(problemsOf(scenario(rng, 'majority', []))).toEqual([]);
  });

  it('refuses what cannot be meant, each at its field', () => {
    const cases: [Rule, string[], RegExp][] = [
      ['unanimity', [], /^vetoPlayers: expected at least 1 veto player/],
      ['plurality', ['a'], /^negotiation\.decisionRule: expected unanimity, majority, or \{rule/],
      [{ rule: 'qualified-majority', weights: { a: 1 } }, ['a'], /^negotiation\.decisionRule\.threshold: expected the share/],
      [{ rule: 'majority', threshold: 0.6 }, ['a'], /^negotiation\.decisionRule\.threshold: a simple majority needs more than half/],
      [{ rule: 'unanimity', voters: ['a'] }, ['a'], /^negotiation\.decisionRule\.voters: unanimity takes no voters/],
      [{ rule: 'majority', voters: ['a', 'zz'] }, ['a'], /^negotiation\.decisionRule\.voters\[1\]: unknown actor "zz"/],
      [{ rule: 'majority', voters: ['a', 'b'], weights: { c: 2 } }, ['a'], /^negotiation\.decisionRule\.weights\.c: "c" is not a voter/],
      [{ rule: 'majority', weights: { a: 0, b: 0, c: 0, d: 0 } }, ['a'], /^negotiation\.decisionRule\.weights: expected weights with a positive total/],
      [{ rule: 'qualified-majority', threshold: 1.5 }, ['a'], /^negotiation\.decisionRule/],
    ];
    for (const [rule, veto, message] of cases) {
      const problems = problemsOf(scenario(rng, rule, veto));
      expect(
        problems.some((p) => message.test(p)),
        `${JSON.stringify(rule)}: ${problems.join(' | ')}`,
      ).toBe(true);
    }
  });
});

/** A seat with a fixed answer. */
class Answer implements Negotiator {
  constructor(
    readonly actor: number,
    private readonly accepts: boolean,
  ) {}
  begin(_table: NegotiationTable): void {}
  propose(): number {
    return -1;
  }
  respond(): boolean {
    return this.accepts;
  }
}

describe('what is agreed under a vote (mechanisms/agreement.ts)', () => {
  const rng = seedrandom.alea('agreement');
  const compiled = compiledFrom(scenario(rng, 'majority', ['a']));
  const ctx = createRunContext(compiled);
  simulateRun(ctx, 'agreement', 0);
  const I = compiled.issues.length;
  const withX = (x: number) => Array.from({ length: compiled.packageCount }, (_, p) => p).find((p) => compiled.packageOptions[p * I] === x)!;
  const vote = (answers: boolean[], p: number) =>
    agreed(
      ctx.table,
      answers.map((yes, a) => new Answer(a, yes)),
      0,
      p,
    );

  it('a majority with the veto player passes; without it, or without a majority, nothing does', () => {
    const plain = withX(0);
    expect(vote([true, true, true, false], plain)).toBe(true);
    expect(vote([true, false, true, false], plain)).toBe(false); // 2 of 4: not more than half
    expect(vote([false, true, true, true], plain)).toBe(false); // the veto player refuses
    expect(ctx.table.answers[0]).toBe(0);
    expect(ctx.table.answers[1]).toBe(-1); // asking stopped at the veto
  });

  it("the guarantor of an option keeps its veto over packages with it: c's refusal blocks x1, not x0", () => {
    expect(vote([true, true, false, true], withX(1))).toBe(false);
    expect(vote([true, true, false, true], withX(0))).toBe(true);
    // Every voter's answer is on the table for a learner.
    expect(Array.from(ctx.table.answers)).toEqual([1, 1, 0, 1]);
  });
});

/** The rule by brute force: every subset of voters, its weights and population. */
function bruteWinning(compiled: CompiledScenario, members: Set<number>): boolean {
  const rule = compiled.decisionRule;
  let weight = 0;
  let population = 0;
  let total = 0;
  let populationTotal = 0;
  rule.voters.forEach((a, v) => {
    total += rule.weight[v];
    populationTotal += rule.population?.[v] ?? 0;
    if (!members.has(a)) return;
    weight += rule.weight[v];
    population += rule.population?.[v] ?? 0;
  });
  const share = weight / total;
  const enough = rule.kind === 'majority' ? share > 0.5 + 1e-12 : share >= rule.quota / total - 1e-12;
  return enough && (rule.population === null || population / populationTotal >= rule.populationQuota / populationTotal - 1e-12);
}

/** The zone by brute force: max over packages and winning coalitions holding every needed actor of the coalition's least gain. */
function bruteZoneWidth(compiled: CompiledScenario, instance: Instance): number {
  const P = instance.packageCount;
  const voters = Array.from(compiled.decisionRule.voters);
  let best = -Infinity;
  for (let p = 0; p < P; p++) {
    const needed = compiled.consenters.filter((_, k) => (compiled.consentMask[p] & (1 << k)) !== 0);
    const gain = (a: number) => instance.utility[a * P + p] - instance.reservation[a];
    for (let subset = 0; subset < 1 << voters.length; subset++) {
      const members = new Set(voters.filter((_, v) => (subset & (1 << v)) !== 0));
      if (!bruteWinning(compiled, members)) continue;
      const everyone = new Set([...members, ...needed]);
      const least = Math.min(...[...everyone].map(gain));
      if (least > best) best = least;
    }
  }
  return best;
}

describe('the zone of agreement follows the rule', () => {
  for (const [name, rule] of RULES) {
    it(`${name}: its width is the best coalition's least gain (brute force over every coalition), so it exists iff a winning coalition with the needed actors prefers a package to war`, () => {
      const rng = seedrandom.alea(`zone-${name}`);
      let zones = 0;
      let none = 0;
      for (let k = 0; k < 25; k++) {
        // Fallbacks up to 0.9, so that some runs have no zone.
        const compiled = compiledFrom(scenario(rng, rule, ['a'], { reservation: { dist: 'uniform', min: 0.2, max: 0.9 } }));
        const ctx = createRunContext(compiled);
        for (let run = 0; run < 6; run++) {
          simulateRun(ctx, `zone-${k}`, run);
          const width = bruteZoneWidth(compiled, ctx.instance);
          expect(ctx.zone.width).toBeCloseTo(width, 12);
          expect(ctx.zone.exists).toBe(width >= -1e-12);
          if (ctx.zone.exists) zones++;
          else none++;
        }
      }
      expect(zones).toBeGreaterThan(5);
      expect(none).toBeGreaterThan(5);
    });
  }
});

describe('deals under a rule', () => {
  for (const strategy of ['time-based', 'equilibrium']) {
    for (const protocol of ['alternating-offers', 'random-proposer']) {
      it(`${strategy} seats, ${protocol}: every deal leaves each needed actor and a winning coalition at or above war, and comes only with a zone`, () => {
        const rng = seedrandom.alea(`deals-${strategy}-${protocol}`);
        let deals = 0;
        for (const [, rule] of RULES) {
          for (let k = 0; k < 6; k++) {
            const raw = scenario(rng, rule, ['a'], { strategy });
            const compiled = compiledFrom({ ...raw, negotiation: { ...raw.negotiation, protocol } });
            const ctx = createRunContext(compiled);
            for (let run = 0; run < 10; run++) {
              const result = simulateRun(ctx, `deal-${k}`, run);
              if (result.status !== Status.Deal) continue;
              deals++;
              expect(ctx.zone.exists).toBe(true);
              const P = ctx.instance.packageCount;
              const p = result.packageId;
              const atOrAbove = (a: number) => ctx.instance.utility[a * P + p] >= ctx.instance.reservation[a] - 1e-12;
              compiled.consenters.forEach((a, bit) => {
                if ((compiled.consentMask[p] & (1 << bit)) !== 0) expect(atOrAbove(a)).toBe(true);
              });
              expect(bruteWinning(compiled, new Set(Array.from(compiled.decisionRule.voters).filter(atOrAbove)))).toBe(true);
            }
          }
        }
        expect(deals).toBeGreaterThan(20);
      });
    }
  }

  it('two rules with the same winning coalitions give the same runs: weights 2, 1, 1 at 75%, and two of three holding 65% of 50, 30, 20', () => {
    const three = (decisionRule: Rule) => {
      const rng = seedrandom.alea('same-coalitions');
      const raw = scenario(rng, decisionRule, [], { strategy: 'equilibrium' });
      const actors = raw.actors as Record<string, unknown>;
      delete actors.d;
      return compiledFrom({
        ...raw,
        actors,
        negotiation: { ...raw.negotiation, protocol: 'random-proposer' },
        issues: { ...raw.issues, x: { label: 'X', kind: 'categorical', options: { x0: { label: 'x0' }, x1: { label: 'x1' }, x2: { label: 'x2' } } } },
      });
    };
    const weighted = three({ rule: 'qualified-majority', weights: { a: 2, b: 1, c: 1 }, threshold: 0.75 });
    const population = three({ rule: 'qualified-majority', threshold: 0.6, population: { weights: { a: 50, b: 30, c: 20 }, threshold: 0.65 } });
    const [w, q] = [createRunContext(weighted), createRunContext(population)];
    let deals = 0;
    for (let run = 0; run < 200; run++) {
      const x = simulateRun(w, 'same', run);
      const [status, round, packageId] = [x.status, x.round, x.packageId];
      const y = simulateRun(q, 'same', run);
      expect([y.status, y.round, y.packageId]).toEqual([status, round, packageId]);
      if (status === Status.Deal) deals++;
    }
    expect(deals).toBeGreaterThan(50);
  });
});
