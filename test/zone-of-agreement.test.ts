/**
 * The zone of agreement (negotiation/zone-of-agreement.ts) against a brute-force reading of its
 * definition, over random scenarios with guarantors, interactions and infeasible combinations:
 *
 * - width = max over feasible packages of min over the actors whose consent the package needs of
 *   (u − r), recomputed here package by package from the utility table and the consent rules
 *   written in the model (not the compiled masks);
 * - with no zone: who is short at the package closest to agreement, and each actor's smallest
 *   concession that opens a zone alone (packages where it is the only one short);
 * - a deal happens only inside a zone (nobody accepts less than its reservation), so the batch's
 *   deals all fall among the runs with a zone, and P(deal | zone) = deals / runs with a zone.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { createRunContext, simulateRun } from '../src/simulation/batch.ts';
import { simulateInProcess } from '../src/simulation/in-process.ts';
import { summarize } from '../src/simulation/summarize.ts';
import { Status } from '../src/negotiation/run-result.ts';
import { describePackage } from '../src/negotiation/compile.ts';
import { compiledFrom, randomTastes, scenarioFrom } from './helpers/build-scenario.ts';

/** Four actors, three issues; c guarantees x2, d guarantees y1; a and b veto every deal. */
function randomScenario(rng: () => number) {
  const ids = ['a', 'b', 'c', 'd'];
  return {
    name: 'zones',
    title: 'Zones',
    negotiation: { rounds: 12, breakdownRisk: 0.05 },
    vetoPlayers: ['a', 'b'],
    issues: {
      x: { label: 'x', kind: 'categorical', options: { x0: { label: 'x0' }, x1: { label: 'x1' }, x2: { label: 'x2', consent: ['c'] } } },
      y: { label: 'y', kind: 'ordinal', options: { y0: { label: 'y0' }, y1: { label: 'y1', consent: ['d'] }, y2: { label: 'y2' } } },
      z: { label: 'z', kind: 'continuous', range: [0, 10], levels: 6 },
    },
    actors: Object.fromEntries(
      ids.map((id) => {
        const tastes = randomTastes(rng, 3);
        return [id, { label: id, capability: 1, reservation: { dist: 'uniform', min: 0.2, max: 0.75 }, patience: 0.9, concession: 'linear', ...tastes }];
      }),
    ),
    interactions: [{ when: { x: 'x1', y: 'y2' }, effect: { a: { dist: 'uniform', min: -0.2, max: 0.2 } } }],
    infeasible: [{ when: { x: 'x0', y: 'y0' } }],
  };
}

describe('the zone of agreement', () => {
  it('matches its definition, package by package, over random scenarios', () => {
    const rng = seedrandom.alea('zones');
    let withZone = 0;
    let without = 0;
    for (let k = 0; k < 30; k++) {
      const raw = randomScenario(rng);
      const scenario = scenarioFrom(raw);
      const compiled = compiledFrom(raw);
      const ctx = createRunContext(compiled);
      const A = compiled.actors.length;
      const P = compiled.packageCount;
      for (let run = 0; run < 20; run++) {
        simulateRun(ctx, `zone-${k}`, run);
        const { utility, reservation } = ctx.instance;
        // Who must consent to p, read from the scenario itself: the veto players and the guarantors of its options.
        const needs = (p: number): number[] => {
          const terms = describePackage(compiled, p).terms;
          const ids = new Set(scenario.vetoPlayers);
          for (const [issue, option] of Object.entries(terms)) {
            const spec = scenario.issues[issue];
            if (spec.kind !== 'continuous') for (const id of spec.options[option].consent ?? []) ids.add(id);
          }
          return compiled.actors.flatMap((a, i) => (ids.has(a.id) ? [i] : []));
        };
        let width = -Infinity;
        let closest = -1;
        const least: number[] = [];
        for (let p = 0; p < P; p++) {
          least[p] = Math.min(...needs(p).map((a) => utility[a * P + p] - reservation[a]));
          if (least[p] > width) {
            width = least[p];
            closest = p;
          }
        }
        const { zone } = ctx;
        expect(zone.width).toBeCloseTo(width, 12);
        expect(zone.exists).toBe(width >= -1e-12);
        if (zone.exists) {
          withZone++;
          continue;
        }
        without++;
        expect(zone.package).toBe(closest);
        const short = needs(closest).filter((a) => utility[a * P + closest] < reservation[a] - 1e-12);
        const flagged = Array.from(compiled.consenters).filter((_, bit) => (zone.shortMask & (1 << bit)) !== 0);
        expect(flagged.sort()).toEqual(short.sort());
        for (let a = 0; a < A; a++) {
          let alone = Infinity;
          for (let p = 0; p < P; p++) {
            const gaps = needs(p).filter((j) => utility[j * P + p] < reservation[j] - 1e-12);
            if (gaps.length === 1 && gaps[0] === a) alone = Math.min(alone, reservation[a] - utility[a * P + p]);
          }
          if (compiled.consenters.includes(a)) expect(zone.soleConcession[a]).toBeCloseTo(alone, 12);
        }
      }
    }
    // Both cases were exercised.
    expect(withZone).toBeGreaterThan(50);
    expect(without).toBeGreaterThan(50);
  });

  it('holds every deal: deals happen only in runs with a zone, and P(deal | zone) is deals over runs with a zone', () => {
    const rng = seedrandom.alea('zone-deals');
    for (let k = 0; k < 5; k++) {
      const compiled = compiledFrom(randomScenario(rng));
      const runs = 2000;
      const agg = simulateInProcess(compiled, { seed: `deals-${k}`, runs });
      const summary = summarize(compiled, agg, `deals-${k}`);
      expect(agg.zoneOutcomes[Status.Deal]).toBe(agg.outcomes[Status.Deal]);
      const zoneRuns = agg.zoneOutcomes.reduce((a, b) => a + b, 0);
      expect(summary.zone.exists.count).toBe(zoneRuns);
      expect(summary.zone.dealGivenZone.share).toBeCloseTo(agg.outcomes[Status.Deal] / zoneRuns, 12);
      // The zone-width histogram holds every run, and no deal lies left of zero.
      expect(summary.zone.histogram.reduce((n, b) => n + b.runs, 0)).toBe(runs);
      for (const bin of summary.zone.histogram) if (bin.to <= 0) expect(bin.deals).toBe(0);
    }
  });
});
