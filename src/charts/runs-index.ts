/**
 * runs/index.html: one row per finished run folder — scenario with its variant and override
 * digest, the model file and its hash, every override, seed, runs, P(deal) with its interval, the
 * most frequent deal, when it ran — each linking to its report. Folder names and
 * everything read from the folders are escaped. Partial folders (a run being written, or one that
 * was killed) are listed apart as incomplete, with the command that removes a stopped one.
 */
import { tablePercent, thousands } from '../format/numbers.ts';
import { provenanceLabel, type Provenance } from '../simulation/provenance.ts';
import { escapeHtml } from './report-html.ts';

export interface RunListing {
  folder: string;
  scenario: string;
  /** The model file the batch was run from, and its mechanism. */
  model: string;
  mechanism: string;
  title: string;
  seed: string;
  runs: number;
  startedAt: string;
  dealShare: number;
  dealLow: number;
  dealHigh: number;
  topPackage: string;
  command: string;
  /** What the batch ran: model file, hash, variant, overrides (from its manifest). */
  provenance?: Provenance;
}

const pct = tablePercent;

/** A folder with a report that is not a single batch: a comparison, a sweep, a sensitivity analysis. */
export interface ReportListing {
  folder: string;
  /** What it is, e.g. "comparison", "sweep". */
  kind: string;
  command: string;
  startedAt: string;
  /** What the analysis ran (sweeps and sensitivity analyses record it; comparisons do not). */
  provenance?: Provenance;
}

/** What a batch ran, in small type under its title: model file and short hash, then each override. */
function provenanceCell(p: Provenance | undefined, mechanism: string | null): string {
  if (p === undefined) return '';
  const model = p.model === null ? '' : ` · ${escapeHtml(p.model.file)} <code>${escapeHtml(p.model.sha256.slice(0, 12))}</code>`;
  const overrides = p.overrides.map((o) => `<br><small><code>--set ${escapeHtml(o)}</code></small>`).join('');
  const rebalanced = p.rebalanced.map((r) => `<br><small>rebalanced ${escapeHtml(r)}</small>`).join('');
  return `<br><small>${escapeHtml(provenanceLabel(p))}${mechanism === null ? '' : ` · ${escapeHtml(mechanism)}`}${model}</small>${overrides}${rebalanced}`;
}

/** A partial folder: a run still being written, or one that stopped before it finished. */
export interface IncompleteListing {
  /** The finished folder's name it would become. */
  folder: string;
  /** The partial folder's own name (`.NAME.partial`). */
  partial: string;
  state: 'running' | 'stopped' | 'unknown';
  /** Who wrote it: process id, host, start time. */
  writer: string;
  /** The shell command that removes it. */
  remove: string;
}

function incompleteTable(incomplete: IncompleteListing[]): string {
  if (incomplete.length === 0) return '';
  const state = {
    running: 'being written now',
    stopped: 'stopped before it finished (killed or crashed); holds no results',
    unknown: 'unknown origin; holds no finished results',
  };
  const rows = incomplete
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.folder)}<br><small>${escapeHtml(r.partial)}</small></td><td>${escapeHtml(state[r.state])}<br><small>${escapeHtml(r.writer)}</small></td><td>${r.state === 'running' ? '' : `<code>${escapeHtml(r.remove)}</code>`}</td></tr>`,
    )
    .join('\n');
  return `\n<h2>Incomplete</h2>\n<table><thead><tr><th>Folder</th><th>State</th><th>To remove it</th></tr></thead>\n<tbody>\n${rows}\n</tbody></table>`;
}

export function buildRunsIndexHtml(runs: RunListing[], others: ReportListing[] = [], incomplete: IncompleteListing[] = []): string {
  const otherRows = others
    .map(
      (r) =>
        `<tr><td><a href="${encodeURI(r.folder)}/report.html">${escapeHtml(r.folder)}</a></td><td>${escapeHtml(r.kind)}${provenanceCell(r.provenance, null)}</td><td><code>${escapeHtml(r.command)}</code></td><td>${escapeHtml(r.startedAt)}</td></tr>`,
    )
    .join('\n');
  const otherTable =
    others.length === 0
      ? ''
      : `\n<h2>Comparisons and analyses</h2>\n<table><thead><tr><th>Folder</th><th>Kind</th><th>Command</th><th>Started</th></tr></thead>\n<tbody>\n${otherRows}\n</tbody></table>`;
  const rows = runs
    .map(
      (r) =>
        `<tr><td><a href="${encodeURI(r.folder)}/report.html">${escapeHtml(r.folder)}</a></td><td>${escapeHtml(r.title)}${r.provenance === undefined ? `<br><small>${escapeHtml(r.scenario)} · ${escapeHtml(r.mechanism)}${r.model === '' ? '' : ` · ${escapeHtml(r.model)}`}</small>` : provenanceCell(r.provenance, r.mechanism)}</td>` +
        `<td>${escapeHtml(r.seed)}</td><td class="n">${thousands(r.runs)}</td><td class="n">${pct(r.dealShare)} <small>[${pct(r.dealLow)}–${pct(r.dealHigh)}]</small></td>` +
        `<td>${escapeHtml(r.topPackage)}</td><td>${escapeHtml(r.startedAt)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>parley runs</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#222}small{font-size:12px}code{font-size:12px}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:left;vertical-align:top}td.n{text-align:right;white-space:nowrap}small{color:#666}</style>
</head><body><h1>parley runs</h1>
<p>${runs.length} finished run folder${runs.length === 1 ? '' : 's'}, newest first. P(deal) with its 95% Wilson interval.</p>
<table><thead><tr><th>Folder</th><th>Scenario</th><th>Seed</th><th>Runs</th><th>P(deal)</th><th>Most frequent deal</th><th>Started</th></tr></thead>
<tbody>
${rows}
</tbody></table>${otherTable}${incompleteTable(incomplete)}</body></html>
`;
}
