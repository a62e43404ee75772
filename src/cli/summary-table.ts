/** The summary table printed on stdout after a run. */
import type { Summary } from '../simulation/summary-types.ts';
import { formatMonths, percent, thousands } from '../format/numbers.ts';
import type { Proportion } from '../simulation/wilson.ts';
import { joinIntoLines } from '../charts/caption.ts';
import { wrap } from './text-table.ts';
import { outcomeRows } from '../simulation/outcome-rows.ts';

function share(p: Proportion): string {
  return `${percent(p.share).padStart(6)}  [${percent(p.low)}–${percent(p.high)}]`;
}

/** The summary's explanations and package lines are kept to this many characters. */
export const SUMMARY_WIDTH = 100;

/** Rows as aligned columns: the first left-aligned, the rest right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

function timeLines(s: Summary): string[] {
  const lines: string[] = [];
  const r = s.roundsToDeal;
  // A forecast has no talks to time.
  if (r.mean === null || s.mechanismKind === 'forecast') return lines;
  if (s.time !== null && s.time.monthsToDeal.p50 !== null) {
    const m = s.time.monthsToDeal;
    const fmt = (x: number | null) => (x === null ? '—' : formatMonths(x));
    lines.push(
      `time to a deal: median ${fmt(m.p50)} months, 10–90% ${fmt(m.p10)}–${fmt(m.p90)} (rounds of ${s.time.roundLength.value} ${s.time.roundLength.unit}${s.time.roundLength.value === 1 ? '' : 's'})`,
    );
    if (s.time.dealWithin.length > 0)
      lines.push(`deal within: ${s.time.dealWithin.map((d) => `${d.months} month${d.months === 1 ? '' : 's'} ${percent(d.deals.share)}`).join(' · ')}`);
  } else {
    lines.push(`rounds to a deal: median ${r.median}, 10–90% ${r.p10}–${r.p90} (deadline: ${s.deadline.text})`);
  }
  return lines;
}

function blockerLines(s: Summary): string[] {
  const z = s.zone;
  const noZone = s.runs - z.exists.count;
  const blockers = z.blockers.filter((b) => b.short.count > 0 || b.alone.count > 0);
  if (noZone === 0 || blockers.length === 0) return [];
  return [
    '',
    ...wrap(
      `Who blocks in the ${thousands(noZone)} runs without a zone (short of its fallback at the package closest to agreement; could open a zone alone, by a median concession in utility):`,
      SUMMARY_WIDTH,
    ),
    table([
      ['  actor', 'short', 'alone', 'concession'],
      ...blockers.map((b) => [
        `  ${b.label}`,
        percent(b.short.share),
        percent(b.alone.share),
        b.medianConcession === null ? '—' : b.medianConcession.toFixed(3),
      ]),
    ]),
  ];
}

function forecastLines(s: Summary): string[] {
  const f = s.forecast;
  if (f === null || f.vetoed.count === 0) return [];
  const vetoes = f.vetoes.filter((v) => v.short.count > 0);
  return [
    '',
    ...wrap(
      `Who vetoes the ${thousands(f.vetoed.count)} vetoed forecasts (below its fallback; the one it misses by most, and by how much at the median):`,
      SUMMARY_WIDTH,
    ),
    table([
      ['  actor', 'short', 'misses most', 'shortfall'],
      ...vetoes.map((v) => [
        `  ${v.label}`,
        percent(v.short.share),
        percent(v.decisive.share),
        v.medianShortfall === null ? '—' : v.medianShortfall.toFixed(3),
      ]),
    ]),
  ];
}

/** A batch's first line: the scenario, the runs, the seed and (unless the default) the mechanism. */
export function runTitle(batch: { title: string; runs: number; seed: string; mechanism?: string }): string {
  const mechanism = batch.mechanism === undefined || batch.mechanism === 'alternating-offers' ? '' : `, ${batch.mechanism}`;
  return `${batch.title} — ${thousands(batch.runs)} runs, seed ${batch.seed}${mechanism}`;
}

/** The summary in the terminal; `title: false` leaves out the first line (printed before simulating). */
export function formatSummary(s: Summary, options: { title?: boolean } = {}): string {
  const lines: string[] = [];
  if (options.title !== false) lines.push(runTitle({ title: s.scenario.title, runs: s.runs, seed: s.seed, mechanism: s.mechanism }), '');
  lines.push(...s.headline);
  lines.push('');
  const rows = outcomeRows(s);
  const width = Math.max(...rows.map(([name]) => name.length));
  lines.push(`${'Outcome'.padEnd(width)}  ${'share'.padStart(6)}  [95% interval]`);
  for (const [name, p] of rows) lines.push(`${name.padEnd(width)}  ${share(p)}`);
  lines.push(...timeLines(s));
  lines.push(...blockerLines(s));
  lines.push(...forecastLines(s));
  if (s.topPackages.length > 0) {
    lines.push('');
    lines.push(`Most frequent ${s.mechanismKind === 'forecast' ? 'accepted forecasts' : 'deals'} (share of them):`);
    // Each package on lines of at most SUMMARY_WIDTH characters, broken between its terms, continuations under the first term.
    for (const p of s.topPackages.slice(0, 5)) {
      const lead = `${String(p.rank).padStart(3)}. ${percent(p.shareOfDeals).padStart(5)}  `;
      joinIntoLines(p.label.split(' · '), ' · ', SUMMARY_WIDTH - lead.length).forEach((line, k) =>
        lines.push(`${k === 0 ? lead : ' '.repeat(lead.length)}${line}`),
      );
    }
  }
  lines.push('');
  lines.push(
    ...wrap(
      "Utility: each actor's value of the outcome on its own scale (0 = its worst package, 1 = its best); its fallback (reservation) is its value of no deal; a deal counts as the fallback plus the package's gain over it, discounted by the actor's patience for the rounds the deal took; gain in deals: mean in deals minus fallback.",
      SUMMARY_WIDTH,
    ),
  );
  lines.push(
    table([
      ['Actor', 'fallback', 'mean outcome', 'mean in deals', 'gain in deals'],
      ...s.actors.map((a) => [
        a.label,
        a.meanReservation.toFixed(3),
        a.meanUtility.toFixed(3),
        a.meanUtilityInDeals === null ? '—' : a.meanUtilityInDeals.toFixed(3),
        a.meanUtilityInDeals === null
          ? '—'
          : (a.meanUtilityInDeals - a.meanReservation >= 0 ? '+' : '') + (a.meanUtilityInDeals - a.meanReservation).toFixed(3),
      ]),
    ]),
  );
  return lines.join('\n');
}
