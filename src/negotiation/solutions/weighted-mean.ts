/**
 * The weighted mean Σ w_k x_k / Σ w_k. With w = capability × salience it is the compromise model
 * of collective decisions (Achen 2006, in Thomson et al., "The European Union Decides"; decide's
 * "NBS", github.com/foarsitter/decide-exchange-model): each actor pulls the outcome towards its
 * position in proportion to its power and how much it cares. NaN when the weights sum to 0.
 */
export function weightedMean(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  let weighted = 0;
  let total = 0;
  for (let k = 0; k < values.length; k++) {
    weighted += weights[k] * values[k];
    total += weights[k];
  }
  return total > 0 ? weighted / total : Number.NaN;
}
