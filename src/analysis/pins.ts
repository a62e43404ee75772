/**
 * Pinning parameter slots: a copy of a compiled scenario whose `pinned` table puts fixed values in
 * some slots after every run has drawn all of them (sample-parameters.ts), so the other slots get
 * the same draws as without the pins — common random numbers across sweep points and arms.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';

export interface Pin {
  slot: number;
  value: number;
}

/** A field path in one spelling: `interactions[0].effect.us` and `interactions.0.effect.us` are the same. */
export function normalizePath(path: string): string {
  return path.trim().replace(/\[(\d+)\]/g, '.$1');
}

/** The index of the parameter slot at `path`, or −1 when the path names no slot. */
export function findSlot(compiled: CompiledScenario, path: string): number {
  const wanted = normalizePath(path);
  return compiled.parameters.findIndex((p) => normalizePath(p.path) === wanted);
}

/** The scenario with these slots pinned (and any earlier pins kept). The original is not changed. */
export function withPins(compiled: CompiledScenario, pins: readonly Pin[]): CompiledScenario {
  const pinned = compiled.pinned ? Float64Array.from(compiled.pinned) : new Float64Array(compiled.parameters.length).fill(Number.NaN);
  let { maxRounds, openEnded } = compiled;
  for (const { slot, value } of pins) {
    if (!(slot >= 0 && slot < compiled.parameters.length)) throw new RangeError(`no parameter slot ${slot}`);
    if (!Number.isFinite(value)) throw new RangeError(`a pinned value must be a finite number, got ${value}`);
    const parameter = compiled.parameters[slot];
    if (slot === compiled.slots.deadline) {
      // A deadline sizes a run's arrays: the copy makes room for it (0: none, up to the model's cap).
      if (!(Number.isInteger(value) && value >= 0 && value <= 10_000))
        throw new RangeError(`${parameter.path} can only be pinned to a whole number of rounds from 0 (none) to 10,000, got ${value}`);
      if (value === 0) openEnded = true;
      maxRounds = Math.max(maxRounds, value === 0 ? compiled.capRounds : value);
    } else if (parameter.structural) {
      // A structural slot indexes alternatives or sizes the run's arrays: only its own alternatives fit.
      const d = parameter.distribution;
      const allowed = d.dist === 'choice' ? Object.values(d.values ?? {}) : d.dist === 'fixed' ? [d.value] : [];
      if (!allowed.includes(value))
        throw new RangeError(`${parameter.path} can only be pinned to one of its alternatives (${allowed.join(', ')}), got ${value}`);
    }
    pinned[slot] = value;
  }
  return { ...compiled, pinned, maxRounds, openEnded };
}
