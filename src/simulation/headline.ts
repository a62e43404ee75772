/**
 * The headline in plain words, leading with the two questions a batch answers apart:
 *
 * 1. Is there a zone of agreement — a package every actor whose consent it needs prefers to no
 *    deal? That is decided by the sampled preferences and fallbacks, before anyone bargains.
 * 2. Given one, do the talks find it (or is the forecast accepted)? That is the process's part:
 *    protocol, patience, the risk of collapse, the deadline.
 *
 * Then the overall deal rate with its timing, the typical terms, how runs without a deal end
 * (only mechanisms with talks "collapse"), and the warnings (writeWarnings) a reader needs
 * before trusting the numbers.
 */
import { formatMonths, percent, thousands } from '../format/numbers.ts';
import type { Proportion, Summary } from './summary-types.ts';

function interval(p: Proportion): string {
  return `95% interval ${percent(p.low)}–${percent(p.high)}`;
}

const count = thousands;

/** "7 months" or "29 rounds": the median time to a deal. */
function whenDeals(s: Summary): string {
  if (s.time !== null && s.time.monthsToDeal.p50 !== null) {
    const m = s.time.monthsToDeal.p50;
    return `after ${formatMonths(m)} months at the median (${s.roundsToDeal.median} round${s.roundsToDeal.median === 1 ? '' : 's'} of ${s.time.roundLength.value} ${s.time.roundLength.unit}${s.time.roundLength.value === 1 ? '' : 's'})`;
  }
  if (s.roundsToDeal.median === null) return '';
  return `after ${s.roundsToDeal.median} round${s.roundsToDeal.median === 1 ? '' : 's'} at the median`;
}

function zoneSentence(s: Summary): string {
  const z = s.zone;
  if (z.exists.count === 0) {
    const top = z.blockers.at(0);
    const who =
      top && top.short.count > 0 ? ` ${top.label} is short of its fallback at the package closest to agreement in ${percent(top.short.share)} of them.` : '';
    return `No run has a zone of agreement (no package that every party whose consent it needs prefers to no deal), so no deal is possible.${who}`;
  }
  const width = z.widthGivenZone.p50 === null ? '' : `; when there is one, its median width is ${z.widthGivenZone.p50.toFixed(3)} in utility`;
  const who =
    s.decisionRule.rule === 'unanimity'
      ? 'every party whose consent it needs prefers'
      : `every party whose consent it needs and a winning coalition (${s.decisionRule.text}) prefer`;
  return `A zone of agreement — a package ${who} to no deal — exists in ${percent(z.exists.share)} of ${count(s.runs)} runs (${interval(z.exists)})${width}: what the actors' sampled preferences and fallbacks decide.`;
}

function talksSentences(s: Summary): string[] {
  const z = s.zone;
  const { deal } = s.outcomes;
  const out: string[] = [];
  if (z.exists.count > 0) {
    out.push(
      `Given a zone, the talks reach a deal in ${percent(z.dealGivenZone.share)} of those runs (${interval(z.dealGivenZone)}): what the process decides (protocol, patience, collapse risk, deadline).`,
    );
  }
  if (deal.count === 0) out.push(`No run of ${count(s.runs)} reached a deal (${interval(deal)}).`);
  else {
    const when = whenDeals(s);
    out.push(`Overall a deal is reached in ${percent(deal.share)} of runs (${interval(deal)})${when ? `, ${when}` : ''}.`);
  }
  return out;
}

function forecastSentences(s: Summary): string[] {
  const f = s.forecast!;
  const out: string[] = [];
  const vetoer = f.vetoes.find((v) => v.decisive.count > 0);
  let sentence = `The ${s.mechanism} forecast is accepted by every party whose consent it needs in ${percent(f.accepted.share)} of runs (${interval(f.accepted)}) and vetoed in ${percent(f.vetoed.share)}`;
  if (vetoer) {
    sentence += `, most often by ${vetoer.label} (the party it misses by most in ${percent(vetoer.decisive.share)} of vetoes${vetoer.medianShortfall === null ? '' : `, short by ${vetoer.medianShortfall.toFixed(3)} in utility at the median`})`;
  }
  out.push(`${sentence}.`);
  if (f.vetoed.count > 0 && f.meanDistance !== null) {
    out.push(
      `For a vetoed forecast the nearest package every needed party accepts lies ${f.meanDistance.toFixed(2)} issue steps away on average${f.noneAcceptable > 0 ? `; ${count(f.noneAcceptable)} vetoed runs have no acceptable package at all` : ''}.`,
    );
  }
  return out;
}

function termsSentence(s: Summary): string | null {
  if (s.outcomes.deal.count === 0) return null;
  const typical = s.terms.map((term) => {
    if (term.kind === 'continuous' && term.meanLevel !== undefined && term.meanLevel !== null) {
      return `${term.label.toLowerCase()} ${Number(term.meanLevel.toFixed(2))} on average${term.unit ? ` (${term.unit})` : ''}`;
    }
    const modal = term.options.reduce((best, o) => (o.deals.count > best.deals.count ? o : best));
    return `${modal.label} (${percent(modal.deals.share)})`;
  });
  return `Typical terms (share of ${s.mechanismKind === 'forecast' ? 'accepted forecasts' : 'deals'}): ${typical.join('; ')}.`;
}

/** The equilibrium theory the equilibrium seats play, with its grid bound (every equilibrium result carries it). */
function equilibriumSentence(s: Summary): string | null {
  const e = s.equilibrium;
  if (e === null) return null;
  const values = e.values.map((v) => `${v.label} ${v.mean.toFixed(3)}`).join(', ');
  const bound = e.gridBound === null ? 'none' : Number.isFinite(e.gridBound) ? `≤ ${Number(e.gridBound.toPrecision(2))}` : 'unbounded';
  const how =
    e.continuumIssue === null
      ? 'solved on the model’s packages'
      : `${e.continuumIssue.label} solved on the continuum${e.point === null ? '' : `, first offer ${Number(e.point.toPrecision(4))}`}, agreed on its levels within ${e.continuumIssue.levelStep}`;
  return `Equilibrium theory (complete information, ${count(e.runs)} runs): values at the start ${values} (${how}; grid bound ${bound} in utility).`;
}

function failureSentence(s: Summary): string | null {
  const { breakdown, deadline, stalled } = s.outcomes;
  const endings = [
    ['collapse', breakdown],
    ['run out the clock', deadline],
    ['stall at the cap', stalled],
  ] as const;
  const present = endings.filter(([, p]) => p.count > 0).sort((a, b) => b[1].count - a[1].count);
  if (present.length === 0) return null;
  const [main, ...others] = present;
  const rest = others.map(([what, p]) => `${what} (${percent(p.share)})`).join(' or ');
  return `When talks end without a deal, they mostly ${main[0]} (${percent(main[1].share)} of runs)${rest ? ` rather than ${rest}` : ''}.`;
}

export function writeHeadline(s: Summary): string[] {
  const sentences: string[] = [zoneSentence(s)];
  if (s.mechanismKind === 'forecast') sentences.push(...forecastSentences(s));
  else {
    sentences.push(...talksSentences(s));
    if (s.mechanismKind === 'mixed' && s.forecast !== null && s.forecast.runs > 0) sentences.push(...forecastSentences(s));
  }
  const terms = termsSentence(s);
  if (terms) sentences.push(terms);
  const equilibrium = equilibriumSentence(s);
  if (equilibrium) sentences.push(equilibrium);
  const failure = s.mechanismKind === 'forecast' ? null : failureSentence(s);
  if (failure) sentences.push(failure);
  sentences.push(...s.warnings);
  return sentences;
}

/** What a reader must know before trusting the numbers: a deadline that drives the deals, stalled runs, one assumption the answer rests on. */
export function writeWarnings(s: Summary): string[] {
  const warnings: string[] = [];
  const d = s.deadlineEffect;
  if (d !== null && d.flagged) {
    warnings.push(
      `Deadline effect: ${percent(d.lastTenth.share)} of the deals come in the last tenth of the rounds before the deadline (${s.deadline.text}), so this answer depends mostly on the assumed deadline, not on the evidence.`,
    );
  }
  if (s.outcomes.stalled.count > 0) {
    warnings.push(
      `${count(s.outcomes.stalled.count)} runs were still without a deal or a collapse at the cap of ${count(s.deadline.maxRounds)} rounds (counted as stalled): raise negotiation.maxRounds or give the talks a collapse risk.`,
    );
  }
  const e = s.equilibrium;
  if (e !== null && e.gridBoundRuns.count > 0) {
    warnings.push(
      `Equilibrium grid-bound: in ${percent(e.gridBoundRuns.share)} of the ${count(e.runs)} runs with equilibrium seats, ${e.gridIssues.join(', ')} let concessions come only in steps, so the equilibrium split can differ from the theory's (continuous concessions) by up to ${e.gridBound === null || !Number.isFinite(e.gridBound) ? 'the whole surplus' : `${Number(e.gridBound.toPrecision(2))} in utility`}${e.continuumIssue === null ? '' : ` (${e.continuumIssue.label} is solved on the continuum, but not every party whose consent or vote counts weighs it)`}.`,
    );
  }
  const top = s.drivers.at(0);
  const second = s.drivers.at(1);
  if (top !== undefined && top.spread >= 0.2 && (second === undefined || top.spread >= 2 * second.spread)) {
    warnings.push(
      `P(deal) rests mostly on one ${top.basis === 'evidence' ? 'parameter' : 'assumption'}, ${top.label} (${top.parameter}${top.basis === 'assumption' ? ', an assumption' : ', from the article'}): ${percent(top.low.deals)} of runs reach a deal at ${top.low.at}, ${percent(top.high.deals)} at ${top.high.at}.`,
    );
  }
  return warnings;
}
