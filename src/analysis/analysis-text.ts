/** Small formatting helpers the analyses' sentences share. */
import { percent } from '../simulation/headline.ts';

export { percent };

/** A value in at most four significant digits: 0.45, 12, 0.0123. */
export function short(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** A change in a share as signed percentage points: "+12 points", "−3.4 points" (U+2212 minus). */
export function signedPoints(change: number): string {
  const points = 100 * change;
  const size = Math.abs(points);
  const text = size < 9.95 && size >= 0.05 ? size.toFixed(1) : size.toFixed(0);
  const sign = Number(text) === 0 ? '±' : points < 0 ? '−' : '+';
  return `${sign}${text} point${text === '1' ? '' : 's'}`;
}

/** "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
