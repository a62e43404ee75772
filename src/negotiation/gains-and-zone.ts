/**
 * The negotiation table's gain tables (negotiation-table.ts) and the run's zone of agreement
 * (zone-of-agreement.ts) in one pass over the utilities: both start from u_j(p) − r_j for every
 * package p and every actor j whose consent p needs — the table scales it to a normalized gain and
 * keeps the two smallest, the zone keeps the smallest as it is. One pass reads each utility once.
 *
 * The results are exactly refreshTable's and findZone's (the same floats from the same
 * operations); the zone's closing steps are findZone's, from its per-package least gain. Under a
 * vote (decision-rule.ts) the zone also weighs winning coalitions, so the two are computed apart.
 */
import { MIN_GAIN_SCALE, refreshTable, type NegotiationTable } from './negotiation-table.ts';
import { UTILITY_EPSILON } from './negotiator.ts';
import { findZone, type ZoneOfAgreement } from './zone-of-agreement.ts';

export function refreshTableAndZone(table: NegotiationTable, zone: ZoneOfAgreement): void {
  const { compiled, instance, leastGain, leastGainActor, secondLeastGain } = table;
  if (compiled.decisionRule.voters.length > 0) {
    refreshTable(table);
    findZone(table, zone);
    return;
  }
  const P = instance.packageCount;
  const { consentMask, consenters } = compiled;
  const { utility, reservation } = instance;
  const least = zone.leastGain;
  leastGain.fill(Infinity, 0, P);
  secondLeastGain.fill(Infinity, 0, P);
  leastGainActor.fill(-1, 0, P);
  least.fill(Infinity, 0, P);
  for (let k = 0; k < consenters.length; k++) {
    const a = consenters[k];
    const bit = 1 << k;
    const r = reservation[a];
    const inverseScale = 1 / Math.max(instance.best[a] - r, MIN_GAIN_SCALE);
    const row = a * P;
    for (let p = 0; p < P; p++) {
      if ((consentMask[p] & bit) === 0) continue;
      const over = utility[row + p] - r;
      if (over < least[p]) least[p] = over;
      const gain = over * inverseScale;
      if (gain < leastGain[p]) {
        secondLeastGain[p] = leastGain[p];
        leastGain[p] = gain;
        leastGainActor[p] = a;
      } else if (gain < secondLeastGain[p]) {
        secondLeastGain[p] = gain;
      }
    }
  }
  closeZone(table, zone);
}

/** findZone's steps after the per-package least gain over reservation: the width, the closest package, who is short. */
function closeZone(table: NegotiationTable, out: ZoneOfAgreement): void {
  const { compiled, instance } = table;
  const { consentMask, consenters } = compiled;
  const { utility, reservation } = instance;
  const P = instance.packageCount;
  const least = out.leastGain;
  let best = 0;
  for (let p = 1; p < P; p++) if (least[p] > least[best]) best = p;
  out.width = least[best];
  out.package = best;
  out.exists = out.width >= -UTILITY_EPSILON;
  out.soleConcession.fill(Number.NaN);
  out.shortMask = 0;
  if (out.exists) return;

  for (let k = 0; k < consenters.length; k++) {
    const a = consenters[k];
    if ((consentMask[best] & (1 << k)) !== 0 && utility[a * P + best] < reservation[a] - UTILITY_EPSILON) out.shortMask |= 1 << k;
  }
  for (let k = 0; k < consenters.length; k++) out.soleConcession[consenters[k]] = Infinity;
  for (let p = 0; p < P; p++) {
    let shortActor = -1;
    let shortBy = 0;
    let m = consentMask[p] | 0;
    while (m !== 0) {
      const low = m & -m;
      const a = consenters[31 - Math.clz32(low)];
      const gap = reservation[a] - utility[a * P + p];
      m ^= low;
      if (gap <= UTILITY_EPSILON) continue;
      if (shortActor >= 0) {
        shortActor = -2;
        break;
      }
      shortActor = a;
      shortBy = gap;
    }
    if (shortActor >= 0 && shortBy < out.soleConcession[shortActor]) out.soleConcession[shortActor] = shortBy;
  }
}
