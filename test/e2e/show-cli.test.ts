/**
 * `parley show`, `--json`, suggestions for mistyped names and `~=` rebalancing, as a user runs
 * them, checked against the model file's own content read here with the yaml package. What
 * depends on the terminal or the environment (width, colour, stdout holding only JSON) runs
 * `node bin/parley.mjs …` in a child process; the rest runs the CLI in this process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { parley as cli } from '../helpers/cli.ts';

/**
 * A frozen copy of an earlier default scenario (fixed issue weights, named concession styles, a
 * deadline): these tests check the command against a file whose content they know, not against
 * the default scenario as it evolves.
 */
const MODEL = 'test/fixtures/ukraine-2025-fixed-weights.yaml';
const work = mkdtempSync(join(tmpdir(), 'parley-show-'));
const ESC = '\u001b';

function parley(args: string[], env: Record<string, string | undefined> = { NO_COLOR: '1' }) {
  const result = spawnSync(process.execPath, ['bin/parley.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function json(args: string[]) {
  const r = await cli(...args);
  if (r.code !== 0) throw new Error(`parley ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The model file as plain YAML. */
interface FileModel {
  issues: Record<string, { kind: string; options?: Record<string, unknown> }>;
  actors: Record<string, Record<string, unknown> & { salience: Record<string, number | { value: number }> }>;
}
const file = parse(readFileSync(MODEL, 'utf8')) as FileModel;
const actorIds = Object.keys(file.actors);
const issueIds = Object.keys(file.issues);
const weight = (w: number | { value: number }) => (typeof w === 'number' ? w : w.value);

/** RFC 4180: fields separated by commas, quoted when they hold commas, quotes or line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  return rows;
}

type Row = Record<string, string | number | boolean | null>;
type Table = { name: string; columns: { key: string }[]; rows: Row[] };

describe('parley show in the terminal', () => {
  const view = parley(['show', MODEL], { NO_COLOR: '1', COLUMNS: '90' });

  it('prints every table, every actor and every issue of the model', () => {
    expect(view.code).toBe(0);
    expect(view.stderr).toBe('');
    for (const title of [
      'The negotiation',
      'Actors',
      'Issue weights',
      'Preferred option',
      "Each option's value",
      'Who must consent',
      'Interactions',
      'Infeasible combinations',
      'Every parameter',
    ]) {
      expect(view.stdout).toContain(title);
    }
    for (const id of [...actorIds, ...issueIds]) expect(view.stdout).toContain(id);
  });

  it('keeps every line within the terminal’s width, wrapping long sources', () => {
    const long = view.stdout.split('\n').filter((l) => [...l].length > 90);
    expect(long).toEqual([]);
    // A source longer than the width is there whole, in pieces.
    expect(view.stdout.replace(/\s+/g, ' ')).toContain('a small per-round chance that talks collapse; the article gives no rate');
  });

  it('labels each parameter evidence or assumption, as its source says', () => {
    // A row: its first line and the indented lines under it (wrapped cells, sources).
    const row = (path: string) => {
      const lines = view.stdout.split('\n');
      const start = lines.findIndex((l) => l === path || l.startsWith(`${path} `));
      const end = lines.findIndex((l, k) => k > start && !l.startsWith(' '));
      return lines.slice(start, end).join('\n');
    };
    expect(row('negotiation.breakdownRisk')).toMatch(/basis: assumption| {2}assumption/);
    expect(row('actors.russia.reservation')).toMatch(/evidence: ¶14/);
    expect(row('actors.russia.reservation')).toMatch(/triangular\(0\.38, 0\.5, 0\.7\)/);
  });

  it('uses colour only when asked: never with NO_COLOR, never in a pipe, with FORCE_COLOR', () => {
    expect(view.stdout).not.toContain(ESC);
    const piped = parley(['show', '--table', 'saliences'], {});
    expect(piped.stdout).not.toContain(ESC);
    const forced = parley(['show', '--table', 'saliences'], { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain(`${ESC}[1m`);
    const both = parley(['show', '--table', 'saliences'], { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(both.stdout).not.toContain(ESC);
    // Colour changes nothing but the escapes.
    // eslint-disable-next-line no-control-regex -- the colour codes (ESC [ n m) are what is stripped
    expect(forced.stdout.replace(/\u001b\[\d+m/g, '')).toBe(piped.stdout);
  });

  it('--table picks tables, and a mistyped name gets the closest one', async () => {
    const one = await cli('show', MODEL, '--table', 'saliences');
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('Issue weights');
    expect(one.stdout).not.toContain('Who must consent');
    const typo = await cli('show', MODEL, '--table', 'salience');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown table "salience"; did you mean "saliences"\?/);
  });
});

describe('parley show --json and --csv', () => {
  let tables: Table[] = [];
  beforeAll(async () => {
    tables = (await json(['show', MODEL, '--json'])).tables;
  });
  const table = (name: string) => tables.find((t) => t.name === name)!;

  it('the weights table holds the file’s weights, one row per actor', () => {
    const rows = table('saliences').rows;
    expect(rows.map((r) => r.actor)).toEqual(actorIds);
    for (const row of rows) for (const issue of issueIds) expect(row[issue]).toBe(weight(file.actors[String(row.actor)].salience[issue]));
  });

  it('--csv writes one file per table holding the same rows, and never overwrites', async () => {
    const dir = join(work, 'tables');
    const written = await cli('show', MODEL, '--csv', dir);
    expect(written.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(tables.map((t) => `${t.name}.csv`).sort());
    for (const t of tables) {
      const [header, ...rows] = parseCsv(readFileSync(join(dir, `${t.name}.csv`), 'utf8'));
      expect(header).toEqual(t.columns.map((c) => c.key));
      expect(rows).toHaveLength(t.rows.length);
      rows.forEach((cells, r) => {
        t.columns.forEach((c, k) => {
          const value = t.rows[r][c.key];
          expect(cells[k]).toBe(value === null ? '' : String(value));
        });
      });
    }
    const before = statSync(join(dir, 'parameters.csv')).mtimeMs;
    const again = await cli('show', MODEL, '--csv', dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; parley never overwrites/);
    expect(statSync(join(dir, 'parameters.csv')).mtimeMs).toBe(before);
  });
});

describe('parley show --paths', () => {
  let paths: { path: string; value: unknown; text: string | null; allowed: string }[] = [];
  beforeAll(async () => {
    paths = (await json(['show', MODEL, '--paths', '--json'])).paths;
  });

  it('lists every parameter of every actor, with what it allows', () => {
    const names = new Set(paths.map((p) => p.path));
    for (const actor of actorIds) {
      for (const field of ['capability', 'reservation', 'patience', 'concession', 'strategy']) expect(names.has(`actors.${actor}.${field}`)).toBe(true);
      for (const issue of issueIds) expect(names.has(`actors.${actor}.salience.${issue}`)).toBe(true);
    }
    for (const p of paths) expect(p.allowed.length).toBeGreaterThan(0);
    expect(paths.find((p) => p.path === 'actors.russia.patience')!.allowed).toMatch(/^\(0, 1\]/);
  });

  it('every listed path takes its own current value back through --set and leaves the model as it was', async () => {
    const set = paths.filter((p) => p.text !== null);
    // As --set writes it (a distribution as its call): the same numbers everywhere.
    const again = await json(['show', MODEL, '--paths', '--json', ...set.flatMap((p) => ['--set', `${p.path}=${p.text}`])]);
    expect(again.paths.map((p: { path: string; text: string }) => [p.path, p.text])).toEqual(paths.map((p) => [p.path, p.text]));
    // As JSON (sources and labels included): the very same model.
    const exact = await json(['show', MODEL, '--paths', '--json', ...set.flatMap((p) => ['--set', `${p.path}=${JSON.stringify(p.value)}`])]);
    expect(exact.paths).toEqual(paths);
    const tablesBefore = (await json(['show', MODEL, '--json'])).tables;
    const tablesAfter = (await json(['show', MODEL, '--json', ...set.flatMap((p) => ['--set', `${p.path}=${JSON.stringify(p.value)}`])])).tables;
    expect(tablesAfter).toEqual(tablesBefore);
  });

  it('in the terminal: one line per path, so grep finds a path with its value', () => {
    const text = parley(['show', MODEL, '--paths']).stdout;
    for (const p of paths) {
      const line = text.split('\n').find((l) => l.startsWith(`${p.path} `));
      expect(line, p.path).toBeDefined();
      expect(line).toContain(p.text ?? '(not set)');
    }
  });
});

describe('suggestions for mistyped names', () => {
  const check = async (args: string[], pattern: RegExp) => {
    const r = await cli(...args);
    expect(r.code, args.join(' ')).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    return r.stderr;
  };

  it('an actor id, in any case: the closest id and every actor of the model', async () => {
    for (const typo of ['rusia', 'Russia']) {
      const stderr = await check(['validate', '--set', `actors.${typo}.patience=0.9`], new RegExp(`unknown actor "${typo}"; did you mean "russia"\\?`));
      for (const actor of actorIds) expect(stderr).toContain(actor);
    }
  });

  it('a field, an issue, an option and a value', async () => {
    await check(['validate', '--set', 'actors.russia.resrvation=0.5'], /unknown field "resrvation"; did you mean "reservation"\?/);
    await check(['validate', '--set', 'actors.russia.salience.teritory=0.3'], /unknown issue "teritory"; did you mean "territory"\?/);
    await check(['validate', '--set', 'actors.us.preferences.nato.memberhsip=0.3'], /unknown option "memberhsip" of issue "nato"; did you mean "membership"\?/);
    await check(['validate', '--set', 'actors.russia.strategy=hardliners'], /strategy: expected .*; did you mean "hardliner"\?/);
    await check(
      ['run', '--runs', '10', '--set', 'actors.russia.patience={dist: unifrom, min: 0.9, max: 0.99}'],
      /unknown dist "unifrom"; did you mean "uniform"\?/,
    );
  });

  it('in a model file: the file, the line and the closest field', async () => {
    const typo = join(work, 'typo.yaml');
    const text = readFileSync(MODEL, 'utf8').replace(
      '    patience:\n      dist: uniform\n      min: 0.95',
      '    patiance:\n      dist: uniform\n      min: 0.95',
    );
    writeFileSync(typo, text);
    const lineNumber = text.split('\n').findIndex((l) => l.includes('patiance:')) + 1;
    const stderr = await check(['validate', typo], /unknown field "patiance"; did you mean "patience"\?/);
    expect(stderr).toContain(`${typo}:${lineNumber}:`);
  });
});

describe('rebalancing issue weights (~=)', () => {
  const before = file.actors.russia.salience;

  it('sets one weight, rescales the others to keep the sum and their ratios, and says so', async () => {
    const r = await cli('show', MODEL, '--json', '--set', 'actors.russia.salience.territory~=0.5');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Rebalanced actors\.russia\.salience: territory set to 0\.5; the other weights rescaled ×0\.7692 to keep the sum 1:/);
    const shown = JSON.parse(r.stdout);
    const row = (shown.tables as Table[]).find((t) => t.name === 'saliences')!.rows.find((x) => x.actor === 'russia')!;
    // The table rounds to 4 digits: the sum and the ratios hold to that.
    expect(row.territory).toBe(0.5);
    expect(row.sum).toBeCloseTo(1, 3);
    const others = issueIds.filter((i) => i !== 'territory');
    for (const i of others) expect(Number(row[i]) / Number(row.nato)).toBeCloseTo(weight(before[i]) / weight(before.nato), 2);
    expect(shown.rebalanced[0].rescaled.map((x: { issue: string }) => x.issue)).toEqual(others);
  });

  it('a run records the rescaled weights in its manifest, and its scenario holds them exactly', async () => {
    const out = join(work, 'rebalanced-run');
    const r = await cli('run', MODEL, '--runs', '200', '--workers', '1', '--no-charts', '--out', out, '--set', 'actors.russia.salience.territory~=0.5');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Rebalanced actors\.russia\.salience/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.model.overrides).toEqual(['actors.russia.salience.territory~=0.5']);
    const [rebalanced] = manifest.model.rebalanced;
    expect(rebalanced).toMatchObject({ actor: 'russia', total: 1, set: { territory: 0.5 } });
    const scenario = JSON.parse(readFileSync(join(out, 'scenario.json'), 'utf8'));
    const after = Object.fromEntries(Object.entries(scenario.actors.russia.salience as Record<string, { value: number }>).map(([i, d]) => [i, d.value]));
    expect(Object.values(after).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (const x of rebalanced.rescaled) {
      expect(x.from).toBe(weight(before[x.issue]));
      expect(after[x.issue]).toBe(x.to);
      expect(x.to / x.from).toBeCloseTo(rebalanced.factor, 12);
    }
  });

  it('when the other weights are all 0 there is nothing to rescale: exit 2 with why', async () => {
    // A copy of the model in which Russia puts all its weight on territory.
    const zeros = join(work, 'zeros.yaml');
    const weights = issueIds.map((i) => `      ${i}: ${i === 'territory' ? 1 : 0}`).join('\n');
    writeFileSync(zeros, readFileSync(MODEL, 'utf8').replace(/(\n {2}russia:[\s\S]*?\n {4}salience:\n)[\s\S]*?(\n {4}preferences:)/, `$1${weights}$2`));
    expect((await cli('validate', zeros)).code).toBe(0);
    const r = await cli('validate', zeros, '--set', 'actors.russia.salience.territory~=0.6');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot rescale: the other weights \(nato, guarantee, backstop, minerals, sequencing, leadership\) are all 0/);
  });
});

describe('--json on run, validate and compare', () => {
  it('run: the folder, the manifest and the summary on stdout; the closing line on stderr', () => {
    const out = join(work, 'json-run');
    const r = parley(['run', '--runs', '300', '--seed', '3', '--workers', '1', '--no-charts', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.summary).toEqual(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')));
    expect(result.manifest).toEqual(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    expect(r.stderr).toMatch(/^Wrote .*json-run\//m);
  });

  it('compare: the comparison on stdout, as comparison.json holds it', async () => {
    const second = join(work, 'json-run-2');
    expect(
      (await cli('run', MODEL, '--runs', '300', '--seed', '3', '--workers', '1', '--no-charts', '--out', second, '--set', 'negotiation.breakdownRisk=0')).code,
    ).toBe(0);
    const out = join(work, 'json-compare');
    const r = await cli('compare', join(work, 'json-run'), second, '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).comparison).toEqual(JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')));
    expect(r.stderr).toMatch(/^Wrote /m);
  });

  it('validate: the counts when valid; every problem with its path when not (exit 2)', async () => {
    const valid = await json(['validate', '--json']);
    expect(valid).toMatchObject({ valid: true, actors: actorIds.length, issues: issueIds.length, problems: [] });
    const broken = await cli('validate', 'test/fixtures/broken-model.yaml', '--json');
    expect(broken.code).toBe(2);
    const answer = JSON.parse(broken.stdout);
    expect(answer.valid).toBe(false);
    const paths = answer.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['negotiation.colour', 'vetoPlayers[1]', 'actors.ukraine.patience']));
    for (const p of answer.problems) expect(p.file).toBe('test/fixtures/broken-model.yaml');
  });

  it('nothing is written when the model is bad', async () => {
    const out = join(work, 'json-bad');
    expect((await cli('run', MODEL, '--runs', '10', '--json', '--out', out, '--set', 'actors.rusia.patience=0.9')).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
