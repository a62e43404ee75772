/**
 * Per-run seeding: run i of a batch with master seed S draws only from its own generator,
 * seedrandom's Alea (Baagøe 2010) seeded with the text "S/i". Alea is among seedrandom's
 * fastest generators, passes BigCrush, and seeds cheaply, so a run's randomness depends on
 * (S, i) alone — not on the worker, the chunk or the shard that runs it.
 *
 * `RunStream` is the same generator, reseeded in place for each run of a batch: seedrandom makes
 * a generator object and four closures per seed, which a batch of a million runs would allocate
 * and collect for nothing. Its numbers are seedrandom's to the bit (Alea and its Mash hash
 * written out as seedrandom 3.0.5 has them; test/seeding.test.ts compares them).
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

/** 2⁻³² */
const TWO_TO_MINUS_32 = 2.3283064365386963e-10;

/** One Alea generator, reseeded for each run: `next` draws the run's uniforms. */
export class RunStream {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private c = 1;
  /** Mash's running state. */
  private n = 0;
  /** The run's uniform draws in [0, 1), as runRng(seed, run) gives them. */
  readonly next: Rng = () => {
    const t = 2091639 * this.s0 + this.c * TWO_TO_MINUS_32;
    this.s0 = this.s1;
    this.s1 = this.s2;
    return (this.s2 = t - (this.c = t | 0));
  };

  /** Starts run `run` of the batch seeded `seed`. */
  reseed(seed: MasterSeed, run: RunIndex): this {
    const text = `${seed}/${run}`;
    this.n = 0xefc8249d;
    this.c = 1;
    this.s0 = this.mash(' ');
    this.s1 = this.mash(' ');
    this.s2 = this.mash(' ');
    this.s0 -= this.mash(text);
    if (this.s0 < 0) this.s0 += 1;
    this.s1 -= this.mash(text);
    if (this.s1 < 0) this.s1 += 1;
    this.s2 -= this.mash(text);
    if (this.s2 < 0) this.s2 += 1;
    return this;
  }

  /** Baagøe's Mash: folds the text's character codes into n, returns n / 2³². */
  private mash(data: string): number {
    let n = this.n;
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000;
    }
    this.n = n;
    return (n >>> 0) * TWO_TO_MINUS_32;
  }
}
