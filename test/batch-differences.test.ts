/**
 * What a comparison says differs between its batches, checked against what was changed: a
 * variant's `set:` entries (read from the model file's YAML, not through parley), `--set`
 * overrides, a `~=` rescaling (every other weight of that actor moves, nothing else), and the
 * settings a manifest records. Then `parley compare` on two real run folders prints and writes them.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadModel } from '../src/node/model-file.ts';
import { manifestModel, provenanceOf } from '../src/node/provenance.ts';
import { batchDifferences, type BatchRecord } from '../src/simulation/batch-differences.ts';
import { parley } from './helpers/cli.ts';

const MODEL = 'models/ukraine-2025.yaml';

function record(label: string, set: string[] = [], variant?: string, seed = '1', mechanism = 'alternating-offers'): BatchRecord {
  const m = loadModel(MODEL, { set, variant });
  return { label, provenance: provenanceOf(m.scenario.name, manifestModel(MODEL, m.text, set, variant)), mechanism, seed, runs: 100, scenario: m.scenario };
}

describe('batchDifferences', () => {
  it('finds nothing between two batches of the same model and settings', () => {
    const d = batchDifferences([record('a'), record('b')]);
    expect(d.settings).toEqual([]);
    expect(d.parameters).toEqual([]);
  });

  it("lists exactly the fields a variant's set: and the overrides change, with each batch's value", () => {
    const yaml = parse(readFileSync(MODEL, 'utf8')) as { variants: Record<string, { set: Record<string, unknown> }> };
    const variantSet = yaml.variants['us-backstops'].set;
    const overrides = ['actors.russia.patience=0.9', 'negotiation.rounds=13'];
    const d = batchDifferences([record('base'), record('tweaked', overrides, 'us-backstops')]);
    const expected = [...Object.keys(variantSet), ...overrides.map((o) => o.split('=')[0])].sort();
    expect(d.parameters.map((p) => p.field).sort()).toEqual(expected);
    const byField = new Map(d.parameters.map((p) => [p.field, p.values]));
    expect(byField.get('actors.russia.patience')?.[1]).toBe('0.9');
    expect(byField.get('negotiation.rounds')?.[1]).toBe('13');
    for (const [field, value] of Object.entries(variantSet)) expect(byField.get(field)?.[1]).toBe(String(value));
    expect(d.settings.map((s) => s.field)).toEqual(['variant', 'overrides']);
    expect(d.settings[0].values).toEqual([null, 'us-backstops']);
  });

  it("shows a variant's hard constraint, which no settable field holds, as a rule in force in that batch only", () => {
    const yaml = parse(readFileSync(MODEL, 'utf8')) as { variants: Record<string, { constraints: { forbid: Record<string, string> }[] }> };
    const [added] = yaml.variants['us-refuses-backstop'].constraints;
    const rule = `excluded: ${Object.entries(added.forbid)
      .map(([issue, option]) => `${issue} = ${option}`)
      .join(' & ')}`;
    const d = batchDifferences([record('base'), record('refuses', [], 'us-refuses-backstop')]);
    expect(d.parameters).toEqual([{ field: rule, values: [null, 'in force'] }]);
    expect(batchDifferences([record('refuses', [], 'us-refuses-backstop'), record('again', [], 'us-refuses-backstop')]).parameters).toEqual([]);
  });

  it('a ~= rescaling shows as every weight of that actor, and nothing else', () => {
    const yaml = parse(readFileSync(MODEL, 'utf8')) as { actors: Record<string, { salience: Record<string, unknown> }> };
    const issues = Object.keys(yaml.actors.russia.salience);
    const d = batchDifferences([record('base'), record('rebalanced', ['actors.russia.salience.territory~=0.5'])]);
    expect(d.parameters.map((p) => p.field).sort()).toEqual(issues.map((i) => `actors.russia.salience.${i}`).sort());
  });

  it('records the seed, runs and mechanism when they differ, and skips parameters of a batch without a scenario', () => {
    const a = record('a', [], undefined, '1');
    const b = { ...record('b', [], undefined, '2', 'single-text'), scenario: null };
    const d = batchDifferences([a, b]);
    expect(d.settings.map((s) => s.field)).toEqual(['mechanism', 'seed']);
    expect(d.parameters).toEqual([]);
    expect(d.unknownScenario).toEqual(['b']);
  });
});

describe('parley compare says what differs', () => {
  it('labels batches by what they ran and lists the differing fields in the terminal, the JSON and the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-compare-diff-'));
    const base = join(dir, 'base');
    const tweaked = join(dir, 'tweaked');
    expect((await parley('run', MODEL, '--runs', '200', '--seed', '4', '--no-charts', '--out', base)).code).toBe(0);
    expect((await parley('run', MODEL, '--runs', '200', '--seed', '4', '--no-charts', '--set', 'actors.russia.patience=0.9', '--out', tweaked)).code).toBe(0);
    const out = join(dir, 'cmp');
    const run = await parley('compare', base, tweaked, '--out', out, '--json');
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { comparison: { batches: { label: string }[]; differences: { parameters: { field: string; values: string[] }[] } } };
    expect(json.comparison.batches.map((b) => b.label)[1]).toMatch(/^ukraine-2025 · 1 override #[0-9a-f]{6}$/);
    expect(json.comparison.differences.parameters).toEqual([{ field: 'actors.russia.patience', values: [expect.stringMatching(/^uniform\(/), '0.9'] }]);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('What differs between the batches');
    expect(html).toContain('actors.russia.patience');
    const text = await parley('compare', base, tweaked, '--out', join(dir, 'cmp2'));
    expect(text.stdout).toMatch(/actors\.russia\.patience\s+uniform\([^)]*\) \| 0\.9/);
    // The runs index tells the two batches apart: the tweaked one with its digest and its override.
    expect((await parley('view', '--runs-dir', dir)).code).toBe(0);
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    const rows = index.split('<tr>');
    const tweakedRow = rows.find((r) => r.includes('href="tweaked/report.html"'))!;
    const baseRow = rows.find((r) => r.includes('href="base/report.html"'))!;
    expect(tweakedRow).toMatch(/ukraine-2025 · 1 override #[0-9a-f]{6}/);
    expect(tweakedRow).toContain('--set actors.russia.patience=0.9');
    expect(baseRow).not.toContain('override');
  }, 120_000);
});
