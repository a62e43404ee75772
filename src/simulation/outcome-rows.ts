/**
 * The outcome rows a summary shows, in words with their shares and intervals: the zone of
 * agreement, deals given a zone, deals, and the endings that apply (the terminal table of `parley
 * run` and the explorer's headline).
 */
import type { Summary } from './summary-types.ts';
import type { Proportion } from './wilson.ts';

/** The outcome rows that apply: talks end in a deal, a collapse, at the deadline or stalled; forecasts are accepted or vetoed. */
export function outcomeRows(s: Summary): [string, Proportion][] {
  const { deal, breakdown, deadline, vetoed, stalled } = s.outcomes;
  const z = s.zone;
  const rows: [string, Proportion][] = [['zone of agreement', z.exists]];
  if (z.exists.count > 0) rows.push([s.mechanismKind === 'forecast' ? 'accepted, given a zone' : 'deal, given a zone', z.dealGivenZone]);
  rows.push([s.mechanismKind === 'forecast' ? 'forecast accepted' : 'deal', deal]);
  if (s.mechanismKind !== 'forecast') {
    rows.push(['collapse (breakdown)', breakdown]);
    if (deadline.count > 0 || !s.deadline.openEnded) rows.push(['deadline', deadline]);
    if (stalled.count > 0 || s.deadline.openEnded) rows.push(['stalled at the cap', stalled]);
  }
  if (vetoed.count > 0 || s.mechanismKind !== 'talks') rows.push(['forecast vetoed', vetoed]);
  return rows;
}
