/**
 * `parley import FORMAT FILE... [--out MODEL.yaml] [--levels N]`: writes a parley model from
 * published negotiation data — one file of spatial data (BDM CSV, KTAB SMP CSV, decide), or an
 * ANAC scenario: a domain and one profile per party (GENIUS XML, GeniusWeb JSON). The mapping is
 * pure (src/import/); this file reads the input, checks the model validates and compiles exactly
 * as `parley validate` will read it, and writes it without ever overwriting a file.
 */
import { InvalidArgumentError } from 'commander';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatProblem, parseScenarioText, tryPrepareScenario } from '../index.ts';
import { ANAC_FORMATS, IMPORT_FORMATS, importAnac, importModel, isAnacFormat, isImportFormat } from '../import/import-model.ts';
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

function readInput(file: string): { text: string; file: string } {
  try {
    return { text: readFileSync(file, 'utf8'), file };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError([`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'expected a file, got a directory' : `cannot read the file (${code ?? String(e)})`}`]);
  }
}

/** The model of `files` in `format`, or a usage error listing the input's problems. */
function importFiles(format: string, files: readonly string[], flags: ImportFlags) {
  if (isImportFormat(format)) {
    if (files.length !== 1) throw new UsageError([`${format}: expected one data file, got ${files.length}`]);
    const [input] = files.map(readInput);
    return importModel(format, input.text, input.file, { levels: flags.levels });
  }
  if (isAnacFormat(format)) {
    if (files.length < 3) throw new UsageError([`${format}: expected the domain file, then one profile per party (at least 2), got ${files.length} file${files.length === 1 ? '' : 's'}`]);
    const [domain, ...profiles] = files.map(readInput);
    return importAnac(format, domain, profiles, { levels: flags.levels });
  }
  const formats = { ...IMPORT_FORMATS, ...ANAC_FORMATS };
  throw new UsageError([`FORMAT: expected one of ${Object.keys(formats).join(', ')}, got "${format}"`, ...Object.entries(formats).map(([name, f]) => `  ${name}: ${f.description}`)]);
}

export function importCommand(format: string, files: readonly string[], flags: ImportFlags, io: { out: NodeJS.WritableStream }): number {
  if (flags.out !== undefined) refuseExisting(flags.out);
  const imported = importFiles(format, files, flags);
  if (!imported.ok) throw new UsageError(imported.problems.map(formatImportProblem));
  const file = files.join(', ');
  const { scenario } = imported.model;
  const out = flags.out ?? join('models', `${scenario.name}.yaml`);
  refuseExisting(out);

  // The model as `parley validate OUT` will read it: a problem here is the data's, shown before anything is written.
  const parsed = parseScenarioText(imported.yaml, out);
  const prepared = parsed.ok ? tryPrepareScenario(parsed.scenario, out) : parsed;
  if (!prepared.ok) throw new UsageError([`${file}: the imported model does not validate; nothing written:`, ...prepared.problems.map(formatProblem)]);

  mkdirSync(dirname(out), { recursive: true });
  try {
    writeFileSync(out, imported.yaml, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') refuseExisting(out);
    throw e;
  }
  const issues: object[] = Object.values(scenario.issues);
  const levels = new Set(issues.map((i) => ('levels' in i ? i.levels : undefined)));
  const [commonLevels] = levels;
  const assumed = isAnacFormat(format)
    ? 'The rounds, capability and negotiators are assumptions'
    : 'Reservation, patience, concession, rounds, breakdown risk and veto players are assumptions';
  io.out.write(
    `Wrote ${out}: ${Object.keys(scenario.actors).length} actors, ${issues.length} issue${issues.length === 1 ? '' : 's'}${levels.size === 1 && commonLevels !== undefined ? ` of ${commonLevels} levels` : ''} ` +
      `(${prepared.compiled.packageCount.toLocaleString('en-US')} packages), veto players ${scenario.vetoPlayers.join(', ')}.\n` +
      `${assumed} (see the header and each "assumption:" source).\n` +
      `Next: parley validate ${out} && parley run ${out}\n`,
  );
  return 0;
}
