/**
 * The zone of agreement of one run (the bargaining range of Fearon 1995, "Rationalist
 * explanations for war", generalised to packages and consent): the feasible packages that every
 * actor whose consent the package needs values at least at its reservation utility, the value of
 * no deal. Whether it is empty is decided by the run's draws alone — the evidence and
 * assumptions about preferences — before anyone bargains; whether talks find a package in it is
 * the process's part.
 *
 *   width = max over packages p of min over the actors j whose consent p needs of (u_j(p) − r_j)
 *
 * the best worst-off gain over reservation: ≥ 0 exactly when a zone exists, and its size when it
 * does. When it is negative, −width is the smallest amount by which every actor still short would
 * have to lower its reservation utility at once to open a zone, at the package closest to
 * agreement (the one attaining the maximum; lowest id on ties). Who blocks: the actors short
 * there; and for each actor alone, the smallest concession (r_a − u_a(p), over packages every
 * other needed actor accepts) that would open a zone by itself (+∞ if no such package exists).
 *
 * Under a vote (decision-rule.ts) a package is in the zone if a winning coalition that includes
 * every actor whose consent it needs prefers it to no deal; its width is then the least gain in
 * the best such coalition: min(least gain of the needed actors, the gain of the coalition's
 * worst-off voter, voters taken from the most satisfied down). An actor alone opens a zone at a
 * package where it is the only needed actor short and the voters at or above war, with it, win.
 *
 * Computed from the true utilities (not beliefs), over the feasible packages, after the run's
 * utility table is built.
 */
import type { CompiledScenario, PackageId } from './compiled-scenario.ts';
import type { NegotiationTable } from './negotiation-table.ts';
import { UTILITY_EPSILON } from './negotiator.ts';
import { coalitionGain } from './decision-rule.ts';

export interface ZoneOfAgreement {
  exists: boolean;
  width: number;
  /** The best worst-off package, or with no zone the package closest to agreement. */
  package: PackageId;
  /** With no zone: consent bits (over compiled.consenters) of the actors short at `package`; else 0. */
  shortMask: number;
  /** [a] with no zone: the smallest concession by a alone that opens a zone (+∞ if none); else NaN. */
  soleConcession: Float64Array;
  /** [p] scratch: the least gain over reservation among the actors p needs (and, under a vote, its best coalition). */
  leastGain: Float64Array;
  /** Scratch for a vote: [a] one package's gains, [v] the voters in order of gain. */
  gain: Float64Array;
  order: Int32Array;
}

export function allocateZone(compiled: CompiledScenario): ZoneOfAgreement {
  return {
    exists: false,
    width: 0,
    package: -1,
    shortMask: 0,
    soleConcession: new Float64Array(compiled.actors.length).fill(Number.NaN),
    leastGain: new Float64Array(compiled.packageCount),
    gain: new Float64Array(compiled.actors.length),
    order: new Int32Array(compiled.decisionRule.voters.length),
  };
}

export function findZone(table: NegotiationTable, out: ZoneOfAgreement): ZoneOfAgreement {
  const { compiled, instance } = table;
  const { consentMask, consenters } = compiled;
  const { utility, reservation } = instance;
  const P = instance.packageCount;
  const least = out.leastGain;
  least.fill(Infinity);
  for (let k = 0; k < consenters.length; k++) {
    const a = consenters[k];
    const bit = 1 << k;
    const r = reservation[a];
    const row = a * P;
    for (let p = 0; p < P; p++) {
      if ((consentMask[p] & bit) === 0) continue;
      const gain = utility[row + p] - r;
      if (gain < least[p]) least[p] = gain;
    }
  }
  if (compiled.decisionRule.voters.length > 0) for (let p = 0; p < P; p++) least[p] = Math.min(least[p], votersGain(table, out, p, -1));
  return closeZone(table, out);
}

/**
 * The zone from its per-package least gain over reservation (out.leastGain, filled by findZone or
 * gains-and-zone.ts): the width, the closest package, who is short there, and each actor's sole
 * concession when there is no zone.
 */
export function closeZone(table: NegotiationTable, out: ZoneOfAgreement): ZoneOfAgreement {
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
  if (out.exists) return out;

  for (let k = 0; k < consenters.length; k++) {
    const a = consenters[k];
    if ((consentMask[best] & (1 << k)) !== 0 && utility[a * P + best] < reservation[a] - UTILITY_EPSILON) out.shortMask |= 1 << k;
  }
  for (let k = 0; k < consenters.length; k++) out.soleConcession[consenters[k]] = Infinity;
  // Packages only one needed actor is short of: that actor alone could open a zone there.
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
    if (shortActor < 0 || shortBy >= out.soleConcession[shortActor]) continue;
    if (compiled.decisionRule.voters.length > 0 && votersGain(table, out, p, shortActor) < -UTILITY_EPSILON) continue;
    out.soleConcession[shortActor] = shortBy;
  }
  return out;
}

/** The gain of the worst-off voter in package p's best winning coalition (decision-rule.ts), `conceding` (≥ 0: an actor) counted as accepting. */
function votersGain(table: NegotiationTable, zone: ZoneOfAgreement, p: PackageId, conceding: number): number {
  const { instance } = table;
  const { utility, reservation } = instance;
  const P = instance.packageCount;
  const { gain } = zone;
  for (let a = 0; a < instance.actorCount; a++) gain[a] = utility[a * P + p] - reservation[a];
  if (conceding >= 0) gain[conceding] = Math.max(0, gain[conceding]);
  return coalitionGain(table.compiled.decisionRule, gain, zone.order);
}
