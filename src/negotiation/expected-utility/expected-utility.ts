/**
 * The expected utility of a challenge in Bueno de Mesquita's model, as Scholz, Calbert & Smith
 * (2011, J. Theoretical Politics 23(4), §2–3) write it out.
 *
 * With δ = |x_i − x_j| / d (d the position range), μ the weighted Condorcet median, and the risk
 * exponent r of the actor whose view is computed:
 *
 *   U^s  = 2 − 4 (0.5 − 0.5 δ)^r                         i wins: j moves to x_i
 *   U^f  = 2 − 4 (0.5 + 0.5 δ)^r                         i loses: i moves to x_j
 *   U^b  = 2 − 4 (0.5 − 0.25 (|x_i − μ|/d + δ))^r         no challenge, things get better
 *   U^w  = 2 − 4 (0.5 + 0.25 (|x_i − μ|/d + δ))^r         no challenge, things get worse
 *   U^sq = 2 − 4 · 0.5^r                                 status quo
 *
 *   EU_ij = s_j [P_ij U^s + (1 − P_ij) U^f] + (1 − s_j) U^s − [Q U^sq + (1 − Q)(T U^b + (1 − T) U^w)]
 *
 * s_j is the salience of the challenged actor (its chance of resisting); Q is the probability that
 * j's position stays put without a challenge and T that a change helps i (Q = T = 1 in jmckib's and
 * dmasad's replications, so only U^sq is subtracted).
 */

/** 2 − 4 · base^r, the utility scale every term shares (from −2 to 2). */
export function riskUtility(base: number, r: number): number {
  return 2 - 4 * Math.pow(base, r);
}

/**
 * EU_ij from the view of an actor with risk exponent r.
 * @param distance |x_i − x_j| in position units
 * @param distanceToMedian |x_i − μ| in position units (used only when Q < 1)
 * @param range the position range d
 * @param probability P_ij
 * @param targetSalience s_j
 */
export function challengeUtility(
  distance: number,
  distanceToMedian: number,
  range: number,
  probability: number,
  targetSalience: number,
  r: number,
  q: number,
  t: number,
): number {
  const success = riskUtility(0.5 - (0.5 * distance) / range, r);
  const failure = riskUtility(0.5 + (0.5 * distance) / range, r);
  const resist = targetSalience * (probability * success + (1 - probability) * failure);
  const noResistance = (1 - targetSalience) * success;
  let statusQuo = q * riskUtility(0.5, r);
  if (q < 1) {
    const spread = (0.25 * (distanceToMedian + distance)) / range;
    statusQuo += (1 - q) * (t * riskUtility(0.5 - spread, r) + (1 - t) * riskUtility(0.5 + spread, r));
  }
  return resist + noResistance - statusQuo;
}
