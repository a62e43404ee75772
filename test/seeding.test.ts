/** The reusable run stream draws seedrandom's Alea numbers to the bit, run after run. */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { RunStream } from '../src/simulation/seeding.ts';

describe('RunStream', () => {
  it("draws what seedrandom.alea('S/i') draws, for many seeds and runs, reseeded in place", () => {
    const stream = new RunStream();
    for (const seed of ['1', 'default', 'ünïcødé-seed', '', 'a/b', '12345678901234567890']) {
      for (const run of [0, 1, 2, 99, 1000, 123456, 2 ** 31]) {
        const reference = seedrandom.alea(`${seed}/${run}`);
        const next = stream.reseed(seed, run).next;
        for (let k = 0; k < 50; k++) expect(next()).toBe(reference());
      }
    }
  });
});
