/**
 * `parley import FORMAT`: published negotiation data (text) → a parley model (YAML text), pure.
 * Spatial data: one parser per format (bdm-csv.ts, ktab-smp.ts, decide.ts) reads the file into
 * spatial data; to-scenario.ts maps that to a scenario. ANAC scenarios: a reader per format
 * (genius-xml.ts, geniusweb-json.ts) reads a domain and its profiles into AnacData;
 * anac-to-scenario.ts maps that to a scenario. render-yaml.ts writes either with its provenance.
 */
import type { AnacFormat, AnacResult, TextFile } from './anac-data.ts';
import { anacToScenario, type AnacImportOptions, type AnacModel } from './anac-to-scenario.ts';
import { parseBdmCsv } from './bdm-csv.ts';
import { parseDecide } from './decide.ts';
import { readGenius } from './genius-xml.ts';
import { readGeniusWeb } from './geniusweb-json.ts';
import { parseKtabSmp } from './ktab-smp.ts';
import { renderModelYaml } from './render-yaml.ts';
import type { ImportProblem, ParseResult } from './spatial-data.ts';
import { toScenario, type ImportedModel, type ImportOptions } from './to-scenario.ts';

export const IMPORT_FORMATS = {
  bdm: { parse: parseBdmCsv, description: "BDM CSV (Actor, Capability, Position, Salience): Bueno de Mesquita's expected-utility model" },
  ktab: { parse: parseKtabSmp, description: "KTAB SMP CSV (name,desc,nActors,nDims; Actor,Description,Power,Pos,Sal,…): KAPSARC's Spatial Model of Politics" },
  decide: { parse: parseDecide, description: "decide data file (#A, #P, #M, #D rows, tab-separated): Stokman's exchange model" },
} as const satisfies Record<string, { parse: (text: string, file: string) => ParseResult; description: string }>;

export type ImportFormat = keyof typeof IMPORT_FORMATS;

export function isImportFormat(name: string): name is ImportFormat {
  return Object.hasOwn(IMPORT_FORMATS, name);
}

export type ImportResult = { ok: true; model: ImportedModel; yaml: string } | { ok: false; problems: ImportProblem[] };

/** Reads `text` (the contents of `file`, named in messages) as `format` and writes the model. */
export function importModel(format: ImportFormat, text: string, file: string, options: ImportOptions = {}): ImportResult {
  const parsed = IMPORT_FORMATS[format].parse(text, file);
  if (!parsed.ok) return parsed;
  const mapped = toScenario(parsed.data, file, format, options);
  if (!mapped.ok) return mapped;
  return { ok: true, model: mapped.model, yaml: renderModelYaml(mapped.model) };
}

/** The ANAC formats: a domain file, then one profile per party. */
export const ANAC_FORMATS = {
  genius: { read: readGenius, description: 'GENIUS XML (ANAC 2010–2017): DOMAIN.xml (negotiation_template), then one PROFILE.xml (utility_space) per party' },
  geniusweb: { read: readGeniusWeb, description: 'GeniusWeb JSON (ANAC/ANL 2019–): DOMAIN.json, then one PROFILE.json (LinearAdditiveUtilitySpace) per party' },
} as const satisfies Record<AnacFormat, { read: (domain: TextFile, profiles: readonly TextFile[]) => AnacResult; description: string }>;

export function isAnacFormat(name: string): name is AnacFormat {
  return Object.hasOwn(ANAC_FORMATS, name);
}

export type AnacImportResult = { ok: true; model: AnacModel; yaml: string } | { ok: false; problems: ImportProblem[] };

/** Reads an ANAC domain and its profiles (texts with their file names) and writes the model. */
export function importAnac(format: AnacFormat, domain: TextFile, profiles: readonly TextFile[], options: AnacImportOptions = {}): AnacImportResult {
  const read = ANAC_FORMATS[format].read(domain, profiles);
  if (!read.ok) return read;
  const mapped = anacToScenario(read.data, options);
  if (!mapped.ok) return mapped;
  return { ok: true, model: mapped.model, yaml: renderModelYaml(mapped.model) };
}
