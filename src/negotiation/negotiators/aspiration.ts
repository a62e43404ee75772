/**
 * Time-dependent aspiration (Faratin, Sierra & Jennings 1998, "Negotiation decision functions
 * for autonomous agents"; NegMAS's AspirationNegotiator): the utility an actor insists on falls
 * from its best package to its reservation utility over a concession horizon H,
 *
 *   asp(k) = r + (best − r) · (1 − min(1, k / H)^e),
 *
 * with e > 1 Boulware (holds firm until late), e = 1 linear, e < 1 Conceder.
 *
 * The horizon is how long the actor expects waiting to be worth anything: with patience δ per
 * round and a risk q per round that talks collapse, a gain one round later is worth δ(1 − q) of
 * a gain now, and the expected discounted length of the talks is
 *
 *   H = Σ_k (δ(1 − q))^k = 1 / (1 − δ(1 − q))   rounds
 *
 * (the "effective horizon" of a discounted process). A known deadline T shortens it: H = min(T, ·).
 * So a patient actor, or one facing little risk of collapse, concedes slowly; an impatient one
 * fast. With linear concession two such actors splitting a unit pie (reservation 0) meet where
 * their aspirations sum to 1, at k* = H1·H2/(H1 + H2), and the first gets H1 / (H1 + H2) =
 * (1 − δ2) / ((1 − δ1) + (1 − δ2)) without collapse risk — Rubinstein's (1 − δ2) / (1 − δ1δ2)
 * (1982) in the limit of short rounds (δ → 1), where both equal the ratio of the discount rates.
 */

/** The concession horizon in rounds: the expected discounted length of talks, capped by a known deadline (Infinity without either). */
export function concessionHorizon(patience: number, breakdownRisk: number, deadline: number): number {
  const keep = patience * (1 - breakdownRisk);
  const own = keep < 1 ? 1 / (1 - keep) : Infinity;
  return Math.min(own, deadline);
}

/** The share of the gain over r still asked for in `round`: 1 − min(1, round / horizon)^e (asp = r + (best − r) · this). */
export function concessionShape(exponent: number, round: number, horizon: number): number {
  return 1 - Math.pow(Math.min(1, round / horizon), exponent);
}
