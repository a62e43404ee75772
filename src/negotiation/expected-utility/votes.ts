/**
 * Pairwise votes between positions and the weighted Condorcet median of Bueno de Mesquita's
 * expected-utility model, as Scholz, Calbert & Smith (2011, J. Theoretical Politics 23(4), §3.2)
 * read it.
 *
 * Actor k's vote for position x_j over x_l is
 *
 *   v_k(j, l) = c_k · s_k · (|x_k − x_l| − |x_k − x_j|) / d,
 *
 * d the position range. The sum over k is F(x_l) − F(x_j) with F(x) = Σ_k c_k s_k |x_k − x| / d,
 * so the position that beats every other in summed votes — the weighted Condorcet median μ — is
 * the actors' position that minimizes F: the capability×salience weighted median.
 *
 * Ties: when the weight on each side of an interval between two positions is exactly half, every
 * position in it ties (none beats another). We take the lowest tied position. jmckib's Python
 * iterates a set of positions and keeps a challenger only when it wins strictly, so its tie-break is
 * the set's hash order (see jmckib-quirks.ts).
 */

/** Σ_k w_k · |x_k − x|, w_k = c_k · s_k (in position units; divide by d for vote units). */
export function weightedDistance(position: Float64Array, weight: Float64Array, n: number, x: number): number {
  let sum = 0;
  for (let k = 0; k < n; k++) sum += weight[k] * Math.abs(position[k] - x);
  return sum;
}

/** Σ_k v_k(j, l): the summed vote for position x_j over x_l (positive: x_j wins). */
export function summedVote(position: Float64Array, weight: Float64Array, n: number, range: number, xj: number, xl: number): number {
  let sum = 0;
  for (let k = 0; k < n; k++) sum += (weight[k] * (Math.abs(position[k] - xl) - Math.abs(position[k] - xj))) / range;
  return sum;
}

/** Relative tolerance under which two summed distances count as a tie (float sums of equal terms). */
const TIE_TOLERANCE = 1e-12;

/**
 * The weighted Condorcet median among the actors' positions (`weight[k]` = c_k · s_k): the position
 * no other beats in summed votes; ties go to the lowest such position. With every weight 0 every
 * position ties, so it is the lowest position.
 */
export function condorcetMedian(position: Float64Array, weight: Float64Array, n: number): number {
  let best = Infinity;
  let total = 0;
  for (let j = 0; j < n; j++) {
    total += weight[j] * Math.abs(position[j]);
    const f = weightedDistance(position, weight, n, position[j]);
    if (f < best) best = f;
  }
  const tolerance = TIE_TOLERANCE * Math.max(best, total, Number.MIN_VALUE);
  let median = Infinity;
  for (let j = 0; j < n; j++) {
    if (position[j] < median && weightedDistance(position, weight, n, position[j]) <= best + tolerance) median = position[j];
  }
  return median;
}

/** The capability×salience weighted mean Σ c s x / Σ c s (the plain mean if every weight is 0). */
export function weightedMean(position: Float64Array, weight: Float64Array, n: number): number {
  let top = 0;
  let bottom = 0;
  for (let k = 0; k < n; k++) {
    top += weight[k] * position[k];
    bottom += weight[k];
  }
  if (bottom > 0) return top / bottom;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += position[k];
  return sum / n;
}

/**
 * P_ij, the probability that i prevails over j if they clash, for every ordered pair (Scholz et
 * al. 2011 §4): the votes backing i against j over the sum of the absolute votes,
 *
 *   P_ij = max(0, Σ_k v_k(i, j)) / Σ_k |v_k(i, j)|,  0 when x_i = x_j.
 *
 * "The votes backing i" is read as the net vote for x_i over x_j (0 when it is negative), as
 * dmasad's replication (BDM_DecisionModel_Replication, aa3899a) reads it; this reproduces its risk
 * exponents for the EC example to 4 decimals. Counting only the positive votes in the numerator
 * (Σ_k max(0, v_k)), the other reading of the paper, does not (e.g. the Netherlands gets 1.1172
 * instead of 1.1272). Fills out[i × n + j].
 */
export function winProbabilities(position: Float64Array, weight: Float64Array, n: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const xi = position[i];
      const xj = position[j];
      if (xi === xj) {
        out[i * n + j] = 0;
        continue;
      }
      let net = 0;
      let absolute = 0;
      for (let k = 0; k < n; k++) {
        const v = weight[k] * (Math.abs(position[k] - xj) - Math.abs(position[k] - xi));
        net += v;
        absolute += Math.abs(v);
      }
      out[i * n + j] = absolute > 0 ? Math.max(0, net) / absolute : 0;
    }
  }
}
