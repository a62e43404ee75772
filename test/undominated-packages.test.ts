/**
 * Runs played on their undominated packages (undominated-packages.ts: the Pareto staircase with two
 * parties, the pairwise test of pairwise-dominance.ts with more) must end exactly as runs on every
 * package: same status, round, package, utilities (bit for bit) and zone of agreement, run by run,
 * on random scenarios — including exact ties between packages (options of equal value, issues of
 * zero weight) and runs without a zone.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { createRunContext, simulateRun, type RunContext } from '../src/simulation/batch.ts';
import { compiledFrom } from './helpers/build-scenario.ts';

type Rng = () => number;

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)];
}

/**
 * A random scenario of `parties` parties (two unless said); `ties` makes some options equal in
 * value and some weights zero. With more than two parties some are not veto players.
 */
function randomScenario(seed: string, ties: boolean, parties = 2): unknown {
  const rng = seedrandom.alea(seed);
  const issueCount = (ties ? 3 : 2) + Math.floor(rng() * 3);
  const issues: Record<string, unknown> = {};
  const optionCounts: number[] = [];
  for (let i = 0; i < issueCount; i++) {
    const n = 2 + Math.floor(rng() * 5);
    optionCounts.push(n);
    issues[`issue-${i}`] = {
      label: `issue ${i}`,
      kind: pick(rng, ['ordinal', 'categorical']),
      options: Object.fromEntries(Array.from({ length: n }, (_, o) => [`o${o}`, { label: `o${o}` }])),
    };
  }
  const value = (): unknown => {
    if (ties && rng() < 0.3) return 0.5;
    const v = rng();
    return rng() < 0.5 ? v : { dist: 'uniform', min: v * 0.8, max: Math.min(1, v * 0.8 + 0.2) };
  };
  const actor = (k: number) => ({
    label: `party ${k}`,
    capability: 1,
    strategy: pick(rng, ['time-based', 'time-based', 'hardliner']),
    reservation: { dist: 'uniform', min: 0.1 + 0.5 * rng(), max: 0.7 + 0.25 * rng() },
    patience: { dist: 'uniform', min: 0.85, max: 1 },
    concession: { dist: 'uniform', min: 0.3, max: 5 },
    // Weights with mean 1/n (n the issues that count), rescaled to sum to 1 in each run; with ties party a ignores issue 0.
    salience: Object.fromEntries(
      Array.from({ length: issueCount }, (_, i) => {
        const zero = ties && k === 0;
        return [`issue-${i}`, zero && i === 0 ? 0 : { dist: 'uniform', min: 0, max: 2 / (zero ? issueCount - 1 : issueCount) }];
      }),
    ),
    preferences: Object.fromEntries(
      Array.from({ length: issueCount }, (_, i) => [`issue-${i}`, Object.fromEntries(Array.from({ length: optionCounts[i] }, (_, o) => [`o${o}`, value()]))]),
    ),
  });
  const openEnded = rng() < 0.5;
  const ids = Array.from({ length: parties }, (_, k) => String.fromCharCode(97 + k));
  const actors = Object.fromEntries(ids.map((id, k) => [id, actor(k)]));
  return {
    name: 'random-scenario',
    title: 'random scenario',
    negotiation: { rounds: openEnded ? 'none' : 10 + Math.floor(rng() * 100), breakdownRisk: { dist: 'uniform', min: 0, max: 0.05 }, maxRounds: 300 },
    vetoPlayers: parties === 2 ? ids : ids.filter((_, k) => k < 2 || rng() < 0.7),
    issues,
    actors,
  };
}

/** A run's outcome and zone of agreement, as compared between the two contexts. */
function outcomeOf(ctx: RunContext, run: number) {
  const result = simulateRun(ctx, 'same', run);
  return {
    status: result.status,
    round: result.round,
    packageId: result.packageId,
    utilities: Array.from(result.utilities),
    zone: { ...ctx.zone, soleConcession: Array.from(ctx.zone.soleConcession), leastGain: null },
  };
}

/** Plays `runs` runs of each scenario with and without the reduction, requiring the same outcome run by run; returns what they kept. */
function compareScenarios(scenarios: unknown[], runs: number): { runs: number; keptShare: number; noZone: number } {
  let played = 0;
  let kept = 0;
  let packages = 0;
  let noZone = 0;
  for (const raw of scenarios) {
    const compiled = compiledFrom(raw);
    const every = createRunContext(compiled);
    const undominated = createRunContext(compiled, { undominatedOnly: true });
    expect(every.undominated).toBeNull();
    expect(undominated.undominated).not.toBeNull();
    for (let run = 0; run < runs; run++) {
      const expected = outcomeOf(every, run);
      expect(outcomeOf(undominated, run), `run ${run}`).toStrictEqual(expected);
      played++;
      kept += undominated.undominated!.count;
      packages += compiled.packageCount;
      if (!every.zone.exists) noZone++;
    }
  }
  return { runs: played, keptShare: kept / packages, noZone };
}

describe('runs on their undominated packages', () => {
  it('end exactly as runs on every package, run by run, on random two-party scenarios', () => {
    const scenarios = Array.from({ length: 24 }, (_, s) => randomScenario(`scenario-${s}`, s % 3 === 0));
    const { runs, keptShare, noZone } = compareScenarios(scenarios, 60);
    expect(runs).toBe(24 * 60);
    // The filter does cut the outcome space, and the runs cover both zone cases.
    expect(keptShare).toBeLessThan(0.6);
    expect(noZone).toBeGreaterThan(50);
    expect(noZone).toBeLessThan(runs - 50);
  });

  it('end exactly as runs on every package, run by run, on random scenarios of three to five parties', () => {
    const scenarios = Array.from({ length: 18 }, (_, s) => randomScenario(`parties-${s}`, s % 3 === 0, 3 + (s % 3)));
    const { runs, keptShare, noZone } = compareScenarios(scenarios, 40);
    expect(runs).toBe(18 * 40);
    expect(keptShare).toBeLessThan(0.5);
    expect(noZone).toBeGreaterThan(30);
    expect(noZone).toBeLessThan(runs - 30);
  });

  it('apply only where the outcome cannot depend on a dominated package', () => {
    const base = randomScenario('structure', false) as { actors: Record<string, Record<string, unknown>>; negotiation: Record<string, unknown> };
    const applies = (raw: unknown) => createRunContext(compiledFrom(raw), { undominatedOnly: true }).undominated !== null;
    expect(applies(base)).toBe(true);
    const three = randomScenario('structure-3', false, 3) as { infeasible?: unknown };
    expect(applies(three)).toBe(true);
    expect(applies({ ...three, infeasible: [{ when: { 'issue-0': 'o0', 'issue-1': 'o1' } }] })).toBe(false);
    // Private information: proposers aim by believed gains; equilibrium seats solve over every package; other mechanisms.
    expect(applies({ ...base, negotiation: { ...base.negotiation, beliefNoise: 0.05 } })).toBe(false);
    expect(applies({ ...base, actors: { ...base.actors, a: { ...base.actors.a, strategy: 'equilibrium' } } })).toBe(false);
    expect(applies({ ...base, negotiation: { ...base.negotiation, protocol: 'nash' } })).toBe(false);
    // Interactions and infeasible combinations break the argument.
    expect(applies({ ...base, infeasible: [{ when: { 'issue-0': 'o0', 'issue-1': 'o1' } }] })).toBe(false);
    expect(applies({ ...base, interactions: [{ when: { 'issue-0': 'o0', 'issue-1': 'o1' }, effect: { a: 0.1 } }] })).toBe(false);
  });
});
