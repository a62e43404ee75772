/**
 * `parley export FORMAT`: a validated parley scenario → the files of an ANAC format (GENIUS XML or
 * GeniusWeb JSON), pure: scenario-to-anac.ts maps the model (refusing what the format cannot hold,
 * noting what it approximates), anac-writers.ts writes the files.
 */
import type { FieldProblem } from '../scenario/semantic-checks.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { AnacData, AnacFormat } from './anac-data.ts';
import { writeGenius, writeGeniusWeb, type WrittenFile } from './anac-writers.ts';
import { scenarioToAnac } from './scenario-to-anac.ts';

export const EXPORT_FORMATS = {
  genius: { write: writeGenius, description: 'GENIUS XML: a domain (negotiation_template) and one profile (utility_space) per actor' },
  geniusweb: { write: writeGeniusWeb, description: 'GeniusWeb JSON: a domain and one LinearAdditiveUtilitySpace profile per actor' },
} as const satisfies Record<AnacFormat, { write: (data: AnacData) => WrittenFile[]; description: string }>;

export type ExportResult = { ok: true; files: WrittenFile[]; notes: string[] } | { ok: false; problems: FieldProblem[] };

export function exportModel(format: AnacFormat, scenario: Scenario): ExportResult {
  const mapped = scenarioToAnac(scenario, format);
  if (!mapped.ok) return mapped;
  return { ok: true, files: EXPORT_FORMATS[format].write(mapped.data), notes: mapped.notes };
}
