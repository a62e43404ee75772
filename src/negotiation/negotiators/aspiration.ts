/**
 * Time-based aspiration (Faratin, Sierra & Jennings 1998; NegMAS's AspirationNegotiator):
 * the utility an actor insists on falls from its best package to its reservation utility as
 * the deadline nears,
 *
 *   asp(t) = r + (best − r) · (1 − t^e),   t = round / rounds ∈ [0, 1],
 *
 * with e > 1 Boulware (holds firm until late), e = 1 linear, e < 1 Conceder.
 */
/** The share of the gain over r still asked for in `round`: 1 − t^e (asp = r + (best − r) · this). */
export function concessionShape(exponent: number, round: number, rounds: number): number {
  return 1 - Math.pow(Math.min(1, round / rounds), exponent);
}
