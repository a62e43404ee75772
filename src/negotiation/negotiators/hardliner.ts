/**
 * The hardliner: a time-based negotiator that never concedes (e → ∞ in asp(t) = r + (best − r)(1 − t^e)),
 * so it offers and accepts only packages as good for it as its best one, until the last round
 * where its aspiration drops to its reservation utility. "Will not step back" (¶14), as a seat.
 */
import { TimeBasedNegotiator } from './time-based.ts';

/** Large enough that t^e is 0 for every round before the last (t ≤ 1 − 1/1000). */
const NEVER = 1e6;

export class HardlinerNegotiator extends TimeBasedNegotiator {
  protected override concessionExponent(): number {
    return NEVER;
  }
}
