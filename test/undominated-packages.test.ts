/**
 * Two-party runs played on their undominated packages (undominated-packages.ts) must end exactly
 * as runs on every package: same status, round, package, utilities (bit for bit) and zone of
 * agreement, run by run, on random scenarios — including exact ties between packages (options
 * of equal value, issues of zero weight) and runs without a zone.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { createRunContext, simulateRun } from '../src/simulation/batch.ts';
import { compiledFrom } from './helpers/build-scenario.ts';

type Rng = () => number;

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)];
}

/** A random two-party scenario; `ties` makes some options equal in value and some weights zero. */
function randomTwoParty(seed: string, ties: boolean): unknown {
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
  return {
    name: 'random-two-party',
    title: 'random two-party',
    negotiation: { rounds: openEnded ? 'none' : 10 + Math.floor(rng() * 100), breakdownRisk: { dist: 'uniform', min: 0, max: 0.05 }, maxRounds: 300 },
    vetoPlayers: ['a', 'b'],
    issues,
    actors: { a: actor(0), b: actor(1) },
  };
}

describe('two-party runs on their undominated packages', () => {
  it('end exactly as runs on every package, run by run, on random scenarios', () => {
    let runs = 0;
    let kept = 0;
    let packages = 0;
    let noZone = 0;
    for (let s = 0; s < 24; s++) {
      const compiled = compiledFrom(randomTwoParty(`scenario-${s}`, s % 3 === 0));
      const every = createRunContext(compiled);
      const undominated = createRunContext(compiled, { undominatedOnly: true });
      expect(every.undominated).toBeNull();
      expect(undominated.undominated).not.toBeNull();
      for (let run = 0; run < 60; run++) {
        const a = simulateRun(every, 'same', run);
        const expected = {
          status: a.status,
          round: a.round,
          packageId: a.packageId,
          utilities: Array.from(a.utilities),
          zone: { ...every.zone, soleConcession: Array.from(every.zone.soleConcession), leastGain: null },
        };
        const b = simulateRun(undominated, 'same', run);
        const got = {
          status: b.status,
          round: b.round,
          packageId: b.packageId,
          utilities: Array.from(b.utilities),
          zone: { ...undominated.zone, soleConcession: Array.from(undominated.zone.soleConcession), leastGain: null },
        };
        expect(got).toStrictEqual(expected);
        runs++;
        kept += undominated.undominated!.count;
        packages += compiled.packageCount;
        if (!every.zone.exists) noZone++;
      }
    }
    expect(runs).toBe(24 * 60);
    // The filter does cut the outcome space, and the runs cover both zone cases.
    expect(kept / packages).toBeLessThan(0.6);
    expect(noZone).toBeGreaterThan(50);
    expect(noZone).toBeLessThan(runs - 50);
  });

  it('apply only where the outcome cannot depend on a dominated package', () => {
    const base = randomTwoParty('structure', false) as { actors: Record<string, Record<string, unknown>>; negotiation: Record<string, unknown> };
    const applies = (raw: unknown) => createRunContext(compiledFrom(raw), { undominatedOnly: true }).undominated !== null;
    expect(applies(base)).toBe(true);
    // Private information: proposers aim by believed gains; equilibrium seats solve over every package; other mechanisms.
    expect(applies({ ...base, negotiation: { ...base.negotiation, beliefNoise: 0.05 } })).toBe(false);
    expect(applies({ ...base, actors: { ...base.actors, a: { ...base.actors.a, strategy: 'equilibrium' } } })).toBe(false);
    expect(applies({ ...base, negotiation: { ...base.negotiation, protocol: 'nash' } })).toBe(false);
    // Interactions and infeasible combinations break the argument.
    expect(applies({ ...base, infeasible: [{ when: { 'issue-0': 'o0', 'issue-1': 'o1' } }] })).toBe(false);
    expect(applies({ ...base, interactions: [{ when: { 'issue-0': 'o0', 'issue-1': 'o1' }, effect: { a: 0.1 } }] })).toBe(false);
  });
});
