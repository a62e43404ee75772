/**
 * The decide data file: input to Stokman's exchange model and the compromise model in decide
 * (github.com/foarsitter/decide-exchange-model, decide/data/reader.py and types.py). Tab-separated
 * (decide sniffs the dialect, so `;` or `,` work too) with `'` as the quote character; each row
 * starts with its kind:
 *
 *   #A  actor-key  name  comment                   an actor
 *   #P  issue-key  name  comment                   an issue
 *   #M  issue-key  position  label                 a labelled point of the issue's scale
 *   #D  actor-key  issue-key  position  salience  power  [comment]
 *   #/ …, #O …, #0 …                               comments and issue descriptions (ignored)
 *
 * As decide reads it: an issue's scale runs from its lowest to its highest #M point, [0, 100]
 * when it has none, and every position must lie on it; salience and power lie in [0, 1]. Power
 * is given per actor and issue. An actor may have no #D row on an issue (it takes no part there).
 * A decimal comma ("0,5") is accepted when the delimiter is not a comma.
 */
import { nonBlankLines, parseNumber, shown, splitFields, type TextLine } from './delimited.ts';
import type { ImportProblem, ParseResult, SpatialActor, SpatialIssue, SpatialStance } from './spatial-data.ts';

const DEFAULT_SCALE: [number, number] = [0, 100];

interface Declared {
  key: string;
  name: string;
  comment: string;
  line: number;
}

interface ScalePoint {
  position: number;
  label: string;
}

interface DataRow {
  actor: string;
  issue: string;
  position: number;
  salience: number;
  power: number;
  line: number;
}

/** How the file is written, sniffed from its first row as decide does. */
interface Dialect {
  delimiter: string;
  quote: string;
  decimalComma: boolean;
}

/** Everything the rows declare, before references between them are resolved. */
interface DecideRows {
  actors: Map<string, Declared>;
  issues: Map<string, Declared>;
  points: Map<string, ScalePoint[]>;
  data: DataRow[];
  /** The line of each actor's #D row on each issue, keyed by actor and issue. */
  dataLines: Map<string, number>;
}

/** One tokenised row: its kind (#A, #P, …), the fields after it, and where problems go. */
interface Row {
  kind: string;
  fields: string[];
  line: number;
  file: string;
  decimalComma: boolean;
  problems: ImportProblem[];
}

export function parseDecide(text: string, file: string): ParseResult {
  const lines = nonBlankLines(text);
  if (lines.length === 0) return { ok: false, problems: [{ file, message: 'expected #A, #P, #M and #D rows; the file is empty' }] };
  const problems: ImportProblem[] = [];
  const rows = readRows(lines, sniffDialect(lines[0].text), file, problems);
  checkReferences(rows, file, problems);
  if (problems.length > 0) return { ok: false, problems };
  return spatialData(rows, file);
}

function sniffDialect(firstRow: string): Dialect {
  const delimiter = ['\t', ';', ','].find((d) => firstRow.includes(d)) ?? '\t';
  const quote = firstRow.trimStart().startsWith('"') ? '"' : "'";
  return { delimiter, quote, decimalComma: delimiter !== ',' };
}

function readRows(lines: TextLine[], dialect: Dialect, file: string, problems: ImportProblem[]): DecideRows {
  const rows: DecideRows = { actors: new Map(), issues: new Map(), points: new Map(), data: [], dataLines: new Map() };
  for (const { line, text } of lines) {
    const split = splitFields(text, dialect.delimiter, dialect.quote);
    if (!Array.isArray(split)) {
      problems.push({ file, line, message: split.error });
      continue;
    }
    const [kind, ...fields] = split;
    readRow({ kind, fields, line, file, decimalComma: dialect.decimalComma, problems }, rows);
  }
  return rows;
}

function readRow(row: Row, rows: DecideRows): void {
  switch (row.kind.toUpperCase()) {
    case '#A': {
      readDeclaration(row, rows.actors, 'actor');
      return;
    }
    case '#P': {
      readDeclaration(row, rows.issues, 'issue');
      return;
    }
    case '#M': {
      readScalePoint(row, rows.points);
      return;
    }
    case '#D': {
      readDataRow(row, rows);
      return;
    }
    case '#/':
    case '#O':
    case '#0':
      return;
    default:
      row.problems.push({
        file: row.file,
        line: row.line,
        message: `expected a row starting with #A, #P, #M or #D (or a #/ or #O comment), got ${shown(row.kind)}`,
      });
  }
}

/** True when the row has at least `count` fields after its kind; else a problem showing its shape. */
function hasFields(row: Row, count: number, shape: string): boolean {
  const got = row.fields.length;
  if (got >= count) return true;
  row.problems.push({
    file: row.file,
    line: row.line,
    message: `expected a ${row.kind} row: ${shape}; got ${got} field${got === 1 ? '' : 's'} after ${row.kind}`,
  });
  return false;
}

/** The number in `raw` when it passes `check`; else a problem and NaN. */
function numberField(row: Row, raw: string, what: string, check: (x: number) => boolean, expected: string): number {
  const x = parseNumber(raw, row.decimalComma);
  if (x === undefined || !check(x)) {
    row.problems.push({ file: row.file, line: row.line, message: `${what}: expected ${expected}, got ${shown(raw)}` });
    return NaN;
  }
  return x;
}

const anyNumber = (): boolean => true;
const unitInterval = (x: number): boolean => x >= 0 && x <= 1;

/** An #A (actor) or #P (issue) row: key, name, comment. */
function readDeclaration(row: Row, declared: Map<string, Declared>, what: 'actor' | 'issue'): void {
  if (!hasFields(row, 1, `${row.kind} key name comment`)) return;
  const { fields: f, file, line } = row;
  if (f[0] === '') {
    row.problems.push({ file, line, message: `expected the ${what}'s key after ${row.kind}, got nothing` });
  } else if (declared.has(f[0])) {
    row.problems.push({ file, line, message: `${what} "${f[0]}" is declared twice (first on line ${declared.get(f[0])?.line})` });
  } else {
    declared.set(f[0], { key: f[0], name: f[1] || f[0], comment: f.slice(2).join(' ').trim(), line });
  }
}

/** An #M row: a labelled point of an issue's scale. */
function readScalePoint(row: Row, points: Map<string, ScalePoint[]>): void {
  if (!hasFields(row, 2, '#M issue position label')) return;
  const f = row.fields;
  const position = numberField(row, f[1], `#M ${f[0]} position`, anyNumber, 'a number');
  points.set(f[0], [...(points.get(f[0]) ?? []), { position, label: f.slice(2).join(' ').trim() }]);
}

/** A #D row: an actor's position, salience and power on an issue. */
function readDataRow(row: Row, rows: DecideRows): void {
  if (!hasFields(row, 5, '#D actor issue position salience power')) return;
  const { fields: f, file, line } = row;
  const key = `${f[0]}\u0000${f[1]}`;
  const first = rows.dataLines.get(key);
  if (first !== undefined) row.problems.push({ file, line, message: `actor "${f[0]}" has a second #D row on issue "${f[1]}" (first on line ${first})` });
  rows.dataLines.set(key, line);
  rows.data.push({
    actor: f[0],
    issue: f[1],
    position: numberField(row, f[2], 'position', anyNumber, 'a number'),
    salience: numberField(row, f[3], 'salience', unitInterval, 'a number from 0 to 1'),
    power: numberField(row, f[4], 'power', unitInterval, 'a number from 0 to 1'),
    line,
  });
}

/** An issue's scale: its lowest to its highest #M point, decide's default when it has none. */
function scaleOf(points: Map<string, ScalePoint[]>, issue: string): [number, number] {
  const list = points.get(issue) ?? [];
  if (list.length === 0) return DEFAULT_SCALE;
  const xs = list.map((p) => p.position);
  return [Math.min(...xs), Math.max(...xs)];
}

/** References resolve after the whole file is read, as in decide. */
function checkReferences(rows: DecideRows, file: string, problems: ImportProblem[]): void {
  const { actors, issues, points } = rows;
  for (const [issue, list] of points) {
    if (!issues.has(issue)) problems.push({ file, message: `#M rows name issue "${issue}", which no #P row declares` });
    if (list.length > 1 && Math.min(...list.map((p) => p.position)) === Math.max(...list.map((p) => p.position))) {
      problems.push({ file, message: `the #M rows of issue "${issue}" all sit at ${list[0].position}; expected a scale with a low and a high end` });
    }
  }
  for (const row of rows.data) {
    if (!actors.has(row.actor))
      problems.push({ file, line: row.line, message: `unknown actor "${row.actor}"; expected one declared by an #A row: ${[...actors.keys()].join(', ')}` });
    if (!issues.has(row.issue)) {
      problems.push({ file, line: row.line, message: `unknown issue "${row.issue}"; expected one declared by a #P row: ${[...issues.keys()].join(', ')}` });
      continue;
    }
    const [low, high] = scaleOf(points, row.issue);
    if (row.position < low || row.position > high) {
      problems.push({
        file,
        line: row.line,
        message: `position ${row.position} lies outside the scale [${low}, ${high}] of issue "${row.issue}" (${points.has(row.issue) ? 'its #M rows' : 'the default, as it has no #M rows'})`,
      });
    }
  }
}

/** The issues and actors with #D rows, in declaration order, as spatial data; notes say what was left out. */
function spatialData(rows: DecideRows, file: string): ParseResult {
  const { actors, issues, data } = rows;
  const notes: string[] = [];
  const issueKeys = [...issues.keys()].filter((k) => data.some((d) => d.issue === k));
  const unused = [...issues.keys()].filter((k) => !issueKeys.includes(k));
  if (unused.length > 0) notes.push(`Left out issue${unused.length === 1 ? '' : 's'} with no #D row: ${unused.join(', ')}.`);
  const actorKeys = [...actors.keys()].filter((k) => data.some((d) => d.actor === k));
  const idle = [...actors.keys()].filter((k) => !actorKeys.includes(k));
  if (idle.length > 0) notes.push(`Left out actor${idle.length === 1 ? '' : 's'} with no #D row: ${idle.join(', ')}.`);
  if (issueKeys.length === 0 || actorKeys.length < 2) {
    return {
      ok: false,
      problems: [
        {
          file,
          message: `expected #D rows for at least 2 actors on at least 1 issue, got ${actorKeys.length} actor${actorKeys.length === 1 ? '' : 's'} on ${issueKeys.length} issue${issueKeys.length === 1 ? '' : 's'}`,
        },
      ],
    };
  }
  notes.push("decide gives power per actor and issue; parley's capability is per actor, so each actor's capability is the mean of its powers.");
  return {
    ok: true,
    data: {
      formatName: 'decide exchange-model data file',
      salienceScale: '0–1',
      capabilityMeaning: "each actor's mean power over its #D rows (decide gives power per issue)",
      issues: issueKeys.map((key) => spatialIssue(rows, key)),
      actors: actorKeys.map((key) => spatialActor(rows, key, issueKeys)),
      notes,
    },
  };
}

function spatialIssue(rows: DecideRows, key: string): SpatialIssue {
  const declared = rows.issues.get(key) as Declared;
  const labelled = (rows.points.get(key) ?? []).filter((p) => p.label !== '');
  const description = [declared.comment !== declared.name ? declared.comment : '', labelled.map((p) => `${p.position} = ${p.label}`).join('; ')]
    .filter((s) => s !== '')
    .join(' — ');
  const [low, high] = scaleOf(rows.points, key);
  return {
    name: declared.name,
    key,
    description: description || undefined,
    range: [low, high],
    rangeSource: rows.points.has(key) ? `its #M rows (line ${declared.line}): ${low} to ${high}` : "decide's default scale, 0 to 100 (no #M rows)",
    unit: 'position on the issue scale',
  };
}

/** An actor's stances on the kept issues; its capability is the mean of its powers (decide gives power per issue). */
function spatialActor(rows: DecideRows, key: string, issueKeys: string[]): SpatialActor {
  const declared = rows.actors.get(key) as Declared;
  const own = rows.data.filter((d) => d.actor === key);
  const powers = own.map((r) => r.power);
  const mean = powers.reduce((a, b) => a + b, 0) / powers.length;
  const varies = Math.min(...powers) !== Math.max(...powers);
  const stances = issueKeys.map((issue): SpatialStance | undefined => {
    const row = own.find((r) => r.issue === issue);
    return row && { position: row.position, salience: row.salience, line: row.line };
  });
  return {
    name: declared.name,
    key,
    description: declared.comment || undefined,
    line: declared.line,
    capability: Number(mean.toPrecision(12)),
    capabilitySource: `the mean power of its ${own.length} #D row${own.length === 1 ? '' : 's'} (lines ${own[0].line}–${own[own.length - 1].line})${varies ? `, which range from ${Math.min(...powers)} to ${Math.max(...powers)}` : ''}`,
    stances,
  };
}
