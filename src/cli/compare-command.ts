/**
 * `parley compare RUN_DIR... [--out DIR]`: finished run folders side by side, labelled by what
 * they ran, with what differs between them setting by setting and parameter by parameter
 * (simulation/batch-differences.ts). Writes a
 * comparison folder — comparison.json, charts/ (Vega-Lite specs and SVGs), report.html,
 * manifest.json — through a temporary folder renamed into place, like a run folder.
 * `parley run --variant all | --mechanism all` writes one of these around its batches.
 */
import { existsSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import {
  buildCharts,
  buildPageHtml,
  compare,
  comparisonChartBuilders,
  htmlTable,
  validateScenario,
  writeCharts,
  type ChartFiles,
  type Comparison,
  type Difference,
  type LabelledSummary,
  type RunFolder,
  type StoredSummary,
} from '../index.ts';
import { caption, withCaption } from '../charts/caption.ts';
import { provenanceOf, shownCommand } from '../node/provenance.ts';
import type { Scenario } from '../scenario/schema.ts';
import { batchDifferences, differencesSentence, type BatchDifferences, type BatchRecord, type FieldDifference } from '../simulation/batch-differences.ts';
import { provenanceLabel } from '../simulation/provenance.ts';
import { readFolderJson } from './folder-files.ts';
import { tablePercent, tablePoints, thousands } from '../format/numbers.ts';
import { defaultRunName, openRunFolder, withRunFolder } from './run-folder.ts';
import { shellQuote } from '../node/shell-quote.ts';
import { UsageError } from '../node/usage-error.ts';
import { printOutcome } from './print-outcome.ts';

const WRITTEN_BY = 'parley run or parley merge';

function isSummary(x: unknown): x is StoredSummary {
  // JSON from a file: any of these may be missing.
  const s = x as { runs?: unknown; outcomes?: { deal?: { share?: unknown } }; terms?: unknown; actors?: unknown } | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.runs === 'number' &&
    typeof s.outcomes?.deal?.share === 'number' &&
    Array.isArray(s.terms) &&
    Array.isArray(s.actors)
  );
}

/** A finished run folder: its summary labelled by its folder name, its manifest, and what it ran (provenance, scenario.json). */
export interface ReadBatch extends LabelledSummary {
  manifest: Record<string, unknown>;
  record: BatchRecord;
}

/** The scenario a run folder ran, or null when it holds none or not a readable one (then its parameters are not compared). */
function readScenario(dir: string): Scenario | null {
  const file = join(dir, 'scenario.json');
  if (!existsSync(file)) return null;
  const parsed = validateScenario(readFolderJson(file, WRITTEN_BY), file);
  return parsed.ok ? parsed.scenario : null;
}

/** A finished run folder's summary, labelled by its folder name, with what it ran. */
export function readLabelledSummary(dir: string): ReadBatch {
  const summary = readFolderJson(join(dir, 'summary.json'), WRITTEN_BY);
  if (!isSummary(summary)) throw new UsageError([`${join(dir, 'summary.json')}: expected the summary.json of a finished run (runs, outcomes, terms, actors)`]);
  const manifest = readFolderJson(join(dir, 'manifest.json'), WRITTEN_BY) as Record<string, unknown>;
  const label = basename(resolve(dir));
  const record: BatchRecord = {
    label,
    provenance: provenanceOf(summary.scenario.name, manifest.model),
    mechanism: summary.mechanism ?? 'alternating-offers',
    seed: summary.seed,
    runs: summary.runs,
    scenario: readScenario(dir),
  };
  return { label, folder: dir, summary, manifest, record };
}

/**
 * The batches labelled by what they ran — the scenario with its variant and override digest
 * (provenance.ts), and the mechanism when the batches' mechanisms differ — when that tells them
 * all apart; otherwise by their folders' names.
 */
export function describedLabels(batches: ReadBatch[]): ReadBatch[] {
  const mechanisms = new Set(batches.map((b) => b.record.mechanism));
  const labels = batches.map((b) => `${provenanceLabel(b.record.provenance)}${mechanisms.size > 1 ? ` · ${b.record.mechanism}` : ''}`);
  if (new Set(labels).size < labels.length) return batches;
  return batches.map((b, k) => ({ ...b, label: labels[k], record: { ...b.record, label: labels[k] } }));
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
    c.batches.map((b) => [b.label, b.scenario, b.mechanism, b.seed, thousands(b.runs), b.folder ?? '—']),
  );
  const outcomes = htmlTable(
    'Outcome shares and their difference from the baseline (points, 95% interval)',
    [
      { title: 'Batch' },
      { title: 'Outcome' },
      { title: 'Share', numeric: true },
      { title: '95% interval', numeric: true },
      { title: 'Difference', numeric: true },
      { title: 'Beyond Monte Carlo error?' },
    ],
    c.outcomes.map((o) => [
      o.batch,
      o.outcome,
      pct(o.share.share),
      `${pct(o.share.low)}–${pct(o.share.high)}`,
      o.vsBaseline === null ? '—' : `${signedPoints(o.vsBaseline)}${o.vsBaseline.method === 'paired' ? ' paired' : ''}`,
      verdict(o.vsBaseline),
    ]),
  );
  const utilities = htmlTable(
    "Each actor's mean utility and its difference from the baseline (95% interval)",
    [
      { title: 'Actor' },
      { title: 'Batch' },
      { title: 'Mean utility', numeric: true },
      { title: 'Difference', numeric: true },
      { title: 'Beyond Monte Carlo error?' },
    ],
    c.actors.flatMap((a) =>
      a.utility.map((u) => [
        a.label,
        u.batch,
        u.mean.toFixed(3),
        u.vsBaseline === null
          ? '—'
          : `${u.vsBaseline.estimate >= 0 ? '+' : ''}${u.vsBaseline.estimate.toFixed(3)} (${u.vsBaseline.low.toFixed(3)} to ${u.vsBaseline.high.toFixed(3)})`,
        u.vsBaseline === null && u.batch !== c.baseline ? 'unknown (a summary without sdUtility)' : verdict(u.vsBaseline),
      ]),
    ),
    "Utility of the outcome: a deal's gain over the fallback discounted by the actor's patience for the rounds it took; the fallback without a deal.",
  );
  const shifts = c.terms.flatMap((t) =>
    t.options
      .filter((o) => o.vsBaseline?.beyondMonteCarloError === true)
      .map((o) => [t.label, o.optionLabel, o.batch, pct(o.share.share), signedPoints(o.vsBaseline!)]),
  );
  const levels = c.terms.flatMap((t) =>
    t.meanLevel.map((m) => [
      t.label,
      m.batch,
      m.mean.toFixed(3),
      m.vsBaseline === null ? '—' : `${m.vsBaseline.estimate >= 0 ? '+' : ''}${m.vsBaseline.estimate.toFixed(3)}`,
      verdict(m.vsBaseline),
    ]),
  );
  const tables = [batches, outcomes];
  tables.push(
    htmlTable(
      'Agreed terms whose share of deals moved beyond the Monte Carlo error (points, 95% interval)',
      [{ title: 'Issue' }, { title: 'Term' }, { title: 'Batch' }, { title: 'Share of deals', numeric: true }, { title: 'Difference', numeric: true }],
      shifts.length > 0 ? shifts : [['—', 'no term moved beyond the Monte Carlo error', '', '', '']],
    ),
  );
  if (levels.length > 0) {
    tables.push(
      htmlTable(
        'Mean agreed level of numeric issues',
        [
          { title: 'Issue' },
          { title: 'Batch' },
          { title: 'Mean level', numeric: true },
          { title: 'Difference', numeric: true },
          { title: 'Beyond Monte Carlo error?' },
        ],
        levels,
      ),
    );
  }
  tables.push(utilities);
  return tables;
}

/** What differs between the batches, setting by setting and parameter by parameter, as tables (the first is the baseline). */
function differenceTables(labels: string[], d: BatchDifferences): string {
  const columns = [{ title: 'Field' }, ...labels.map((title) => ({ title }))];
  const cells = (f: FieldDifference) => [f.field, ...f.values.map((v) => v ?? '—')];
  const settings = htmlTable(
    'Settings that differ (from each folder’s manifest.json)',
    columns,
    d.settings.length > 0 ? d.settings.map(cells) : [['none', ...labels.map(() => '')]],
  );
  const unknown = d.unknownScenario.length === 0 ? undefined : `Not compared for ${d.unknownScenario.join(', ')}: the folder holds no scenario.json.`;
  const parameters = htmlTable(
    'Model fields that differ (from each folder’s scenario.json: the model as the batch ran it, variant and overrides applied; values as --set writes them)',
    columns,
    d.parameters.length > 0 ? d.parameters.map(cells) : [['none: every settable field is the same', ...labels.map(() => '')]],
    unknown,
  );
  return `<section class="differences" id="differences">\n<h2>What differs between the batches</h2>\n${settings}\n${parameters}\n</section>`;
}

/** Each batch's provenance, one row per batch: what it ran. */
function batchesProvenanceTable(records: readonly BatchRecord[]): string {
  return htmlTable(
    'What each batch ran',
    [{ title: 'Batch' }, { title: 'Model file' }, { title: 'SHA-256 (first 12)' }, { title: 'Variant' }, { title: 'Overrides' }],
    records.map((r) => [
      r.label,
      r.provenance.model?.file ?? '—',
      r.provenance.model?.sha256.slice(0, 12) ?? '—',
      r.provenance.variant ?? 'none',
      r.provenance.overrides.length === 0 ? 'none' : r.provenance.overrides.map((o) => `--set ${o}`).join(' '),
    ]),
  );
}

/** Writes comparison.json, the charts and report.html into `folder`; returns the files written. `records` (what each batch ran) adds its differences. */
export async function writeComparison(
  folder: RunFolder,
  comparison: Comparison,
  meta: { title: string; command: string; createdAt: string },
  options: ChartFiles = {},
  records: readonly BatchRecord[] = [],
): Promise<string[]> {
  const differences = records.length === comparison.batches.length ? batchDifferences(records) : null;
  folder.writeJson('comparison.json', differences === null ? comparison : { ...comparison, differences });
  const first = comparison.batches[0];
  const lines = caption([`comparison of ${comparison.batches.map((b) => b.label).join(' | ')}`, `${thousands(first.runs)} runs`, `seed ${first.seed}`], null);
  const charts = buildCharts(comparisonChartBuilders, comparison).map((chart) => ({ ...chart, spec: withCaption(chart.spec, lines) }));
  const files = ['comparison.json', 'report.html', ...(await writeCharts(folder, charts, options))];
  const facts = [
    `${comparison.batches.length} batches`,
    `baseline ${comparison.baseline}`,
    ...(comparison.commonRandomNumbers ? ['same seed and runs in every batch (common random numbers)'] : []),
    meta.createdAt,
  ];
  const headline = differences === null ? comparison.headline : [differencesSentence(differences), ...comparison.headline];
  folder.write(
    'report.html',
    buildPageHtml({
      title: meta.title,
      facts,
      command: meta.command,
      provenance:
        differences === null
          ? undefined
          : differenceTables(
              comparison.batches.map((b) => b.label),
              differences,
            ),
      headline,
      tables: [...(records.length > 0 ? [batchesProvenanceTable(records)] : []), ...comparisonTables(comparison)],
      charts,
    }),
  );
  return files;
}

/** The comparison in the terminal: what differs (when known: each field's values in batch order), then its headline sentences. */
export function formatComparison(c: Comparison, records: readonly BatchRecord[] = []): string {
  if (records.length !== c.batches.length) return c.headline.join('\n');
  const d = batchDifferences(records);
  const fields = [...d.settings.filter((f) => f.field !== 'overrides'), ...d.parameters];
  if (fields.length === 0) return ['Same model and settings in every batch.', '', ...c.headline].join('\n');
  const shown = fields.slice(0, 12);
  const width = Math.max(...shown.map((f) => f.field.length));
  const rows = shown.map((f) => `  ${f.field.padEnd(width)}  ${f.values.map((v) => v ?? '—').join(' | ')}`);
  const more = fields.length > 12 ? [`  … and ${fields.length - 12} more (report.html lists them all)`] : [];
  const order = `What differs, in batch order (${c.batches.map((b) => b.label).join(' | ')}):`;
  return [order, ...rows, ...more, '', ...c.headline].join('\n');
}

/** --json prints the comparison as JSON on stdout and the closing line on stderr. */
export async function compareCommand(
  dirs: string[],
  flags: { out?: string; json?: boolean },
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream; version: string; argv: string[] },
): Promise<number> {
  if (dirs.length < 2) throw new UsageError([`compare: expected at least two run folders, got ${dirs.length}`]);
  const startedAt = new Date();
  const read = describedLabels(dirs.map(readLabelledSummary));
  const labelled = uniqueLabels(read);
  const records = read.map((r, k) => ({ ...r.record, label: labelled[k].label }));
  const comparison = compare(labelled);
  const folder = openRunFolder(flags.out, join('runs', defaultRunName('compare', startedAt)));
  return withRunFolder(folder, async () => {
    const command = io.argv.slice(2).map(shellQuote).join(' ');
    const files = await writeComparison(
      folder,
      comparison,
      { title: `Comparison of ${dirs.length} batches`, command: shownCommand(io.argv), createdAt: startedAt.toISOString() },
      {},
      records,
    );
    const manifest = { parley: io.version, command, folders: dirs, startedAt: startedAt.toISOString(), files };
    folder.writeJson('manifest.json', manifest);
    const written = relative(process.cwd(), folder.commit()) || '.';
    // As comparison.json holds it: the comparison with what differs between the batches.
    const json = { folder: written, manifest, comparison: { ...comparison, differences: batchDifferences(records) } };
    printOutcome(io, flags.json, {
      text: formatComparison(comparison, records),
      closing: `Wrote ${written}/ (report.html, comparison.json, charts/).\n`,
      json,
    });
    return 0;
  });
}
