/**
 * thousands() (src/format/numbers.ts) writes a count as Intl's en-US number format does — the
 * reference here is toLocaleString itself — without loading ICU for a whole number.
 */
import { describe, expect, it } from 'vitest';
import { thousands } from '../src/format/numbers.ts';

describe('thousands', () => {
  it('writes every whole number as toLocaleString("en-US") does', () => {
    const values = [
      0,
      -0,
      1,
      -1,
      7,
      12,
      999,
      1000,
      -1000,
      1001,
      12_345,
      99_999,
      100_000,
      999_999,
      1_000_000,
      -123_456_789,
      2 ** 30,
      2 ** 53 - 1,
      -(2 ** 53 - 1),
    ];
    // And a spread of magnitudes: 10^k − 1, 10^k and 10^k + 1, and some uneven ones.
    for (let k = 1; k <= 15; k++) values.push(10 ** k - 1, 10 ** k, 10 ** k + 1, Math.floor(1.23456789 * 10 ** k));
    for (const n of values) expect(thousands(n), String(n)).toBe(n.toLocaleString('en-US'));
  });

  it('leaves fractions, huge numbers and non-numbers to toLocaleString', () => {
    for (const n of [0.5, 1234.5678, -0.0001, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY]) expect(thousands(n)).toBe(n.toLocaleString('en-US'));
  });
});
