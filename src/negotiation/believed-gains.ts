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

/** Fills out[p] (length P) with the observer's believed least gain of the others; +∞ when p needs no one else. */
export function believedOthersLeastGain(table: NegotiationTable, observer: ActorIndex, out: Float64Array): Float64Array {
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
  return out;
}
