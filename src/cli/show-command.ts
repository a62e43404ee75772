/**
 * `parley show [MODEL]`: the model as tables (scenario/model-tables.ts) — in the terminal, as
 * CSV files (`--csv DIR`, one per table, in a new folder) or as JSON (`--json`); with `--paths`,
 * every field `--set` can change, with its current value and what it allows.
 * --set, --variant and --mechanism apply first, so the tables show the model as a run would see it.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { modelTables, settablePaths, type Cell, type ModelTable } from '../index.ts';
import { unknownName } from '../scenario/closest-names.ts';
import { csvField } from '../simulation/run-row.ts';
import { styleFor } from './colour.ts';
import { loadModel, type LoadedModel, type ModelFlags } from './load-model.ts';
import { openRunFolder, withRunFolder } from './run-folder.ts';
import { cellText, renderTable } from './text-table.ts';
import { UsageError } from '../node/usage-error.ts';

export interface ShowFlags extends ModelFlags {
  paths?: boolean;
  table?: string;
  csv?: string;
  json?: boolean;
}

/** Width of the terminal tables: the terminal's, else $COLUMNS, else 100. */
function terminalWidth(out: NodeJS.WritableStream): number {
  const columns = (out as { columns?: number }).columns ?? Number(process.env.COLUMNS);
  return Number.isFinite(columns) && columns >= 40 ? columns : 100;
}

/** The paths as a table (for the terminal and CSV). */
function pathsTable(loaded: LoadedModel): ModelTable {
  return {
    name: 'paths',
    title: 'Settable paths (--set PATH=VALUE)',
    description:
      'Every field that changes what is simulated, its current value as --set writes it, and what it allows. A salience set with ~= rescales the actor’s other weights.',
    columns: [
      { key: 'path', title: 'Path' },
      { key: 'value', title: 'Current value' },
      { key: 'allowed', title: 'Allowed' },
      { key: 'description', title: 'Meaning', detail: true, secondary: true },
    ],
    rows: settablePaths(loaded.scenario).map((p) => ({ path: p.path, value: p.text ?? '(not set)', allowed: p.allowed, description: p.description })),
  };
}

/** The tables --table names (comma-separated), in the order given; every table when absent. */
function chosenTables(all: ModelTable[], names: string | undefined): ModelTable[] {
  if (names === undefined) return all;
  return names.split(',').map((raw) => {
    const name = raw.trim();
    const table = all.find((t) => t.name === name);
    if (table === undefined)
      throw new UsageError([
        `--table: ${unknownName(
          'table',
          name,
          all.map((t) => t.name),
        )}`,
      ]);
    return table;
  });
}

/** A cell in CSV: empty for none, true/false for a yes/no. */
function csvCell(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return csvField(typeof cell === 'boolean' ? String(cell) : cellText(cell));
}

function tableCsv(table: ModelTable): string {
  const lines = [table.columns.map((c) => csvField(c.key)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c.key])).join(','));
  return lines.join('\n') + '\n';
}

/** The tables as CSV files in a new folder `dir` (written whole, then renamed into place; never over an existing one). */
async function writeCsv(dir: string, tables: ModelTable[]): Promise<string> {
  if (dir.trim() === '') throw new UsageError(['--csv: expected a folder path, got an empty one']);
  if (existsSync(dir)) throw new UsageError([`--csv: ${dir} already exists; parley never overwrites files (name a new folder)`]);
  const folder = openRunFolder(dir, dir);
  return withRunFolder(folder, () => {
    for (const t of tables) folder.write(`${t.name}.csv`, tableCsv(t));
    return Promise.resolve(relative(process.cwd(), folder.commit()) || '.');
  });
}

export async function showCommand(model: string, flags: ShowFlags, io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }): Promise<number> {
  if (flags.paths && flags.table !== undefined) throw new UsageError(['--table: not with --paths (the paths are one table of their own)']);
  const loaded = loadModel(model, flags, { log: io.err });
  const tables = flags.paths ? [pathsTable(loaded)] : chosenTables(modelTables(loaded.scenario), flags.table);
  // The model as the user would type it: relative to here when it is below here (not a path of this machine).
  const shownPath = relative(process.cwd(), model).startsWith('..') ? model : relative(process.cwd(), model);
  const context = {
    model: shownPath,
    scenario: { name: loaded.scenario.name, title: loaded.scenario.title },
    variant: flags.variant ?? null,
    overrides: loaded.overrides.map((o) => o.text),
    rebalanced: loaded.rebalanced,
  };

  if (flags.csv !== undefined) {
    const written = await writeCsv(flags.csv, tables);
    const note = `Wrote ${written}/ (${tables.map((t) => `${t.name}.csv`).join(', ')}).\n`;
    (flags.json ? io.err : io.out).write(note);
    if (!flags.json) return 0;
  }
  if (flags.json) {
    const body = flags.paths ? { ...context, paths: settablePaths(loaded.scenario) } : { ...context, tables };
    io.out.write(JSON.stringify(body, null, 2) + '\n');
    return 0;
  }
  const style = styleFor(io.out);
  const width = terminalWidth(io.out);
  const applied = [...(flags.variant === undefined ? [] : [`variant ${flags.variant}`]), ...context.overrides.map((o) => `--set ${o}`)];
  const heading = [style.bold(loaded.scenario.title), style.dim(`${shownPath}${applied.length > 0 ? ` with ${applied.join(', ')}` : ''}`)];
  io.out.write(`${heading.join('\n')}\n\n${tables.map((t) => renderTable(t, width, style, flags.paths)).join('\n\n')}\n`);
  return 0;
}
