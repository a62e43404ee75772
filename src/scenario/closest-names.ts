/**
 * "Did you mean …?": the valid names closest to a mistyped one.
 *
 * Distance is the optimal string alignment form of the Damerau–Levenshtein distance (Damerau
 * 1964, Levenshtein 1966): the fewest insertions, deletions, substitutions and swaps of two
 * adjacent letters that turn one name into the other, each substring edited at most once.
 * Names are compared in lower case, so `Russia` finds `russia` at distance 0.
 */

/**
 * Optimal string alignment distance between `a` and `b` (Damerau–Levenshtein with adjacent swaps),
 * or any number above `atMost` once the distance is sure to exceed it: the length difference is a
 * lower bound, and so is the smaller minimum of the last two rows (a cell comes from the row above,
 * or from two rows above plus a swap, so the minimum of two consecutive rows never falls).
 */
export function editDistance(a: string, b: string, atMost = Infinity): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > atMost) return atMost + 1;
  // Three rows of the dynamic-programming table: two back (for swaps), one back, current.
  let before = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  let current = new Array<number>(n + 1).fill(0);
  let previousMin = 0;
  for (let i = 1; i <= m; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (Math.min(rowMin, previousMin) > atMost) return atMost + 1;
    previousMin = rowMin;
    [before, previous, current] = [previous, current, before];
  }
  return previous[n];
}

/**
 * The most edits a suggestion may be away: a third of the typed name's length, at least 1
 * (so `rusia` → `russia`, `resrvation` → `reservation`, but `uk` does not suggest `china`).
 */
export function suggestionThreshold(typed: string): number {
  return Math.max(1, Math.floor(typed.length / 3));
}

/** The valid names within the threshold of `typed`, closest first (ties in the given order), at most `limit`. */
export function closestNames(typed: string, valid: readonly string[], limit = 3): string[] {
  const lower = typed.toLowerCase();
  const threshold = suggestionThreshold(typed);
  return valid
    .map((name, order) => ({ name, order, distance: editDistance(lower, name.toLowerCase(), threshold) }))
    .filter((c) => c.distance <= threshold && c.name !== typed)
    .sort((x, y) => x.distance - y.distance || x.order - y.order)
    .slice(0, limit)
    .map((c) => c.name);
}

/** ` did you mean "a" (or "b")?` for the closest valid names, or '' when none is close. */
export function didYouMean(typed: string, valid: readonly string[]): string {
  const close = closestNames(typed, valid);
  if (close.length === 0) return '';
  return ` did you mean ${close.map((n) => `"${n}"`).join(' or ')}?`;
}

/**
 * The message for a name that is not among `valid`, e.g.
 * `unknown actor "rusia"; did you mean "russia"? expected one of: ukraine, russia, us`;
 * `of` places it (`of issue "nato"`).
 */
export function unknownName(kind: string, typed: string, valid: readonly string[], of?: string, suggest = true): string {
  const list = valid.length > 0 ? ` expected one of: ${valid.join(', ')}` : ' there are none';
  return `unknown ${kind} "${typed}"${of === undefined ? '' : ` ${of}`};${suggest ? didYouMean(typed, valid) : ''}${list}`;
}
