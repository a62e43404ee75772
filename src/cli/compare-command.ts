/**
 * `parley compare RUN_DIR... [--out DIR]`: finished run folders side by side. Writes a
 * comparison folder — comparison.json, charts/ (Vega-Lite specs and SVGs), report.html,
 * manifest.json — through a temporary folder renamed into place, like a run folder.
 * `parley run --variant all | --mechanism all` writes one of these around its batches.
 */
import { basename, join, relative, resolve } from 'node:path';
import { buildCharts, buildPageHtml, compare, comparisonChartBuilders, htmlTable, writeCharts, type ChartFiles, type Comparison, type Difference, type LabelledSummary, type RunFolder, type StoredSummary } from '../index.ts';
import { readFolderJson } from './folder-files.ts';
import { tablePercent, tablePoints } from '../format/numbers.ts';
import { defaultRunName, openRunFolder, withRunFolder } from './run-folder.ts';
import { shellQuote } from '../node/shell-quote.ts';
import { UsageError } from '../node/usage-error.ts';
import { printOutcome } from './print-outcome.ts';

const WRITTEN_BY = 'parley run or parley merge';

function isSummary(x: unknown): x is StoredSummary {
  // JSON from a file: any of these may be missing.
  const s = x as { runs?: unknown; outcomes?: { deal?: { share?: unknown } }; terms?: unknown; actors?: unknown } | null;
  return typeof s === 'object' && s !== null && typeof s.runs === 'number' && typeof s.outcomes?.deal?.share === 'number' && Array.isArray(s.terms) && Array.isArray(s.actors);
}

/** A finished run folder's summary, labelled by its variant, its mechanism or its folder name. */
export function readLabelledSummary(dir: string): LabelledSummary & { manifest: Record<string, unknown> } {
  const summary = readFolderJson(join(dir, 'summary.json'), WRITTEN_BY);
  if (!isSummary(summary)) throw new UsageError([`${join(dir, 'summary.json')}: expected the summary.json of a finished run (runs, outcomes, terms, actors)`]);
  const manifest = readFolderJson(join(dir, 'manifest.json'), WRITTEN_BY) as Record<string, unknown>;
  return { label: basename(resolve(dir)), folder: dir, summary, manifest };
}

/** Gives batches with the same label distinct ones (folder names can repeat across parents). */
function uniqueLabels(entries: LabelledSummary[]): LabelledSummary[] {
  const seen = new Map<string, number>();
  return entries.map((e) => {
    const n = (seen.get(e.label) ?? 0) + 1;
    seen.set(e.label, n);
    return n === 1 ? e : { ...e, label: `${e.label} (${n})` };
  });
}

const pct = tablePercent;
const signedPoints = (d: Difference) => `${tablePoints(d.estimate)} (${(100 * d.low).toFixed(1)} to ${(100 * d.high).toFixed(1)})`;
const verdict = (d: Difference | null) => (d === null ? 'baseline' : d.beyondMonteCarloError ? 'yes' : 'no');

function comparisonTables(c: Comparison): string[] {
  const batches = htmlTable(
    'Batches (the first is the baseline)',
    [{ title: 'Batch' }, { title: 'Scenario' }, { title: 'Mechanism' }, { title: 'Seed' }, { title: 'Runs', numeric: true }, { title: 'Folder' }],
    c.batches.map((b) => [b.label, b.scenario, b.mechanism, b.seed, b.runs.toLocaleString('en-US'), b.folder ?? '—']),
  );
  const outcomes = htmlTable(
    'Outcome shares and their difference from the baseline (points, 95% interval)',
    [{ title: 'Batch' }, { title: 'Outcome' }, { title: 'Share', numeric: true }, { title: '95% interval', numeric: true }, { title: 'Difference', numeric: true }, { title: 'Beyond Monte Carlo error?' }],
    c.outcomes.map((o) => [o.batch, o.outcome, pct(o.share.share), `${pct(o.share.low)}–${pct(o.share.high)}`, o.vsBaseline === null ? '—' : signedPoints(o.vsBaseline), verdict(o.vsBaseline)]),
  );
  const utilities = htmlTable(
    "Each actor's mean utility and its difference from the baseline (95% interval)",
    [{ title: 'Actor' }, { title: 'Batch' }, { title: 'Mean utility', numeric: true }, { title: 'Difference', numeric: true }, { title: 'Beyond Monte Carlo error?' }],
    c.actors.flatMap((a) =>
      a.utility.map((u) => [
        a.label,
        u.batch,
        u.mean.toFixed(3),
        u.vsBaseline === null ? '—' : `${u.vsBaseline.estimate >= 0 ? '+' : ''}${u.vsBaseline.estimate.toFixed(3)} (${u.vsBaseline.low.toFixed(3)} to ${u.vsBaseline.high.toFixed(3)})`,
        u.vsBaseline === null && u.batch !== c.baseline ? 'unknown (a summary without sdUtility)' : verdict(u.vsBaseline),
      ]),
    ),
  );
  const shifts = c.terms.flatMap((t) =>
    t.options
      .filter((o) => o.vsBaseline?.beyondMonteCarloError === true)
      .map((o) => [t.label, o.optionLabel, o.batch, pct(o.share.share), signedPoints(o.vsBaseline!)]),
  );
  const levels = c.terms.flatMap((t) => t.meanLevel.map((m) => [t.label, m.batch, m.mean.toFixed(3), m.vsBaseline === null ? '—' : `${m.vsBaseline.estimate >= 0 ? '+' : ''}${m.vsBaseline.estimate.toFixed(3)}`, verdict(m.vsBaseline)]));
  const tables = [batches, outcomes];
  tables.push(
    htmlTable(
      'Agreed terms whose share of deals moved beyond the Monte Carlo error (points, 95% interval)',
      [{ title: 'Issue' }, { title: 'Term' }, { title: 'Batch' }, { title: 'Share of deals', numeric: true }, { title: 'Difference', numeric: true }],
      shifts.length > 0 ? shifts : [['—', 'no term moved beyond the Monte Carlo error', '', '', '']],
    ),
  );
  if (levels.length > 0) {
    tables.push(htmlTable('Mean agreed level of numeric issues', [{ title: 'Issue' }, { title: 'Batch' }, { title: 'Mean level', numeric: true }, { title: 'Difference', numeric: true }, { title: 'Beyond Monte Carlo error?' }], levels));
  }
  tables.push(utilities);
  return tables;
}

/** Writes comparison.json, the charts and report.html into `folder`; returns the files written. */
export async function writeComparison(folder: RunFolder, comparison: Comparison, meta: { title: string; command: string; createdAt: string }, options: ChartFiles = {}): Promise<string[]> {
  folder.writeJson('comparison.json', comparison);
  const charts = buildCharts(comparisonChartBuilders, comparison);
  const files = ['comparison.json', 'report.html', ...(await writeCharts(folder, charts, options))];
  const facts = [`${comparison.batches.length} batches`, `baseline ${comparison.baseline}`, ...(comparison.commonRandomNumbers ? ['same seed and runs in every batch (common random numbers)'] : []), meta.createdAt];
  folder.write('report.html', buildPageHtml({ title: meta.title, facts, command: meta.command, headline: comparison.headline, tables: comparisonTables(comparison), charts }));
  return files;
}

/** The comparison in the terminal: its headline sentences. */
export function formatComparison(c: Comparison): string {
  return c.headline.join('\n');
}

/** --json prints the comparison as JSON on stdout and the closing line on stderr. */
export async function compareCommand(dirs: string[], flags: { out?: string; json?: boolean }, io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream; version: string; argv: string[] }): Promise<number> {
  if (dirs.length < 2) throw new UsageError([`compare: expected at least two run folders, got ${dirs.length}`]);
  const startedAt = new Date();
  const read = dirs.map(readLabelledSummary);
  const comparison = compare(uniqueLabels(read));
  const folder = openRunFolder(flags.out, join('runs', defaultRunName('compare', startedAt)));
  return withRunFolder(folder, async () => {
    const command = io.argv.slice(2).map(shellQuote).join(' ');
    const files = await writeComparison(folder, comparison, { title: `Comparison of ${dirs.length} batches`, command: `parley ${command}`, createdAt: startedAt.toISOString() });
    const manifest = { parley: io.version, command, folders: dirs, startedAt: startedAt.toISOString(), files };
    folder.writeJson('manifest.json', manifest);
    const written = relative(process.cwd(), folder.commit()) || '.';
    printOutcome(io, flags.json, { text: formatComparison(comparison), closing: `Wrote ${written}/ (report.html, comparison.json, charts/).\n`, json: { folder: written, manifest, comparison } });
    return 0;
  });
}
