/**
 * The mean agreed level of a numeric issue and its standard error, from how many deals agreed each
 * level: x̄ = Σ c_k x_k / n, s² = Σ c_k (x_k − x̄)² / (n − 1), se = s / √n.
 */
export interface LevelMoments {
  deals: number;
  mean: number;
  /** NaN with fewer than two deals (no spread to estimate). */
  standardError: number;
}

/** counts[k] deals at level levels[k]; null without deals. */
export function levelMoments(counts: readonly number[], levels: readonly number[]): LevelMoments | null {
  const deals = counts.reduce((n, c) => n + c, 0);
  if (deals === 0) return null;
  const mean = counts.reduce((s, c, k) => s + c * levels[k], 0) / deals;
  if (deals < 2) return { deals, mean, standardError: Number.NaN };
  const variance = counts.reduce((s, c, k) => s + c * (levels[k] - mean) ** 2, 0) / (deals - 1);
  return { deals, mean, standardError: Math.sqrt(variance / deals) };
}
