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
import { nonBlankLines, parseNumber, shown, splitFields } from './delimited.ts';
import type { ImportProblem, ParseResult, SpatialActor, SpatialIssue, SpatialStance } from './spatial-data.ts';

const DEFAULT_SCALE: [number, number] = [0, 100];

interface Declared {
  key: string;
  name: string;
  comment: string;
  line: number;
}

interface DataRow {
  actor: string;
  issue: string;
  position: number;
  salience: number;
  power: number;
  line: number;
}

export function parseDecide(text: string, file: string): ParseResult {
  const lines = nonBlankLines(text);
  if (lines.length === 0) return { ok: false, problems: [{ file, message: 'expected #A, #P, #M and #D rows; the file is empty' }] };
  const delimiter = ['\t', ';', ','].find((d) => lines[0].text.includes(d)) ?? '\t';
  const quote = lines[0].text.trimStart().startsWith('"') ? '"' : "'";
  const decimalComma = delimiter !== ',';

  const problems: ImportProblem[] = [];
  const actors = new Map<string, Declared>();
  const issues = new Map<string, Declared>();
  const points = new Map<string, { position: number; label: string }[]>();
  const data: DataRow[] = [];
  const seen = new Map<string, number>();

  for (const { line, text: rowText } of lines) {
    const split = splitFields(rowText, delimiter, quote);
    if (!Array.isArray(split)) {
      problems.push({ file, line, message: split.error });
      continue;
    }
    const [kind, ...f] = split;
    const need = (count: number, shape: string): boolean => {
      if (f.length >= count) return true;
      problems.push({ file, line, message: `expected a ${kind} row: ${shape}; got ${f.length} field${f.length === 1 ? '' : 's'} after ${kind}` });
      return false;
    };
    const number = (raw: string, what: string, check: (x: number) => boolean, expected: string): number => {
      const x = parseNumber(raw, decimalComma);
      if (x === undefined || !check(x)) {
        problems.push({ file, line, message: `${what}: expected ${expected}, got ${shown(raw)}` });
        return NaN;
      }
      return x;
    };
    switch (kind.toUpperCase()) {
      case '#A':
      case '#P': {
        if (!need(1, `${kind} key name comment`)) break;
        const map = kind.toUpperCase() === '#A' ? actors : issues;
        const what = kind.toUpperCase() === '#A' ? 'actor' : 'issue';
        if (f[0] === '') {
          problems.push({ file, line, message: `expected the ${what}'s key after ${kind}, got nothing` });
        } else if (map.has(f[0])) {
          problems.push({ file, line, message: `${what} "${f[0]}" is declared twice (first on line ${map.get(f[0])?.line})` });
        } else {
          map.set(f[0], { key: f[0], name: f[1] || f[0], comment: f.slice(2).join(' ').trim(), line });
        }
        break;
      }
      case '#M': {
        if (!need(2, '#M issue position label')) break;
        const position = number(f[1], `#M ${f[0]} position`, () => true, 'a number');
        points.set(f[0], [...(points.get(f[0]) ?? []), { position, label: f.slice(2).join(' ').trim() }]);
        break;
      }
      case '#D': {
        if (!need(5, '#D actor issue position salience power')) break;
        const key = `${f[0]}\u0000${f[1]}`;
        if (seen.has(key)) problems.push({ file, line, message: `actor "${f[0]}" has a second #D row on issue "${f[1]}" (first on line ${seen.get(key)})` });
        seen.set(key, line);
        data.push({
          actor: f[0],
          issue: f[1],
          position: number(f[2], 'position', () => true, 'a number'),
          salience: number(f[3], 'salience', (x) => x >= 0 && x <= 1, 'a number from 0 to 1'),
          power: number(f[4], 'power', (x) => x >= 0 && x <= 1, 'a number from 0 to 1'),
          line,
        });
        break;
      }
      case '#/':
      case '#O':
      case '#0':
        break;
      default:
        problems.push({ file, line, message: `expected a row starting with #A, #P, #M or #D (or a #/ or #O comment), got ${shown(kind)}` });
    }
  }

  // References resolve after the whole file is read, as in decide.
  for (const [issue, list] of points) {
    if (!issues.has(issue)) problems.push({ file, message: `#M rows name issue "${issue}", which no #P row declares` });
    if (list.length > 1 && Math.min(...list.map((p) => p.position)) === Math.max(...list.map((p) => p.position))) {
      problems.push({ file, message: `the #M rows of issue "${issue}" all sit at ${list[0].position}; expected a scale with a low and a high end` });
    }
  }
  const scale = (issue: string): [number, number] => {
    const list = points.get(issue) ?? [];
    if (list.length === 0) return DEFAULT_SCALE;
    const xs = list.map((p) => p.position);
    return [Math.min(...xs), Math.max(...xs)];
  };
  for (const row of data) {
    if (!actors.has(row.actor)) problems.push({ file, line: row.line, message: `unknown actor "${row.actor}"; expected one declared by an #A row: ${[...actors.keys()].join(', ')}` });
    if (!issues.has(row.issue)) {
      problems.push({ file, line: row.line, message: `unknown issue "${row.issue}"; expected one declared by a #P row: ${[...issues.keys()].join(', ')}` });
      continue;
    }
    const [low, high] = scale(row.issue);
    if (row.position < low || row.position > high) {
      problems.push({ file, line: row.line, message: `position ${row.position} lies outside the scale [${low}, ${high}] of issue "${row.issue}" (${points.has(row.issue) ? 'its #M rows' : 'the default, as it has no #M rows'})` });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const notes: string[] = [];
  const issueKeys = [...issues.keys()].filter((k) => data.some((d) => d.issue === k));
  const unused = [...issues.keys()].filter((k) => !issueKeys.includes(k));
  if (unused.length > 0) notes.push(`Left out issue${unused.length === 1 ? '' : 's'} with no #D row: ${unused.join(', ')}.`);
  const actorKeys = [...actors.keys()].filter((k) => data.some((d) => d.actor === k));
  const idle = [...actors.keys()].filter((k) => !actorKeys.includes(k));
  if (idle.length > 0) notes.push(`Left out actor${idle.length === 1 ? '' : 's'} with no #D row: ${idle.join(', ')}.`);
  if (issueKeys.length === 0 || actorKeys.length < 2) {
    return { ok: false, problems: [{ file, message: `expected #D rows for at least 2 actors on at least 1 issue, got ${actorKeys.length} actor${actorKeys.length === 1 ? '' : 's'} on ${issueKeys.length} issue${issueKeys.length === 1 ? '' : 's'}` }] };
  }

  const spatialIssues: SpatialIssue[] = issueKeys.map((key) => {
    const declared = issues.get(key) as Declared;
    const labelled = (points.get(key) ?? []).filter((p) => p.label !== '');
    const description = [declared.comment !== declared.name ? declared.comment : '', labelled.map((p) => `${p.position} = ${p.label}`).join('; ')].filter((s) => s !== '').join(' — ');
    const [low, high] = scale(key);
    return {
      name: declared.name,
      key,
      description: description || undefined,
      range: [low, high],
      rangeSource: points.has(key) ? `its #M rows (line ${declared.line}): ${low} to ${high}` : "decide's default scale, 0 to 100 (no #M rows)",
      unit: 'position on the issue scale',
    };
  });
  const spatialActors: SpatialActor[] = actorKeys.map((key) => {
    const declared = actors.get(key) as Declared;
    const rows = data.filter((d) => d.actor === key);
    const powers = rows.map((r) => r.power);
    const mean = powers.reduce((a, b) => a + b, 0) / powers.length;
    const varies = Math.min(...powers) !== Math.max(...powers);
    const stances = issueKeys.map((issue): SpatialStance | undefined => {
      const row = rows.find((r) => r.issue === issue);
      return row && { position: row.position, salience: row.salience, line: row.line };
    });
    return {
      name: declared.name,
      key,
      description: declared.comment || undefined,
      line: declared.line,
      capability: Number(mean.toPrecision(12)),
      capabilitySource: `the mean power of its ${rows.length} #D row${rows.length === 1 ? '' : 's'} (lines ${rows[0].line}–${rows[rows.length - 1].line})${varies ? `, which range from ${Math.min(...powers)} to ${Math.max(...powers)}` : ''}`,
      stances,
    };
  });
  notes.push("decide gives power per actor and issue; parley's capability is per actor, so each actor's capability is the mean of its powers.");
  return {
    ok: true,
    data: {
      formatName: 'decide exchange-model data file',
      salienceScale: '0–1',
      capabilityMeaning: "each actor's mean power over its #D rows (decide gives power per issue)",
      issues: spatialIssues,
      actors: spatialActors,
      notes,
    },
  };
}
