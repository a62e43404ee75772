/**
 * `parley export genius|geniusweb MODEL --out DIR`: writes the model as an ANAC scenario (a domain
 * file and one profile per actor) into a new folder. The mapping is pure (src/import/
 * export-model.ts); this file loads the model as every command does, refuses an existing folder,
 * and writes the files into a temporary folder beside DIR that is renamed to DIR once complete,
 * so nothing half-written is ever left under DIR's name.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { formatProblem } from '../index.ts';
import { isAnacFormat } from '../import/import-model.ts';
import { EXPORT_FORMATS, exportModel } from '../import/export-model.ts';
import { loadModel } from './load-model.ts';
import { UsageError } from '../node/usage-error.ts';

export interface ExportFlags {
  out: string;
  set: string[];
  variant?: string;
}

function refuseExisting(out: string): void {
  if (existsSync(out)) throw new UsageError([`${out} already exists; parley export writes a new folder and never overwrites (choose another --out)`]);
}

export function exportCommand(format: string, model: string, flags: ExportFlags, io: { out: NodeJS.WritableStream }): number {
  if (!isAnacFormat(format)) {
    throw new UsageError([
      `FORMAT: expected genius or geniusweb, got "${format}"`,
      ...Object.entries(EXPORT_FORMATS).map(([name, f]) => `  ${name}: ${f.description}`),
    ]);
  }
  refuseExisting(flags.out);
  const { scenario } = loadModel(model, flags);
  const exported = exportModel(format, scenario);
  if (!exported.ok) {
    throw new UsageError([
      `${model}: cannot be exported as ${format}; nothing written:`,
      ...exported.problems.map((p) => formatProblem({ file: model, ...p })),
    ]);
  }

  const parent = dirname(flags.out);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(flags.out)}-`));
  try {
    for (const file of exported.files) writeFileSync(join(staging, file.name), file.text, { flag: 'wx' });
    refuseExisting(flags.out);
    renameSync(staging, flags.out);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  const [domain, ...profiles] = exported.files.map((f) => join(flags.out, f.name));
  io.out.write(
    `Wrote ${flags.out}: the domain ${basename(domain)} and ${profiles.length} profiles (${profiles.map((p) => basename(p)).join(', ')}).\n` +
      exported.notes.map((n) => `  · ${n}\n`).join('') +
      `Back to a model: parley import ${format} ${[domain, ...profiles].join(' ')}\n`,
  );
  return 0;
}
