/**
 * Names are data, never code: a model whose labels are JavaScript's inherited property names,
 * quotes, </script>, right-to-left overrides and template characters runs through every command
 * that draws charts (run, run --variant all, sweep, sensitivity, replay) and an imported BDM file
 * with such names imports and runs. Every chart's Vega-Lite spec, compiled to Vega, carries the
 * labels only as data values, never inside an expression; every report renders in Chromium with
 * no console error and no script from the data run.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, type TopLevelSpec } from 'vega-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, closeBrowser, expectEveryChartRendered, haveChromium, runBrowserTests } from '../helpers/browser.ts';
import { INHERITED_NAMES, hostileModelYaml } from '../helpers/hostile-model.ts';
import { parley as runCli } from '../helpers/cli.ts';

const work = mkdtempSync(join(tmpdir(), 'parley-hostile-'));
const model = join(work, 'hostile.yaml');
writeFileSync(model, hostileModelYaml());
const bdm = join(work, 'hostile-bdm.csv');
writeFileSync(
  bdm,
  [
    'Actor,Capability,Position,Salience',
    'constructor,0.3,2,0.9',
    '__proto__,0.3,8,0.8',
    '"</script><script>window.pwned=4</script>",0.2,5,0.5',
    '"\u202Eright-to-left\u202C, ""quoted""",0.2,6,0.6',
  ].join('\n') + '\n',
);

/** Keys under which Vega and Vega-Lite hold expressions (code), not values. */
const EXPRESSION_KEYS = new Set(['expr', 'signal', 'test', 'update', 'init', 'filter', 'calculate', 'labelExpr']);

function expressions(node: unknown, key = '', out: string[] = []): string[] {
  if (typeof node === 'string') {
    if (EXPRESSION_KEYS.has(key)) out.push(node);
  } else if (Array.isArray(node)) {
    for (const x of node) expressions(x, key, out);
  } else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) expressions(v, k, out);
  }
  return out;
}

/** Texts of the labels that must never appear in an expression's code (outside its string literals). */
const LABEL_TEXTS = ['pwned', 'evil RTL', '{{no}}', '<b>&amp;', 'right-to-left', 'Quoted'];

/**
 * An expression must hold no label as code. Titles may appear inside string literals (Vega-Lite
 * writes ARIA descriptions as "Title: " + value, quoted), but a literal that is exactly an
 * inherited name is read by Vega's expression parser as code, and so is a label used as a field
 * (datum["constructor"]) or as a tooltip key: no literal may be an inherited name, and the code
 * outside the literals may hold no label text.
 */
function expectNoLabelInCode(code: string, where: string): void {
  const literals = [...code.matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g)].map((m) =>
    m[0].startsWith('"') ? (JSON.parse(`"${m[1]}"`) as string) : m[2],
  );
  for (const literal of literals) expect(INHERITED_NAMES.includes(literal), `${where}: the literal "${literal}" in ${code}`).toBe(false);
  const outside = code.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  for (const text of LABEL_TEXTS) expect(outside.includes(text), `${where}: ${code}`).toBe(false);
}

function chartSpecs(folder: string): string[] {
  const charts = join(folder, 'charts');
  const dir = existsSync(charts) ? charts : folder;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.vl.json'))
    .map((f) => join(dir, f));
}

function expectLabelsOnlyAsData(folder: string): void {
  const specs = chartSpecs(folder);
  expect(specs.length).toBeGreaterThan(0);
  for (const file of specs) {
    const spec = JSON.parse(readFileSync(file, 'utf8')) as TopLevelSpec;
    const vega = compile(spec).spec;
    for (const code of [...expressions(spec), ...expressions(vega)]) expectNoLabelInCode(code, file);
    const svg = readFileSync(file.replace(/\.vl\.json$/, '.svg'), 'utf8');
    expect(svg).not.toMatch(/<script|<img/i);
  }
}

const noScriptRan = async (page: import('playwright-core').Page) => {
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  // The labels are shown as text: the report's tables carry them literally.
  expect(await page.locator('body').innerText()).toContain('constructor');
};

afterAll(closeBrowser);

describe('hostile labels', () => {
  const folders: Record<string, string> = {};

  beforeAll(async () => {
    const commands: [string, string[]][] = [
      ['run', ['run', model, '--runs', '400', '--workers', '1', '--seed', 'h', '--save-runs']],
      ['variants', ['run', model, '--variant', 'all', '--runs', '300', '--workers', '1', '--seed', 'h']],
      ['sweep', ['sweep', model, '--param', 'actors.a.reservation=0.2:0.4:3', '--runs', '200', '--workers', '1', '--seed', 'h']],
      ['sensitivity', ['sensitivity', model, '--runs', '200', '--workers', '1', '--seed', 'h']],
    ];
    for (const [name, args] of commands) {
      folders[name] = join(work, name);
      const r = await runCli(...args, '--out', folders[name]);
      expect(r.code, r.stderr).toBe(0);
    }
    folders.replay = join(work, 'replay');
    const r = await runCli('replay', folders.run, '--run', '3', '--out', folders.replay);
    expect(r.code, r.stderr).toBe(0);
  });

  it('validate accepts them: labels may say anything', async () => {
    const r = await runCli('validate', model);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/valid — 4 actors, 2 issues/);
  });

  it('every chart of every command carries the labels only as data values, never in an expression', () => {
    for (const name of ['run', 'variants', 'sweep', 'sensitivity', 'replay']) expectLabelsOnlyAsData(folders[name]);
    expectLabelsOnlyAsData(join(folders.variants, 'base'));
  });

  it('the labels reach the charts: each actor label is drawn in the SVG of actor utilities (escaped)', () => {
    const svg = readFileSync(join(folders.run, 'charts', 'actor-utilities.svg'), 'utf8');
    expect(svg).toContain('>constructor<');
    expect(svg).toContain('>__proto__<');
    expect(svg).toContain('&lt;/script&gt;');
    // Sorted in model order, not alphabetically: a above b above c above d (y grows downwards).
    const y = (label: string) => Number(new RegExp(`translate\\([\\d.-]+,([\\d.-]+)\\)"[^>]*>${label}<`).exec(svg)?.[1] ?? NaN);
    expect(y('constructor')).toBeLessThan(y('__proto__'));
  });

  it('an imported BDM file with such names imports, validates and runs', async () => {
    const out = join(work, 'imported.yaml');
    const imported = await runCli('import', 'bdm', bdm, '--out', out, '--levels', '7');
    expect(imported.code, imported.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^ {2}actor-constructor:$/m);
    expect(text).toMatch(/label: constructor$/m);
    folders.imported = join(work, 'imported-run');
    const run = await runCli('run', out, '--runs', '300', '--workers', '1', '--out', folders.imported);
    expect(run.code, run.stderr).toBe(0);
    expectLabelsOnlyAsData(folders.imported);
  });

  it.skipIf(!runBrowserTests)('every report renders in Chromium with every chart, and no script from the data runs', async () => {
    for (const name of ['run', 'variants', 'sweep', 'sensitivity', 'imported']) await expectEveryChartRendered(folders[name], 15, noScriptRan);
  });
});

if (!haveChromium) console.warn(`hostile-names.test.ts: the browser part is skipped: ${CHROMIUM} is not installed`);
