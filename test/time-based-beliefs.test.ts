/**
 * Time-based negotiators under private information: a proposer aims at the package best for the
 * others as it believes them to be (believed-gains.ts). Checked against the rule recomputed here
 * from the run's believed reservation utilities, and against the table under complete information.
 */
import { describe, expect, it } from 'vitest';
import { parseOverrides, readAndPrepare } from '../src/index.ts';
import { believedOthersLeastGain } from '../src/negotiation/believed-gains.ts';
import { othersLeastGain } from '../src/negotiation/negotiation-table.ts';
import { UTILITY_EPSILON } from '../src/negotiation/negotiator.ts';
import { replayRun } from '../src/simulation/replay.ts';

function defaultScenario(sets: string[]) {
  const overrides = parseOverrides(sets);
  if (typeof overrides === 'string') throw new Error(overrides);
  const loaded = readAndPrepare('models/ukraine-2025.yaml', overrides);
  if (!loaded.ok) throw new Error('default scenario invalid');
  return loaded.compiled;
}

describe('time-based proposers with beliefs about the others', () => {
  it('under complete information, the believed gains are the table’s', () => {
    const compiled = defaultScenario([]);
    const { context } = replayRun(compiled, 'beliefs', 3);
    const out = new Float64Array(compiled.packageCount);
    for (let a = 0; a < compiled.actors.length; a++) {
      believedOthersLeastGain(context.table, a, out);
      for (let p = 0; p < compiled.packageCount; p++) expect(out[p]).toBeCloseTo(othersLeastGain(context.table, p, a), 12);
    }
  });

  it('with belief noise, each offer is the best for the others by the proposer’s beliefs', () => {
    const noisy = defaultScenario(['negotiation.beliefNoise=0.1']);
    const plain = defaultScenario([]);
    const A = noisy.actors.length;
    let compared = 0;
    let changed = 0;
    for (let run = 0; run < 30; run++) {
      const { context, rounds } = replayRun(noisy, 'beliefs', run);
      const plainRounds = replayRun(plain, 'beliefs', run).rounds;
      const { instance, table } = context;
      const P = instance.packageCount;
      for (const record of rounds) {
        const a = record.proposer;
        // The rule, recomputed from the believed reservation utilities of this run.
        let chosen = -1;
        let chosenGain = -Infinity;
        let chosenOwn = -Infinity;
        for (let p = 0; p < P; p++) {
          const own = instance.utility[a * P + p];
          if (own < record.aspirations[a] - UTILITY_EPSILON) continue;
          let gain = Infinity;
          noisy.consenters.forEach((j, k) => {
            if (j === a || (noisy.consentMask[p] & (1 << k)) === 0) return;
            const r = table.believedReservation[a * A + j];
            gain = Math.min(gain, (instance.utility[j * P + p] - r) / Math.max(instance.best[j] - r, 1e-9));
          });
          if (chosen < 0 || gain > chosenGain || (gain === chosenGain && own > chosenOwn)) [chosen, chosenGain, chosenOwn] = [p, gain, own];
        }
        expect(record.offer).toBe(chosen);
        // The same run under complete information has the same sampled parameters (beliefs are
        // drawn after them), so the same aspirations: where both reached a round, compare offers.
        const twin = record.round <= plainRounds.length ? plainRounds[record.round - 1] : undefined;
        if (twin !== undefined) {
          compared++;
          if (twin.offer !== record.offer) changed++;
        }
      }
    }
    // Beliefs matter: some offers differ from what the proposer would offer knowing the truth.
    expect(compared).toBeGreaterThan(100);
    expect(changed).toBeGreaterThan(0);
  });
});
