/** The summary table printed on stdout after a run. */
import type { Summary } from '../simulation/summary-types.ts';
import { percent } from '../simulation/headline.ts';
import type { Proportion } from '../simulation/wilson.ts';

function share(p: Proportion): string {
  return `${percent(p.share).padStart(6)}  [${percent(p.low)}–${percent(p.high)}]`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

/** A batch's first line: the scenario, the runs, the seed and (unless the default) the mechanism. */
export function runTitle(batch: { title: string; runs: number; seed: string; mechanism?: string }): string {
  const mechanism = batch.mechanism === undefined || batch.mechanism === 'alternating-offers' ? '' : `, ${batch.mechanism}`;
  return `${batch.title} — ${batch.runs.toLocaleString('en-US')} runs, seed ${batch.seed}${mechanism}`;
}

/** The summary in the terminal; `title: false` leaves out the first line (printed before simulating). */
export function formatSummary(s: Summary, options: { title?: boolean } = {}): string {
  const lines: string[] = [];
  if (options.title !== false) lines.push(runTitle({ title: s.scenario.title, runs: s.runs, seed: s.seed, mechanism: s.mechanism }), '');
  lines.push(...s.headline);
  lines.push('');
  lines.push('Outcome     share   [95% interval]');
  lines.push(`deal       ${share(s.outcomes.deal)}`);
  lines.push(`breakdown  ${share(s.outcomes.breakdown)}`);
  lines.push(`deadline   ${share(s.outcomes.deadline)}`);
  if (s.roundsToDeal.mean !== null) {
    lines.push(`rounds to a deal: median ${s.roundsToDeal.median}, 10–90% ${s.roundsToDeal.p10}–${s.roundsToDeal.p90} (of ${s.rounds})`);
  }
  if (s.topPackages.length > 0) {
    lines.push('');
    lines.push('Most frequent deals (share of deals):');
    for (const p of s.topPackages.slice(0, 5)) lines.push(`${String(p.rank).padStart(3)}. ${percent(p.shareOfDeals).padStart(5)}  ${p.label}`);
  }
  lines.push('');
  lines.push(
    table([
      ['Actor', 'mean utility', 'median', 'reservation', 'above it'],
      ...s.actors.map((a) => [a.label, a.meanUtility.toFixed(3), a.quantiles.p50.toFixed(2), a.meanReservation.toFixed(3), percent(a.aboveReservation.share)]),
    ]),
  );
  return lines.join('\n');
}
