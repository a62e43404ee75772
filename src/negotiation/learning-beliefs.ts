/**
 * Beliefs that learn: what one observer believes about each other actor's reservation utility,
 * as a distribution it narrows by Bayes' rule when its offers are refused or accepted.
 *
 * Prior. The observer got a signal m = r + e about actor b's reservation utility r (beliefs.ts),
 * with an error e it knows the law of: normal with standard deviation σ, or uniform on
 * [−σ√3, σ√3] (negotiation.beliefShape). With no other information about r (a flat prior), its
 * posterior is that law around the signal: N(m, σ²), or uniform on [m − σ√3, m + σ√3].
 *
 * Update (conjugate: the family stays the same, only truncated). A responder accepts an offer
 * worth u to it when u reaches its threshold, which the observer takes to be r + Δ — Δ ≥ 0 the
 * premium its solution of the game puts on b's waiting (0 in the last round). So a refusal says
 * r > u − Δ and an acceptance r ≤ u − Δ: Bayes' rule conditions the posterior on it, which
 * truncates it to an interval (low, high]. Its CDF and mean are closed forms:
 *
 *   normal:  F(x) = (Φ((x − m)/σ) − Φ(α)) / (Φ(β) − Φ(α)),  mean m + σ(φ(α) − φ(β))/(Φ(β) − Φ(α)),
 *            α = (low − m)/σ, β = (high − m)/σ;
 *   uniform: F(x) = (x − a)/(c − a) on [a, c] = [m − σ√3, m + σ√3] ∩ (low, high], mean (a + c)/2.
 *
 * Where Δ misjudges a threshold, two answers can contradict each other (no r fits both); the
 * newer one is kept. Beliefs about patience stay point estimates.
 */
import { standardNormalCdf } from '../scenario/truncated-normal.ts';

export interface LearnedBeliefs {
  shape: 'normal' | 'uniform';
  sigma: number;
  /** [b] the signal about b's reservation utility, and what the answers have bounded it to: r ∈ (low, high]. */
  signal: Float64Array;
  low: Float64Array;
  high: Float64Array;
}

export function allocateLearnedBeliefs(actorCount: number): LearnedBeliefs {
  return { shape: 'normal', sigma: 0, signal: new Float64Array(actorCount), low: new Float64Array(actorCount), high: new Float64Array(actorCount) };
}

/** Starts from the signals `signal[offset + b]` (the observer's belief row), with nothing learnt yet. */
export function resetBeliefs(beliefs: LearnedBeliefs, shape: 'normal' | 'uniform', sigma: number, signal: Float64Array, offset: number): void {
  beliefs.shape = shape;
  beliefs.sigma = sigma;
  for (let b = 0; b < beliefs.signal.length; b++) beliefs.signal[b] = signal[offset + b];
  beliefs.low.fill(-Infinity);
  beliefs.high.fill(Infinity);
}

const SQRT3 = Math.sqrt(3);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** The support of the uniform posterior about b: [a, c] (a > c: the answers left nothing). */
function uniformSupport(beliefs: LearnedBeliefs, b: number): [number, number] {
  const w = beliefs.sigma * SQRT3;
  return [Math.max(beliefs.signal[b] - w, beliefs.low[b]), Math.min(beliefs.signal[b] + w, beliefs.high[b])];
}

/** P(r_b ≤ x) under the observer's posterior. */
export function beliefCdf(beliefs: LearnedBeliefs, b: number, x: number): number {
  if (x <= beliefs.low[b]) return 0;
  if (x >= beliefs.high[b]) return 1;
  if (beliefs.shape === 'uniform') {
    const [a, c] = uniformSupport(beliefs, b);
    if (!(c > a)) return x >= a ? 1 : 0;
    return Math.min(1, Math.max(0, (x - a) / (c - a)));
  }
  const { sigma } = beliefs;
  const m = beliefs.signal[b];
  const lowMass = standardNormalCdf((beliefs.low[b] - m) / sigma);
  const highMass = standardNormalCdf((beliefs.high[b] - m) / sigma);
  const mass = highMass - lowMass;
  if (!(mass > 0)) return x >= beliefs.low[b] ? 1 : 0;
  return Math.min(1, Math.max(0, (standardNormalCdf((x - m) / sigma) - lowMass) / mass));
}

/** The posterior mean of r_b. */
export function beliefMean(beliefs: LearnedBeliefs, b: number): number {
  if (beliefs.shape === 'uniform') {
    const [a, c] = uniformSupport(beliefs, b);
    return c >= a ? (a + c) / 2 : beliefs.low[b];
  }
  const { sigma } = beliefs;
  const m = beliefs.signal[b];
  const alpha = (beliefs.low[b] - m) / sigma;
  const beta = (beliefs.high[b] - m) / sigma;
  const mass = standardNormalCdf(beta) - standardNormalCdf(alpha);
  // Far in a tail the mass underflows: the mean is then the nearer bound.
  if (!(mass > 1e-300)) return Number.isFinite(beliefs.low[b]) ? beliefs.low[b] : beliefs.high[b];
  const density = (z: number) => (Number.isFinite(z) ? INV_SQRT_2PI * Math.exp(-0.5 * z * z) : 0);
  return m + (sigma * (density(alpha) - density(beta))) / mass;
}

/** Bayes' rule on one answer: b refused (r_b > x) or accepted (r_b ≤ x); a contradiction keeps the newer answer. */
export function learnAnswer(beliefs: LearnedBeliefs, b: number, x: number, accepted: boolean): void {
  if (accepted) {
    beliefs.high[b] = Math.min(beliefs.high[b], x);
    if (beliefs.high[b] <= beliefs.low[b]) beliefs.low[b] = -Infinity;
  } else {
    beliefs.low[b] = Math.max(beliefs.low[b], x);
    if (beliefs.low[b] >= beliefs.high[b]) beliefs.high[b] = Infinity;
  }
}
