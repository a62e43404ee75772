/**
 * KTAB's SMP CSV: input to the KAPSARC Toolkit for Behavioral Analysis' Spatial Model of Politics
 * (github.com/KAPSARC/KTAB, examples/smp/doc/*.csv; read by SMPModel::csvRead in
 * examples/smp/libsrc/smpread.cpp):
 *
 *   name,desc,nActors,nDims                                      (fields after the 4th are ignored)
 *   Actor,Description,Power,Pos1,Sal1,…,PosN,SalN                (names are free; the 3rd is Power/Influence)
 *   XJ,Xi Jinping,100,30,30                                      (nActors rows)
 *
 * As KTAB reads it: every position on [0, 100]; every salience on [0, 100], a percentage of the
 * actor's attention, so an actor's saliences total at most 100 (KTAB rejects more); power ≥ 0.
 * Fields are padded with spaces and rows often end with a comma.
 */
import { csvRowFields, nonBlankLines, parseNumber, shown, splitFields, withoutTrailingEmpty } from './delimited.ts';
import type { ImportProblem, ParseResult, SpatialActor, SpatialIssue } from './spatial-data.ts';

const SCALE: [number, number] = [0, 100];

export function parseKtabSmp(text: string, file: string): ParseResult {
  const lines = nonBlankLines(text);
  const fail = (line: number | undefined, message: string): ParseResult => ({ ok: false, problems: [{ file, line, message }] });
  if (lines.length < 2)
    return fail(undefined, 'expected line 1 `name,desc,nActors,nDims`, line 2 the header `Actor,Description,Power,Pos,Sal,…` and one row per actor');

  const [first, headerLine, ...rows] = lines;
  const scenario = splitFields(first.text, ',', '"');
  if (!Array.isArray(scenario)) return fail(first.line, scenario.error);
  const actorCount = parseNumber(scenario[2] ?? '');
  const dimCount = parseNumber(scenario[3] ?? '');
  if (actorCount === undefined || !Number.isInteger(actorCount) || actorCount < 2 || dimCount === undefined || !Number.isInteger(dimCount) || dimCount < 1) {
    return fail(
      first.line,
      `expected \`name,desc,nActors,nDims\` with whole numbers nActors ≥ 2 and nDims ≥ 1, got nActors ${shown(scenario[2])} and nDims ${shown(scenario[3])}`,
    );
  }
  const width = 3 + 2 * dimCount;

  const header = splitFields(headerLine.text, ',', '"');
  if (!Array.isArray(header)) return fail(headerLine.line, header.error);
  const headerFields = withoutTrailingEmpty(header);
  // A data row where the header belongs (the header line left out) would shift every row by one.
  if (headerFields.slice(2).some((f) => parseNumber(f) !== undefined)) {
    return fail(
      headerLine.line,
      `expected the header row (Actor, Description, Power, then position and salience names), got a row with numbers: ${shown(headerFields.slice(0, 3).join(','))}…`,
    );
  }
  if (headerFields.length !== width) {
    return fail(
      headerLine.line,
      `expected the header Actor, Description, Power, then a position and a salience column for each of the ${dimCount} dimensions (${width} columns), got ${headerFields.length}`,
    );
  }
  const issues: SpatialIssue[] = [];
  for (let d = 0; d < dimCount; d++) {
    const name = headerFields[3 + 2 * d] || `Dimension ${d + 1}`;
    issues.push({ name, range: SCALE, rangeSource: "KTAB's position scale, 0 to 100", unit: 'KTAB position, 0–100' });
  }

  const problems: ImportProblem[] = [];
  const actors: SpatialActor[] = [];
  for (const row of rows) {
    const fields = csvRowFields(row, file, problems);
    if (fields === undefined) continue;
    if (fields.length !== width) {
      problems.push({
        file,
        line: row.line,
        message: `expected ${width} fields (Actor, Description, Power, then position and salience for ${dimCount} dimension${dimCount === 1 ? '' : 's'}), got ${fields.length}`,
      });
      continue;
    }
    const value = (k: number, check: (x: number) => boolean, expected: string): number => {
      const x = parseNumber(fields[k]);
      if (x === undefined || !check(x)) {
        problems.push({ file, line: row.line, message: `${headerFields[k] || `column ${k + 1}`}: expected ${expected}, got ${shown(fields[k])}` });
        return NaN;
      }
      return x;
    };
    if (fields[0] === '') problems.push({ file, line: row.line, message: `${headerFields[0]}: expected the actor's name, got nothing` });
    const capability = value(2, (x) => x >= 0, 'a number ≥ 0');
    const stances = issues.map((_, d) => ({
      position: value(3 + 2 * d, (x) => x >= SCALE[0] && x <= SCALE[1], 'a position from 0 to 100'),
      salience: value(4 + 2 * d, (x) => x >= 0 && x <= 100, 'a salience from 0 to 100'),
      line: row.line,
    }));
    const total = stances.reduce((t, s) => t + s.salience, 0);
    if (total > 100 + 1e-9)
      problems.push({
        file,
        line: row.line,
        message: `expected saliences that total at most 100 (a share of the actor's attention, as KTAB requires), got ${Number(total.toFixed(6))}`,
      });
    actors.push({
      name: fields[0],
      description: fields[1] || undefined,
      line: row.line,
      capability,
      capabilitySource: `line ${row.line}, ${headerFields[2]}`,
      stances,
    });
  }
  if (problems.length === 0 && actors.length !== actorCount) {
    problems.push({
      file,
      line: first.line,
      message: `line ${first.line} declares ${actorCount} actors (nActors), but the file has ${actors.length} actor rows`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const name = scenario[0].trim();
  const description = (scenario[1] ?? '').trim();
  return {
    ok: true,
    data: {
      formatName: 'KTAB SMP CSV',
      title: name || undefined,
      description: description || undefined,
      salienceScale: '0–100',
      capabilityMeaning: `the ${headerFields[2]} column (KTAB's power)`,
      issues,
      actors,
      notes: [
        `${dimCount} dimension${dimCount === 1 ? '' : 's'} (${issues.map((i) => i.name).join(', ')}), each on KTAB's fixed position scale [0, 100].`,
        `Capability: the ${headerFields[2]} column. Saliences are percentages of each actor's attention (KTAB's reading, smpread.cpp); what an actor leaves unallocated is dropped.`,
      ],
    },
  };
}
