/**
 * `parley check [--only TEXT]`: runs the validation suite and prints a table — case, source,
 * expected (from a formula or a published figure), parley's value, difference, pass/fail —
 * with skipped cases (a file of models/anchors/ missing) and notes below it. Exit 0 when every case
 * passes, 1 when any fails or could not run (a skipped case is not a pass).
 */
import { checkSuites, passes, runChecks, type CheckCase, type CheckSuite } from '../check/index.ts';
import { UsageError } from '../node/usage-error.ts';

function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  return abs >= 1e4 || abs < 1e-4 ? x.toExponential(3) : Number(x.toPrecision(6)).toString();
}

function row(c: CheckCase): string[] {
  if (c.skipped !== undefined) return [c.name, c.source, '—', '—', '—', 'skip'];
  const difference = c.actual - c.expected;
  return [
    c.name,
    c.source,
    formatNumber(c.expected),
    formatNumber(c.actual),
    `${formatNumber(difference)} (±${formatNumber(c.tolerance)})`,
    passes(c) ? 'pass' : 'FAIL',
  ];
}

/** Columns padded to their widest cell; the case and source columns are capped and wrap. */
function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, k) => (k >= 2 ? cell.padStart(widths[k]) : cell.padEnd(widths[k])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

export function checkCommand(flags: { only?: string }, io: { out: NodeJS.WritableStream }, suites: readonly CheckSuite[] = checkSuites): number {
  const results = runChecks(flags.only, suites);
  if (results.length === 0) throw new UsageError([`--only: no suite's title contains "${flags.only}"`]);
  const header = ['case', 'source', 'expected', 'parley', 'difference (tolerance)', 'result'];
  let failed = 0;
  let passed = 0;
  let skipped = 0;
  for (const suite of results) {
    io.out.write(`\n${suite.title}\n\n${formatTable(header, suite.cases.map(row))}\n`);
    const notes = suite.cases.filter((c) => c.note !== undefined || c.skipped !== undefined);
    for (const c of notes) io.out.write(`  · ${c.name}: ${c.skipped ?? c.note}\n`);
    for (const c of suite.cases) {
      if (c.skipped !== undefined) skipped++;
      else if (passes(c)) passed++;
      else failed++;
    }
  }
  io.out.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped.\n`);
  return failed === 0 && skipped === 0 ? 0 : 1;
}
