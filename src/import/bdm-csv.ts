/**
 * The BDM CSV: input to replications of Bueno de Mesquita's expected-utility ("challenge") model
 * (Scholz, Calbert & Smith 2011, J. Theoretical Politics 23(4); jmckib/bdm-scholz-expected-utility-model,
 * dmasad/BDM_DecisionModel_Replication). One issue; a header row and one row per actor:
 *
 *   Actor,Capability,Position,Salience          (dmasad: Stakeholder,Resources,Position,Salience)
 *   Netherlands,0.08,4,0.8
 *
 * Columns are found by name, in any order. Salience is 0–1 or 0–100: if any value exceeds 1 the
 * column is read as 0–100. The position scale is the span of the positions (BDM fixes the range
 * d from the data when the model is built).
 */
import { csvRowFields, nonBlankLines, parseNumber, shown, splitFields, withoutTrailingEmpty } from './delimited.ts';
import type { ImportProblem, ParseResult, SpatialActor } from './spatial-data.ts';

const COLUMNS = {
  actor: ['actor', 'stakeholder', 'name'],
  capability: ['capability', 'resources', 'power', 'influence'],
  position: ['position'],
  salience: ['salience'],
} as const;

type Column = keyof typeof COLUMNS;
const COLUMN_TITLES: Record<Column, string> = {
  actor: 'Actor (or Stakeholder)',
  capability: 'Capability (or Resources)',
  position: 'Position',
  salience: 'Salience',
};

export function parseBdmCsv(text: string, file: string): ParseResult {
  const problems: ImportProblem[] = [];
  const lines = nonBlankLines(text);
  if (lines.length === 0)
    return { ok: false, problems: [{ file, message: 'expected a header row (Actor,Capability,Position,Salience) and one row per actor; the file is empty' }] };

  const [headerLine, ...rows] = lines;
  const header = splitFields(headerLine.text, ',', '"');
  if (!Array.isArray(header)) return { ok: false, problems: [{ file, line: headerLine.line, message: header.error }] };
  const names = withoutTrailingEmpty(header).map((h) => h.toLowerCase());
  const index = {} as Record<Column, number>;
  const missing: string[] = [];
  for (const column of Object.keys(COLUMNS) as Column[]) {
    index[column] = names.findIndex((n) => (COLUMNS[column] as readonly string[]).includes(n));
    if (index[column] === -1) missing.push(COLUMN_TITLES[column]);
  }
  if (missing.length > 0) {
    return {
      ok: false,
      problems: [
        {
          file,
          line: headerLine.line,
          message: `expected a header with the columns Actor (or Stakeholder), Capability (or Resources), Position and Salience; missing ${missing.join(', ')} in "${headerLine.text.trim()}"`,
        },
      ],
    };
  }

  const parsed: { name: string; capability: number; position: number; salience: number; line: number }[] = [];
  for (const row of rows) {
    const fields = csvRowFields(row, file, problems);
    if (fields === undefined) continue;
    if (fields.length > names.length) {
      problems.push({ file, line: row.line, message: `expected ${names.length} fields as in the header, got ${fields.length}` });
      continue;
    }
    const name = fields[index.actor] ?? '';
    if (name === '') problems.push({ file, line: row.line, message: `${header[index.actor]}: expected the actor's name, got nothing` });
    const number = (column: Column, check: (x: number) => boolean, expected: string): number => {
      // A short row has no field for a column near the end.
      const raw = index[column] < fields.length ? fields[index[column]] : undefined;
      const x = raw === undefined ? undefined : parseNumber(raw);
      if (x === undefined || !check(x)) {
        problems.push({ file, line: row.line, message: `${header[index[column]]}: expected ${expected}, got ${shown(raw)}` });
        return NaN;
      }
      return x;
    };
    const capability = number('capability', (x) => x >= 0, 'a number ≥ 0');
    const position = number('position', () => true, 'a number');
    const salience = number('salience', (x) => x >= 0 && x <= 100, 'a number from 0 to 1 (or 0 to 100)');
    parsed.push({ name, capability, position, salience, line: row.line });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (parsed.length < 2) return { ok: false, problems: [{ file, message: `expected at least 2 actor rows after the header, got ${parsed.length}` }] };

  const positions = parsed.map((a) => a.position);
  const low = Math.min(...positions);
  const high = Math.max(...positions);
  if (!(low < high))
    return {
      ok: false,
      problems: [{ file, message: `expected at least two different positions (every actor is at ${low}), so there is nothing to negotiate` }],
    };
  const percent = parsed.some((a) => a.salience > 1);
  const salienceScale = percent ? '0–100' : '0–1';
  const capabilityColumn = header[index.capability];

  const actors: SpatialActor[] = parsed.map((a) => ({
    name: a.name,
    line: a.line,
    capability: a.capability,
    capabilitySource: `line ${a.line}, ${capabilityColumn}`,
    stances: [{ position: a.position, salience: a.salience, line: a.line }],
  }));
  return {
    ok: true,
    data: {
      formatName: 'BDM expected-utility CSV',
      salienceScale,
      capabilityMeaning: `the ${capabilityColumn} column`,
      issues: [
        {
          name: header[index.position],
          range: [low, high],
          rangeSource: `the span of the actors' positions (${low} to ${high}), as BDM's position range d`,
          unit: 'position on the scale of the data',
        },
      ],
      actors,
      notes: [
        `Columns: actor ${header[index.actor]}, capability ${capabilityColumn}, position ${header[index.position]}, salience ${header[index.salience]}, read as ${salienceScale} (${percent ? 'a value exceeds 1' : 'no value exceeds 1'}).`,
        `One issue, range [${low}, ${high}]: the span of the positions.`,
      ],
    },
  };
}
