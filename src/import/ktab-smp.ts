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
import { csvRowFields, nonBlankLines, parseNumber, shown, splitFields, withoutTrailingEmpty, type TextLine } from './delimited.ts';
import type { ImportProblem, ParseResult, SpatialActor, SpatialData, SpatialIssue } from './spatial-data.ts';

const SCALE: [number, number] = [0, 100];

/** Line 1, `name,desc,nActors,nDims`: the scenario's name and description and its declared counts. */
interface KtabScenarioLine {
  fields: string[];
  actorCount: number;
  dimCount: number;
}

/** A problem on one line (for the stages that stop at their first one). */
type LineProblem = { problem: { line: number; message: string } };

/** Line 1 read: its fields and whole-number nActors ≥ 2 and nDims ≥ 1, or what is wrong with it. */
function parseScenarioLine(first: TextLine): KtabScenarioLine | LineProblem {
  const scenario = splitFields(first.text, ',', '"');
  if (!Array.isArray(scenario)) return { problem: { line: first.line, message: scenario.error } };
  const actorCount = parseNumber(scenario[2] ?? '');
  const dimCount = parseNumber(scenario[3] ?? '');
  if (actorCount === undefined || !Number.isInteger(actorCount) || actorCount < 2 || dimCount === undefined || !Number.isInteger(dimCount) || dimCount < 1) {
    return {
      problem: {
        line: first.line,
        message: `expected \`name,desc,nActors,nDims\` with whole numbers nActors ≥ 2 and nDims ≥ 1, got nActors ${shown(scenario[2])} and nDims ${shown(scenario[3])}`,
      },
    };
  }
  return { fields: scenario, actorCount, dimCount };
}

/** The header row's fields (Actor, Description, Power, then a position and a salience name per dimension), or what is wrong with it. */
function parseHeader(headerLine: TextLine, dimCount: number): { headerFields: string[] } | LineProblem {
  const width = 3 + 2 * dimCount;
  const header = splitFields(headerLine.text, ',', '"');
  if (!Array.isArray(header)) return { problem: { line: headerLine.line, message: header.error } };
  const headerFields = withoutTrailingEmpty(header);
  // A data row where the header belongs (the header line left out) would shift every row by one.
  if (headerFields.slice(2).some((f) => parseNumber(f) !== undefined)) {
    return {
      problem: {
        line: headerLine.line,
        message: `expected the header row (Actor, Description, Power, then position and salience names), got a row with numbers: ${shown(headerFields.slice(0, 3).join(','))}…`,
      },
    };
  }
  if (headerFields.length !== width) {
    return {
      problem: {
        line: headerLine.line,
        message: `expected the header Actor, Description, Power, then a position and a salience column for each of the ${dimCount} dimensions (${width} columns), got ${headerFields.length}`,
      },
    };
  }
  return { headerFields };
}

/** One issue per dimension, named by its position column, on KTAB's fixed scale [0, 100]. */
function dimensionIssues(headerFields: readonly string[], dimCount: number): SpatialIssue[] {
  const issues: SpatialIssue[] = [];
  for (let d = 0; d < dimCount; d++) {
    const name = headerFields[3 + 2 * d] || `Dimension ${d + 1}`;
    issues.push({ name, range: SCALE, rangeSource: "KTAB's position scale, 0 to 100", unit: 'KTAB position, 0–100' });
  }
  return issues;
}

/** One actor row: its power, and a position on [0, 100] and salience on [0, 100] per dimension (total ≤ 100); problems go to `problems`. */
function parseActorRow(row: TextLine, file: string, headerFields: readonly string[], dimCount: number, problems: ImportProblem[]): SpatialActor | undefined {
  const width = 3 + 2 * dimCount;
  const fields = csvRowFields(row, file, problems);
  if (fields === undefined) return undefined;
  if (fields.length !== width) {
    problems.push({
      file,
      line: row.line,
      message: `expected ${width} fields (Actor, Description, Power, then position and salience for ${dimCount} dimension${dimCount === 1 ? '' : 's'}), got ${fields.length}`,
    });
    return undefined;
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
  const stances = Array.from({ length: dimCount }, (_, d) => ({
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
  return {
    name: fields[0],
    description: fields[1] || undefined,
    line: row.line,
    capability,
    capabilitySource: `line ${row.line}, ${headerFields[2]}`,
    stances,
  };
}

/** The parsed file as spatial data: line 1's title and description, the dimensions, the actors, and how KTAB's numbers were read. */
function ktabData(scenario: KtabScenarioLine, headerFields: readonly string[], issues: SpatialIssue[], actors: SpatialActor[]): SpatialData {
  const { dimCount } = scenario;
  const name = scenario.fields[0].trim();
  const description = (scenario.fields[1] ?? '').trim();
  return {
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
  };
}

export function parseKtabSmp(text: string, file: string): ParseResult {
  const lines = nonBlankLines(text);
  const fail = (line: number | undefined, message: string): ParseResult => ({ ok: false, problems: [{ file, line, message }] });
  if (lines.length < 2)
    return fail(undefined, 'expected line 1 `name,desc,nActors,nDims`, line 2 the header `Actor,Description,Power,Pos,Sal,…` and one row per actor');

  const [first, headerLine, ...rows] = lines;
  const scenario = parseScenarioLine(first);
  if ('problem' in scenario) return fail(scenario.problem.line, scenario.problem.message);
  const { actorCount, dimCount } = scenario;
  const header = parseHeader(headerLine, dimCount);
  if ('problem' in header) return fail(header.problem.line, header.problem.message);
  const { headerFields } = header;
  const issues = dimensionIssues(headerFields, dimCount);

  const problems: ImportProblem[] = [];
  const actors: SpatialActor[] = [];
  for (const row of rows) {
    const actor = parseActorRow(row, file, headerFields, dimCount, problems);
    if (actor !== undefined) actors.push(actor);
  }
  if (problems.length === 0 && actors.length !== actorCount) {
    problems.push({
      file,
      line: first.line,
      message: `line ${first.line} declares ${actorCount} actors (nActors), but the file has ${actors.length} actor rows`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, data: ktabData(scenario, headerFields, issues, actors) };
}
