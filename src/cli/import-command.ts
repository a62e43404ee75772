/**
 * `parley import FORMAT FILE... [--out MODEL.yaml] [--levels N]`: writes a parley model from
 * published negotiation data — one file of spatial data (BDM CSV, KTAB SMP CSV, decide), or an
 * ANAC scenario: a domain and one profile per party (GENIUS XML, GeniusWeb JSON). The mapping is
 * pure (src/import/); this file reads the input, checks the model validates and compiles exactly
 * as `parley validate` will read it, and writes it without ever overwriting a file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeOutputFile } from './run-folder.ts';
import { parseScenarioText, tryPrepareScenario } from '../index.ts';
import { formatProblems, MAX_PROBLEMS_LISTED } from '../scenario/problems.ts';
import { readTextFile } from '../node/read-text-file.ts';
import { ANAC_FORMATS, IMPORT_FORMATS, importAnac, importModel, isAnacFormat, isImportFormat } from '../import/import-model.ts';
import { formatImportProblem } from '../import/spatial-data.ts';
import { UsageError } from '../node/usage-error.ts';
import { thousands } from '../format/numbers.ts';

export interface ImportFlags {
  out?: string;
  levels?: number;
}

function refuseExisting(out: string): void {
  if (existsSync(out)) throw new UsageError([`${out} already exists; parley import never overwrites a file (choose another --out)`]);
}

/** An input file's text (regular files of readable UTF-8 only), or a usage error naming it. */
function readInput(file: string): { text: string; file: string } {
  const read = readTextFile(file);
  if (!read.ok) throw new UsageError([`${file}: ${read.message}`]);
  return { text: read.text, file };
}

/** The model of `files` in `format`, or a usage error listing the input's problems. */
function importFiles(format: string, files: readonly string[], flags: ImportFlags) {
  if (isImportFormat(format)) {
    if (files.length !== 1) throw new UsageError([`${format}: expected one data file, got ${files.length}`]);
    const [input] = files.map(readInput);
    return importModel(format, input.text, input.file, { levels: flags.levels });
  }
  if (isAnacFormat(format)) {
    if (files.length < 3)
      throw new UsageError([
        `${format}: expected the domain file, then one profile per party (at least 2), got ${files.length} file${files.length === 1 ? '' : 's'}`,
      ]);
    const [domain, ...profiles] = files.map(readInput);
    return importAnac(format, domain, profiles, { levels: flags.levels });
  }
  const formats = { ...IMPORT_FORMATS, ...ANAC_FORMATS };
  throw new UsageError([
    `FORMAT: expected one of ${Object.keys(formats).join(', ')}, got "${format}"`,
    ...Object.entries(formats).map(([name, f]) => `  ${name}: ${f.description}`),
  ]);
}

export function importCommand(format: string, files: readonly string[], flags: ImportFlags, io: { out: NodeJS.WritableStream }): number {
  if (flags.out !== undefined) refuseExisting(flags.out);
  const imported = importFiles(format, files, flags);
  const file = files.join(', ');
  if (!imported.ok) {
    const lines = imported.problems.slice(0, MAX_PROBLEMS_LISTED).map(formatImportProblem);
    const more = imported.problems.length - lines.length;
    throw new UsageError(more > 0 ? [...lines, `… and ${thousands(more)} more problems in ${file} (fix these first)`] : lines);
  }
  const { scenario } = imported.model;
  const out = flags.out ?? join('models', `${scenario.name}.yaml`);
  refuseExisting(out);

  // The model as `parley validate OUT` will read it: a problem here is the data's, shown before anything is written.
  const parsed = parseScenarioText(imported.yaml, out);
  const prepared = parsed.ok ? tryPrepareScenario(parsed.scenario, out) : parsed;
  if (!prepared.ok) throw new UsageError([`${file}: the imported model does not validate; nothing written:`, ...formatProblems(prepared.problems)]);

  writeOutputFile(out, imported.yaml, { flag: '--out', command: 'parley import' });
  const issues = Object.values(scenario.issues);
  const levels = new Set(issues.map((i) => ('levels' in i ? i.levels : undefined)));
  const [commonLevels] = levels;
  const assumed = isAnacFormat(format)
    ? 'The rounds, capability and negotiators are assumptions'
    : 'Reservation, patience, concession, rounds, breakdown risk and veto players are assumptions';
  io.out.write(
    `Wrote ${out}: ${Object.keys(scenario.actors).length} actors, ${issues.length} issue${issues.length === 1 ? '' : 's'}${levels.size === 1 && commonLevels !== undefined ? ` of ${commonLevels} levels` : ''} ` +
      `(${thousands(prepared.compiled.packageCount)} packages), veto players ${scenario.vetoPlayers.join(', ')}.\n` +
      `${assumed} (see the header and each "assumption:" source).\n` +
      `Next: parley validate ${out} && parley run ${out}\n`,
  );
  return 0;
}
