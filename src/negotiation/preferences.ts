/**
 * One run's preferences: every actor's utility of every package, from that run's sampled
 * parameters. Linear-additive (salience-weighted option values, as in multi-attribute utility
 * theory; Keeney & Raiffa 1976) plus interaction terms for combinations of terms.
 *
 *   u_a(p) = Σ_i w_ai · v_ai(p_i) + Σ_k [p ∈ K_k] · e_ak
 *
 * with w_a the saliences rescaled to sum to 1, v_ai ∈ [0, 1] the option values (for a continuous
 * issue 1 − d or 1 − d², d = |x − ideal| / width of the range), and e_ak the effect of
 * interaction k. The arrays are allocated once per worker and refilled every run.
 */
import type { CompiledScenario } from './compiled-scenario.ts';

export interface Instance {
  actorCount: number;
  packageCount: number;
  /** [a × P + p] utility of package p to actor a. */
  utility: Float64Array;
  /** [a] utility of no deal (the war goes on). */
  reservation: Float64Array;
  /** [a] discount factor per round. */
  patience: Float64Array;
  /** [a] exponent e of the aspiration curve. */
  concession: Float64Array;
  /** [a] relative power. */
  capability: Float64Array;
  /** [a] utility of the actor's best package. */
  best: Float64Array;
  breakdownRisk: number;
}

export function allocateInstance(compiled: CompiledScenario): Instance {
  const A = compiled.actors.length;
  const P = compiled.packageCount;
  return {
    actorCount: A,
    packageCount: P,
    utility: new Float64Array(A * P),
    reservation: new Float64Array(A),
    patience: new Float64Array(A),
    concession: new Float64Array(A),
    capability: new Float64Array(A),
    best: new Float64Array(A),
    breakdownRisk: 0,
  };
}

/** Scratch space reused between runs: per-issue option values of one actor. */
export function allocateOptionValues(compiled: CompiledScenario): Float64Array {
  return new Float64Array(compiled.optionCount);
}

/** Fills `out` from the sampled parameter values `values` (indexed by slot). */
export function buildInstance(compiled: CompiledScenario, values: Float64Array, out: Instance, optionValues: Float64Array): Instance {
  const { slots, issues, optionOffset, optionCount, packageOptions } = compiled;
  const A = out.actorCount;
  const P = out.packageCount;
  const I = issues.length;
  out.breakdownRisk = values[slots.breakdownRisk];

  for (let a = 0; a < A; a++) {
    out.reservation[a] = values[slots.reservation[a]];
    out.patience[a] = values[slots.patience[a]];
    out.concession[a] = values[slots.concession[a]];
    out.capability[a] = values[slots.capability[a]];

    let weightSum = 0;
    for (let i = 0; i < I; i++) weightSum += values[slots.salience[a * I + i]];
    // All-zero weights mean indifference on every issue; the rescaling then leaves them at 0.
    const scale = weightSum > 0 ? 1 / weightSum : 0;

    // Salience-weighted value of each option, so a package's utility is a sum of I lookups.
    for (let i = 0; i < I; i++) {
      const weight = values[slots.salience[a * I + i]] * scale;
      const issue = issues[i];
      const offset = optionOffset[i];
      const idealSlot = slots.ideal[a * I + i];
      if (idealSlot >= 0) {
        const levels = issue.levels!;
        const width = levels[levels.length - 1] - levels[0];
        const ideal = values[idealSlot];
        const quadratic = compiled.idealShape[a * I + i] === 1;
        for (let k = 0; k < levels.length; k++) {
          const d = Math.min(1, Math.abs(levels[k] - ideal) / width);
          optionValues[offset + k] = weight * (quadratic ? 1 - d * d : 1 - d);
        }
      } else {
        for (let k = 0; k < issue.options.length; k++) {
          optionValues[offset + k] = weight * values[slots.optionValue[a * optionCount + offset + k]];
        }
      }
    }

    const row = a * P;
    for (let p = 0; p < P; p++) {
      let u = 0;
      const base = p * I;
      for (let i = 0; i < I; i++) u += optionValues[optionOffset[i] + packageOptions[base + i]];
      out.utility[row + p] = u;
    }
  }

  for (const interaction of compiled.interactions) {
    for (let a = 0; a < A; a++) {
      const s = interaction.effectSlot[a];
      if (s < 0) continue;
      const effect = values[s];
      const row = a * P;
      for (const p of interaction.packages) out.utility[row + p] += effect;
    }
  }

  for (let a = 0; a < A; a++) {
    let best = -Infinity;
    const row = a * P;
    for (let p = 0; p < P; p++) if (out.utility[row + p] > best) best = out.utility[row + p];
    out.best[a] = best;
  }
  return out;
}
