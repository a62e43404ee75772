/**
 * Private information: what each actor believes about the others' reservation utility (the value
 * of war to them) and patience. Fearon (1995) names private information about these, with
 * incentives to misrepresent it, as a rationalist route to war: with wrong beliefs a proposer can
 * offer less than another actor accepts, and talks are delayed or break down.
 *
 * Model: each observer's belief about another actor is the truth plus independent noise of
 * standard deviation σ (`negotiation.beliefNoise`, sampled per run) — normal, or uniform on
 * [−σ√3, σ√3] (`negotiation.beliefShape`); believed patience is kept in [0.01, 0.999]. An actor
 * knows its own values. With σ = 0 the beliefs are the truth and no random number is drawn, so
 * complete-information runs keep their random stream. These are the signals the equilibrium
 * negotiator then learns from (learning-beliefs.ts).
 */
import type { NegotiationTable } from './negotiation-table.ts';
import { standardNormal, type Rng } from '../scenario/sample.ts';

const MIN_BELIEVED_PATIENCE = 0.01;
const MAX_BELIEVED_PATIENCE = 0.999;
const SQRT3 = Math.sqrt(3);

/** A uniform error of standard deviation 1: uniform on [−√3, √3]. */
function uniformError(rng: Rng): number {
  return SQRT3 * (2 * rng() - 1);
}

/** Fills the table's believed reservation utilities and patience for this run. */
export function drawBeliefs(table: NegotiationTable, rng: Rng): void {
  const { instance, believedReservation, believedPatience } = table;
  const A = instance.actorCount;
  const sigma = instance.beliefNoise;
  const error = table.compiled.beliefShape === 'uniform' ? uniformError : standardNormal;
  for (let observer = 0; observer < A; observer++) {
    for (let b = 0; b < A; b++) {
      const k = observer * A + b;
      believedReservation[k] = instance.reservation[b];
      believedPatience[k] = instance.patience[b];
      if (sigma > 0 && observer !== b) {
        believedReservation[k] += sigma * error(rng);
        const p = instance.patience[b] + sigma * error(rng);
        believedPatience[k] = Math.min(MAX_BELIEVED_PATIENCE, Math.max(MIN_BELIEVED_PATIENCE, p));
      }
    }
  }
}
