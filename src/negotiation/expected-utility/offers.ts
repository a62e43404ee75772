/**
 * Offers in Bueno de Mesquita's model (Scholz, Calbert & Smith 2011, §6): how actor i reads its
 * relation to j from its own view — EU_ij (i challenges j) and EU_ji (j challenges i), both with
 * i's risk exponent — and where it would move.
 *
 *   EU_ji > EU_ij > 0                          confrontation, i loses: i moves to x_j
 *   EU_ji > 0 > EU_ij and EU_ji > |EU_ij|      compromise: x_i += (x_j − x_i) · |EU_ij / EU_ji|
 *   EU_ji > 0 > EU_ij and EU_ji ≤ |EU_ij|      capitulation: i moves to x_j
 *
 * Otherwise j gains nothing it would press on i (EU_ji ≤ 0), or i would win a confrontation
 * (EU_ij ≥ EU_ji > 0, so it is j that moves, in j's own reading), or EU_ij = 0: no offer. The
 * compromise and capitulation branches meet at EU_ji = |EU_ij|, where both move i to x_j.
 *
 * Each actor accepts the offer that moves it least (ties: the lower actor index j); all actors
 * move at once. jmckib's choice differs (jmckib-quirks.ts).
 */

export const MoveKind = { None: 0, Confrontation: 1, Compromise: 2, Capitulation: 3 } as const;
export type MoveKind = (typeof MoveKind)[keyof typeof MoveKind];
export const MOVE_KIND_NAMES = ['none', 'confrontation', 'compromise', 'capitulation'] as const;

/** The kind of offer j makes i, given i's estimates EU_ij and EU_ji. */
export function classifyOffer(euIJ: number, euJI: number): MoveKind {
  if (!(euJI > 0)) return MoveKind.None;
  if (euIJ > 0) return euJI > euIJ ? MoveKind.Confrontation : MoveKind.None;
  if (euIJ < 0) return euJI > -euIJ ? MoveKind.Compromise : MoveKind.Capitulation;
  return MoveKind.None;
}

/** Where i ends up if it accepts the offer. */
export function offerPosition(kind: MoveKind, xi: number, xj: number, euIJ: number, euJI: number): number {
  return kind === MoveKind.Compromise ? xi + (xj - xi) * Math.abs(euIJ / euJI) : xj;
}
