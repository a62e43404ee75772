/**
 * Two or three sentences in plain words: how likely a deal is, its typical terms, and the main
 * way talks fail.
 */
import type { Summary } from './summary-types.ts';

export function percent(share: number): string {
  const p = share * 100;
  if (p > 0 && p < 1) return `${p.toFixed(1)}%`;
  if (p < 100 && p > 99) return `${p.toFixed(1)}%`;
  return `${Math.round(p)}%`;
}

export function writeHeadline(s: Summary): string[] {
  const { deal, breakdown, deadline } = s.outcomes;
  const sentences: string[] = [];
  const interval = `95% interval ${percent(deal.low)}–${percent(deal.high)}`;
  if (deal.count === 0) {
    sentences.push(`No run of ${s.runs.toLocaleString('en-US')} reached a deal (${interval}).`);
  } else {
    const when = s.roundsToDeal.median === null ? '' : `, after ${s.roundsToDeal.median} round${s.roundsToDeal.median === 1 ? '' : 's'} at the median`;
    sentences.push(`A deal is reached in ${percent(deal.share)} of ${s.runs.toLocaleString('en-US')} runs (${interval})${when}.`);
    const typical = s.terms.map((term) => {
      if (term.kind === 'continuous' && term.meanLevel !== undefined && term.meanLevel !== null) {
        return `${term.label.toLowerCase()} ${Number(term.meanLevel.toFixed(2))} on average${term.unit ? ` (${term.unit})` : ''}`;
      }
      const modal = term.options.reduce((best, o) => (o.deals.count > best.deals.count ? o : best));
      return `${modal.label} (${percent(modal.deals.share)})`;
    });
    sentences.push(`Typical terms (share of deals): ${typical.join('; ')}.`);
  }
  const failures = breakdown.count + deadline.count;
  if (failures > 0) {
    const [main, other] = breakdown.count >= deadline.count ? [['collapse', breakdown], ['run out the clock', deadline]] as const : [['run out the clock', deadline], ['collapse', breakdown]] as const;
    sentences.push(
      `When there is no deal, talks mostly ${main[0]} (${percent(main[1].share)} of runs) rather than ${other[0]} (${percent(other[1].share)}).`,
    );
  }
  return sentences;
}
