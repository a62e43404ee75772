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
import { closeZone, findZone, type ZoneOfAgreement } from './zone-of-agreement.ts';

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
