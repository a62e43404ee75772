/**
 * What every negotiator sees in one run (complete information): the outcome space, who must
 * consent to each package, every actor's utilities and reservation utilities, and — for
 * proposers looking for a package the others will accept — each package's least and
 * second-least normalized gain among the actors whose consent it needs:
 *
 *   g_j(p) = (u_j(p) − r_j) / (best_j − r_j)
 *
 * (0 at j's reservation utility, 1 at its best package). With the two smallest kept per
 * package, "the least gain among everyone but me" is one lookup, not a loop over actors.
 *
 * A table may carry an observer (a replay's recorder) that mechanisms tell what a negotiator
 * cannot see; in batches it is null, and telling it costs one check.
 */
import type { ActorIndex, CompiledScenario, PackageId } from './compiled-scenario.ts';
import type { EuModel } from './expected-utility/model.ts';
import type { Instance } from './preferences.ts';

/** Told by mechanisms what no seat's calls show (replay.ts records it). */
export interface TableObserver {
  /** A mediated text (single-text) is about to be put to the consenting actors for signing in `round` (0-based). */
  textOnTable(round: number, text: PackageId): void;
  /** The expected-utility model on issue `issue` after round `round` (0: the starting positions): positions, median, and each actor's move. */
  euRound?(issue: number, round: number, model: EuModel): void;
}

export interface NegotiationTable {
  compiled: CompiledScenario;
  instance: Instance;
  /** [p] least normalized gain among the actors whose consent p needs. */
  leastGain: Float64Array;
  /** [p] the actor with that least gain. */
  leastGainActor: Int32Array;
  /** [p] second-least normalized gain (+∞ when only one actor must consent). */
  secondLeastGain: Float64Array;
  /** [slot] this run's sampled parameter values (what the spatial mechanisms read positions from). */
  sampled: Float64Array;
  /** [observer × A + actor] what each actor believes another's reservation utility is (beliefs.ts);
   * its own entry is the truth. Equal to the truth under complete information. */
  believedReservation: Float64Array;
  /** [observer × A + actor] believed patience, likewise. */
  believedPatience: Float64Array;
  /** [a] the answers to the last offer put to the table: 1 accepted, 0 refused, −1 not asked (mechanisms/agreement.ts). */
  answers: Int8Array;
  /** Null in batches; a replay sets it. */
  observer?: TableObserver | null;
}

export function allocateTable(compiled: CompiledScenario, instance: Instance, sampled: Float64Array): NegotiationTable {
  const P = compiled.packageCount;
  const A = compiled.actors.length;
  return {
    compiled,
    instance,
    leastGain: new Float64Array(P),
    leastGainActor: new Int32Array(P),
    secondLeastGain: new Float64Array(P),
    sampled,
    believedReservation: new Float64Array(A * A),
    believedPatience: new Float64Array(A * A),
    answers: new Int8Array(A).fill(-1),
    observer: null,
  };
}

/** Smallest gain scale: an actor whose best package is no better than war is scaled by this. */
export const MIN_GAIN_SCALE = 1e-9;

/** Refills the per-package gain tables after `instance` has been rebuilt for a run. */
export function refreshTable(table: NegotiationTable): NegotiationTable {
  const { compiled, instance, leastGain, leastGainActor, secondLeastGain } = table;
  const P = instance.packageCount;
  const { consentMask, consenters } = compiled;
  leastGain.fill(Infinity);
  secondLeastGain.fill(Infinity);
  leastGainActor.fill(-1);
  for (let k = 0; k < consenters.length; k++) {
    const a = consenters[k];
    const bit = 1 << k;
    const reservation = instance.reservation[a];
    const inverseScale = 1 / Math.max(instance.best[a] - reservation, MIN_GAIN_SCALE);
    const row = a * P;
    for (let p = 0; p < P; p++) {
      if ((consentMask[p] & bit) === 0) continue;
      const gain = (instance.utility[row + p] - reservation) * inverseScale;
      if (gain < leastGain[p]) {
        secondLeastGain[p] = leastGain[p];
        leastGain[p] = gain;
        leastGainActor[p] = a;
      } else if (gain < secondLeastGain[p]) {
        secondLeastGain[p] = gain;
      }
    }
  }
  return table;
}

/** The least normalized gain of package p among the consenting actors other than `actor`. */
export function othersLeastGain(table: NegotiationTable, p: PackageId, actor: ActorIndex): number {
  return table.leastGainActor[p] === actor ? table.secondLeastGain[p] : table.leastGain[p];
}
