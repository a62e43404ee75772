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
  /** [b] kept with each change: the posterior mean, and the CDF's offset and scale (normal: Φ at the
   * lower bound and the mass between the bounds; uniform: the support's lower end and width). */
  mean: Float64Array;
  base: Float64Array;
  scale: Float64Array;
}

export function allocateLearnedBeliefs(actorCount: number): LearnedBeliefs {
  const A = actorCount;
  return {
    shape: 'normal',
    sigma: 0,
    signal: new Float64Array(A),
    low: new Float64Array(A),
    high: new Float64Array(A),
    mean: new Float64Array(A),
    base: new Float64Array(A),
    scale: new Float64Array(A),
  };
}

/** Starts from the signals `signal[offset + b]` (the observer's belief row), with nothing learnt yet. */
export function resetBeliefs(beliefs: LearnedBeliefs, shape: 'normal' | 'uniform', sigma: number, signal: Float64Array, offset: number): void {
  beliefs.shape = shape;
  beliefs.sigma = sigma;
  for (let b = 0; b < beliefs.signal.length; b++) {
    beliefs.signal[b] = signal[offset + b];
    beliefs.low[b] = -Infinity;
    beliefs.high[b] = Infinity;
    summarize(beliefs, b);
  }
}

const SQRT3 = Math.sqrt(3);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Whether the answers rule out r_b ≤ x (its CDF at x is 0 without evaluating it). */
export function beliefRulesOut(beliefs: LearnedBeliefs, b: number, x: number): boolean {
  return x <= beliefs.low[b];
}

/** P(r_b ≤ x) under the observer's posterior. */
export function beliefCdf(beliefs: LearnedBeliefs, b: number, x: number): number {
  if (beliefRulesOut(beliefs, b, x)) return 0;
  if (x >= beliefs.high[b]) return 1;
  const scale = beliefs.scale[b];
  if (beliefs.shape === 'uniform') {
    // A support the answers left empty is a point at its lower end.
    if (!(scale > 0)) return x >= beliefs.base[b] ? 1 : 0;
    return Math.min(1, Math.max(0, (x - beliefs.base[b]) / scale));
  }
  if (!(scale > 0)) return x >= beliefs.low[b] ? 1 : 0;
  return Math.min(1, Math.max(0, (standardNormalCdf((x - beliefs.signal[b]) / beliefs.sigma) - beliefs.base[b]) / scale));
}

/** The posterior mean of r_b. */
export function beliefMean(beliefs: LearnedBeliefs, b: number): number {
  return beliefs.mean[b];
}

/** φ(z), the standard normal density (0 at ±∞). */
function density(z: number): number {
  return Number.isFinite(z) ? INV_SQRT_2PI * Math.exp(-0.5 * z * z) : 0;
}

/** Recomputes b's mean and CDF offset and scale from its signal and bounds. */
function summarize(beliefs: LearnedBeliefs, b: number): void {
  const { sigma } = beliefs;
  const m = beliefs.signal[b];
  if (beliefs.shape === 'uniform') {
    const w = sigma * SQRT3;
    const a = Math.max(m - w, beliefs.low[b]);
    const c = Math.min(m + w, beliefs.high[b]);
    beliefs.base[b] = a;
    beliefs.scale[b] = c - a;
    beliefs.mean[b] = c >= a ? (a + c) / 2 : a;
    return;
  }
  const alpha = (beliefs.low[b] - m) / sigma;
  const beta = (beliefs.high[b] - m) / sigma;
  const lowMass = standardNormalCdf(alpha);
  const mass = standardNormalCdf(beta) - lowMass;
  beliefs.base[b] = lowMass;
  beliefs.scale[b] = mass;
  // Far in a tail the mass underflows: the mean is then the nearer bound.
  beliefs.mean[b] = mass > 1e-300 ? m + (sigma * (density(alpha) - density(beta))) / mass : Number.isFinite(beliefs.low[b]) ? beliefs.low[b] : beliefs.high[b];
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
  summarize(beliefs, b);
}
