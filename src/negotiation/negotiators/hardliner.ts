/**
 * The hardliner: a time-based negotiator that never concedes (e → ∞ in asp(t) = r + (best − r)(1 − t^e)).
 * It always offers its best package (the one best for the others among equals) and accepts only
 * offers worth at least its best one a round later: u − r ≥ δ(1 − q)(best − r) — about 87% of
 * its best gain when δ = 0.9 and q = 0.03. In the last round its aspiration drops to its
 * reservation utility, as every time-based negotiator's does. "Will not step back" (¶14), as a seat.
 */
import { TimeBasedNegotiator } from './time-based.ts';

/** Large enough that t^e is 0 for every round before the last (t ≤ 1 − 1/1000). */
const NEVER = 1e6;

export class HardlinerNegotiator extends TimeBasedNegotiator {
  protected override concessionExponent(): number {
    return NEVER;
  }
}
