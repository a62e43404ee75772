/**
 * An observer's view of how much each package gives the others, from its beliefs (beliefs.ts):
 * for package p, the least normalized gain among the other actors whose consent p needs,
 *
 *   ĝ_j(p) = (u_j(p) − r̂_j) / (best_j − r̂_j),
 *
 * with r̂_j what the observer believes j's reservation utility is. Under complete information this
 * is the negotiation table's "others' least gain" (negotiation-table.ts); with private
 * information a proposer that looks for the package best for the others aims by its beliefs, and
 * can misjudge what they accept (Fearon 1995).
 */
import type { ActorIndex } from './compiled-scenario.ts';
import { MIN_GAIN_SCALE, type NegotiationTable } from './negotiation-table.ts';
import { coalitionGain } from './decision-rule.ts';

/** Scratch for a vote: [a] one package's believed gains, [v] the voters in order. */
export interface VoteScratch {
  gain: Float64Array;
  order: Int32Array;
}

/** Fills out[p] (length P) with the observer's believed least gain of the others; +∞ when p needs no one else. */
export function believedOthersLeastGain(table: NegotiationTable, observer: ActorIndex, out: Float64Array, vote?: VoteScratch): Float64Array {
  const { compiled, instance, believedReservation } = table;
  const { consentMask, consenters } = compiled;
  const P = instance.packageCount;
  const A = instance.actorCount;
  out.fill(Infinity);
  for (let k = 0; k < consenters.length; k++) {
    const j = consenters[k];
    if (j === observer) continue;
    const bit = 1 << k;
    const reservation = believedReservation[observer * A + j];
    const inverseScale = 1 / Math.max(instance.best[j] - reservation, MIN_GAIN_SCALE);
    const row = j * P;
    for (let p = 0; p < P; p++) {
      if ((consentMask[p] & bit) === 0) continue;
      const gain = (instance.utility[row + p] - reservation) * inverseScale;
      if (gain < out[p]) out[p] = gain;
    }
  }
  const rule = compiled.decisionRule;
  if (rule.voters.length === 0) return out;
  const scratch = vote ?? { gain: new Float64Array(A), order: new Int32Array(rule.voters.length) };
  const { gain } = scratch;
  for (let p = 0; p < P; p++) {
    for (let j = 0; j < A; j++) {
      const reservation = believedReservation[observer * A + j];
      gain[j] = (instance.utility[j * P + p] - reservation) / Math.max(instance.best[j] - reservation, MIN_GAIN_SCALE);
    }
    // The observer accepts its own offer: it joins first and its own gain does not count.
    gain[observer] = Infinity;
    const coalition = coalitionGain(rule, gain, scratch.order);
    if (coalition < out[p]) out[p] = coalition;
  }
  return out;
}
