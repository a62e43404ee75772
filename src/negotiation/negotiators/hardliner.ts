/**
 * The hardliner: a time-based negotiator that never concedes (e → ∞ in asp(k) = r + (best − r)(1 − (k/H)^e),
 * and its horizon H is the deadline, whatever its patience). It always offers its best package
 * (the one best for the others among equals) and accepts only offers worth at least its best one
 * a round later: u − r ≥ δ(1 − q)(best − r) — about 87% of its best gain when δ = 0.9 and q = 0.03.
 * In the last round before a deadline its aspiration drops to its reservation utility, as every
 * time-based negotiator's does; without a deadline it never concedes. "Will not step back" (¶14),
 * as a seat.
 */
import { TimeBasedNegotiator } from './time-based.ts';

/** Large enough that t^e is 0 for every round before the last (t ≤ 1 − 1/1000). */
const NEVER = 1e6;

export class HardlinerNegotiator extends TimeBasedNegotiator {
  protected override concessionExponent(): number {
    return NEVER;
  }

  protected override concessionHorizon(_patience: number, _breakdownRisk: number, deadline: number): number {
    return deadline;
  }

  /** Without a deadline it holds its line from the first round; with one, it drops only in the last round. */
  override stationaryFrom(): number {
    return Number.isFinite(super.stationaryFrom()) ? Infinity : 0;
  }
}
