/**
 * How parley writes numbers for people, in one place: shares as percentages and changes in shares
 * as percentage points, in sentences (as few digits as say it) and in table columns (one decimal,
 * so the column lines up). Minus signs are U+2212, as in print. No imports: every layer uses it.
 */

/** A share in a sentence: whole percent, one decimal within 1% of 0 or 100 ("0.4%", "47%", "99.6%"). */
export function percent(share: number): string {
  const p = share * 100;
  if (p > 0 && p < 1) return `${p.toFixed(1)}%`;
  if (p < 100 && p > 99) return `${p.toFixed(1)}%`;
  return `${Math.round(p)}%`;
}

/** A share in a table column: one decimal ("47.4%"). */
export function tablePercent(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}

/** The sign of a change: "+", "−" (U+2212), or "±" for what rounds to zero. */
function signOf(change: number, text: string): string {
  return Number(text) === 0 ? '±' : change < 0 ? '−' : '+';
}

/** A change in a share in a sentence: "+12 points", "−3.4 points", "±0 points". */
export function signedPoints(change: number): string {
  const points = 100 * change;
  const size = Math.abs(points);
  const text = size < 9.95 && size >= 0.05 ? size.toFixed(1) : size.toFixed(0);
  return `${signOf(points, text)}${text} point${text === '1' ? '' : 's'}`;
}

/** A change in a share in a table column: one decimal, no unit ("+3.4", "−0.5"). */
export function tablePoints(change: number): string {
  const text = Math.abs(100 * change).toFixed(1);
  return `${change < 0 && Number(text) !== 0 ? '−' : '+'}${text}`;
}

/** A value in at most four significant digits: 0.45, 12, 0.0123. */
export function short(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** Months for reading: one decimal below 10 ("6.0"), whole months from 10 on. */
export function formatMonths(m: number): string {
  return m < 10 ? m.toFixed(1) : Math.round(m).toString();
}

/** "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * A count with thousands separators, exactly as `n.toLocaleString('en-US')` writes it ("12,345",
 * "-1,000"), without Intl for a whole number: the first toLocaleString of a process loads ICU's
 * number formatting, about 11 ms of a command's start-up.
 */
export function thousands(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 || Object.is(n, -0) ? `-${digits}` : digits;
}
