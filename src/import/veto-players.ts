/**
 * Veto players for data that name none: the minimal winning coalition by capability — the fewest
 * actors, most capable first, whose capabilities together exceed half the total (a weighted
 * majority, as in weighted voting games; cf. Bueno de Mesquita's use of capability as clout).
 * At most `limit` of them: parley holds consent in 32-bit masks.
 */

export interface MajorityCoalition {
  /** Indices of the members, most capable first (ties in file order). */
  members: number[];
  /** Their share of the total capability. */
  share: number;
  /** True when `limit` stopped the coalition short of a majority. */
  capped: boolean;
}

export function capabilityMajority(capabilities: readonly number[], limit: number): MajorityCoalition {
  const total = capabilities.reduce((a, b) => a + b, 0);
  const order = capabilities.map((c, i) => ({ c, i })).sort((a, b) => b.c - a.c || a.i - b.i);
  const members: number[] = [];
  let held = 0;
  for (const { c, i } of order) {
    if (held > total / 2 || members.length >= limit) break;
    members.push(i);
    held += c;
  }
  return { members, share: total > 0 ? held / total : 0, capped: !(held > total / 2) };
}

/** parley holds consent in 32-bit masks, so at most 32 actors' consent can be needed. */
export const MAX_VETO_PLAYERS = 32;
