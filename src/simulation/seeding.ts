/**
 * Per-run seeding: run i of a batch with master seed S draws only from its own generator,
 * seedrandom's Alea (Baagøe 2010) seeded with the text "S/i". Alea is among seedrandom's
 * fastest generators, passes BigCrush, and seeds cheaply, so a run's randomness depends on
 * (S, i) alone — not on the worker, the chunk or the shard that runs it.
 */
import seedrandom from 'seedrandom';
import type { Rng } from '../scenario/sample.ts';

/** Master seed of a batch. */
export type MasterSeed = string;
/** Index of a run within a batch, 0-based. */
export type RunIndex = number;
/** Run indices stay below 2^30: the aggregate's sums stay exact up to that many runs. */
export const MAX_RUN_INDEX = 2 ** 30;

export function runRng(seed: MasterSeed, run: RunIndex): Rng {
  return seedrandom.alea(`${seed}/${run}`);
}
