/**
 * `parley import FORMAT FILE [--out MODEL.yaml] [--levels N]`: writes a parley model from published
 * negotiation data (BDM CSV, KTAB SMP CSV, decide). The mapping is pure (src/import/); this file
 * reads the input, checks the model validates and compiles exactly as `parley validate` will read
 * it, and writes it without ever overwriting a file.
 */
import { InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeOutputFile } from './run-folder.ts';
import { parseScenarioText, tryPrepareScenario } from '../index.ts';
import { formatProblems, MAX_PROBLEMS_LISTED } from '../scenario/problems.ts';
import { readTextFile } from '../scenario/read-text-file.ts';
import { IMPORT_FORMATS, importModel, isImportFormat } from '../import/import-model.ts';
import { formatImportProblem } from '../import/spatial-data.ts';
import { UsageError } from './usage-error.ts';

export interface ImportFlags {
  out?: string;
  levels?: number;
}

/** Parses --levels N (its range is checked against the number of issues once the file is read). */
export function levelsArgument(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number of levels per issue, got "${value}"`);
  return Number(value);
}

function refuseExisting(out: string): void {
  if (existsSync(out)) throw new UsageError([`${out} already exists; parley import never overwrites a file (choose another --out)`]);
}

export function importCommand(format: string, file: string, flags: ImportFlags, io: { out: NodeJS.WritableStream }): number {
  if (!isImportFormat(format)) {
    throw new UsageError([`FORMAT: expected one of ${Object.keys(IMPORT_FORMATS).join(', ')}, got "${format}"`, ...Object.entries(IMPORT_FORMATS).map(([name, f]) => `  ${name}: ${f.description}`)]);
  }
  if (flags.out !== undefined) refuseExisting(flags.out);
  const read = readTextFile(file);
  if (!read.ok) throw new UsageError([`${file}: ${read.message}`]);
  const text = read.text;

  const imported = importModel(format, text, file, { levels: flags.levels });
  if (!imported.ok) {
    const lines = imported.problems.slice(0, MAX_PROBLEMS_LISTED).map(formatImportProblem);
    const more = imported.problems.length - lines.length;
    throw new UsageError(more > 0 ? [...lines, `… and ${more.toLocaleString('en-US')} more problems in ${file} (fix these first)`] : lines);
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
  io.out.write(
    `Wrote ${out}: ${Object.keys(scenario.actors).length} actors, ${issues.length} issue${issues.length === 1 ? '' : 's'} of ${issues[0].levels} levels ` +
      `(${prepared.compiled.packageCount.toLocaleString('en-US')} packages), veto players ${scenario.vetoPlayers.join(', ')}.\n` +
      `Reservation, patience, concession, rounds, breakdown risk and veto players are assumptions (see the header and each "assumption:" source).\n` +
      `Next: parley validate ${out} && parley run ${out}\n`,
  );
  return 0;
}
