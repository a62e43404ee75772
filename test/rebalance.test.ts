/**
 * `--set actors.A.salience.I~=W`: the other weights are rescaled by one factor, so the actor's
 * weights keep the sum they had in the model and the others keep their ratios; distributions are
 * rescaled as the distribution of f·X (checked by drawing both with the same random numbers).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.ts';
import { readScenarioFile } from '../src/node/model-file.ts';
import { parseOverrides } from '../src/scenario/overrides.ts';
import type { Distribution } from '../src/scenario/param.ts';
import { scaleWeight } from '../src/scenario/rebalance.ts';
import { sampleDistribution } from '../src/scenario/sample.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import { distributionMean } from '../src/scenario/distribution-math.ts';

const MODEL = 'test/fixtures/ukraine-2025-fixed-weights.yaml';

function load(...sets: string[]) {
  const overrides = parseOverrides(sets);
  if (typeof overrides === 'string') throw new Error(overrides);
  return readScenarioFile(MODEL, overrides);
}

function weights(s: Scenario, actor: string): Record<string, number> {
  return Object.fromEntries(Object.entries(s.actors[actor].salience).map(([issue, d]) => [issue, distributionMean(d)]));
}

const base = load();
if (!base.ok) throw new Error('the default model does not validate');

describe('rebalancing one weight', () => {
  it('sets it, keeps the sum and the ratios of the others, and says so', () => {
    const result = load('actors.russia.salience.territory~=0.5');
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    const before = weights(base.scenario, 'russia');
    const after = weights(result.scenario, 'russia');
    expect(after.territory).toBe(0.5);
    const sumBefore = Object.values(before).reduce((a, b) => a + b, 0);
    expect(Object.values(after).reduce((a, b) => a + b, 0)).toBeCloseTo(sumBefore, 12);
    const others = Object.keys(before).filter((i) => i !== 'territory');
    for (const i of others) for (const j of others) expect(after[i] / after[j]).toBeCloseTo(before[i] / before[j], 12);
    // The other actors are untouched.
    expect(result.scenario.actors.ukraine.salience).toEqual(base.scenario.actors.ukraine.salience);
    expect(result.rebalanced).toHaveLength(1);
    const [r] = result.rebalanced!;
    expect(r.set).toEqual({ territory: 0.5 });
    expect(r.rescaled.map((x) => x.issue).sort()).toEqual(others.sort());
    for (const x of r.rescaled) {
      expect(x.from).toBeCloseTo(before[x.issue], 12);
      expect(x.to).toBeCloseTo(after[x.issue], 12);
    }
  });

  it('pins every weight the overrides name (= or ~=), whatever their order', () => {
    const a = load('actors.us.salience.backstop~=0.2', 'actors.us.salience.nato=0.3');
    const b = load('actors.us.salience.nato=0.3', 'actors.us.salience.backstop~=0.2');
    if (!a.ok || !b.ok) throw new Error('rejected');
    expect(a.scenario.actors.us.salience).toEqual(b.scenario.actors.us.salience);
    const w = weights(a.scenario, 'us');
    expect(w.nato).toBe(0.3);
    expect(w.backstop).toBe(0.2);
    expect(Object.values(w).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
  });

  it('works in a variant, written as a key ending in ~', () => {
    const text = readFileSync(MODEL, 'utf8').replace(/^variants:\n/m, 'variants:\n  land-first:\n    set:\n      actors.russia.salience.territory~: 0.5\n');
    const viaVariant = parseScenarioText(text, 'm.yaml', [], 'land-first');
    const viaSet = load('actors.russia.salience.territory~=0.5');
    if (!viaVariant.ok || !viaSet.ok) throw new Error('rejected');
    expect(viaVariant.scenario.actors.russia.salience).toEqual(viaSet.scenario.actors.russia.salience);
    expect(viaVariant.rebalanced).toEqual(viaSet.rebalanced);
  });

  it('rescales a weight given as a distribution, by its mean, as the distribution of f·X', () => {
    const result = load('actors.china.salience.nato=uniform(0.2, 0.4)', 'actors.china.salience.guarantee~=beta(2, 6, 0.1, 0.5)');
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    const nato = result.scenario.actors.china.salience.nato;
    expect(nato).toMatchObject({ dist: 'uniform', min: 0.2, max: 0.4 }); // pinned by its own override
    const w = weights(result.scenario, 'china');
    expect(Object.values(w).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
  });

  it('scales every kind of distribution so that its draws are f times the original draws', () => {
    const kinds: Distribution[] = [
      { dist: 'fixed', value: 0.2 },
      { dist: 'uniform', min: 0.1, max: 0.3 },
      { dist: 'triangular', min: 0.05, mode: 0.1, max: 0.3 },
      { dist: 'normal', mean: 0.2, sd: 0.05, min: 0.1, max: 0.3 },
      { dist: 'beta', alpha: 2, beta: 5, min: 0, max: 0.4 },
      { dist: 'bernoulli', p: 0.3, ifTrue: 0.25, ifFalse: 0.05 },
    ];
    const factor = 0.7;
    for (const d of kinds) {
      const scaled = scaleWeight(d, factor) as Distribution;
      const original = seedrandom.alea('scale');
      const again = seedrandom.alea('scale');
      for (let k = 0; k < 500; k++) {
        expect(sampleDistribution(scaled, again), d.dist).toBeCloseTo(factor * sampleDistribution(d, original), 9);
      }
    }
  });
});

describe('rebalancing that cannot be done', () => {
  it('a weight above the total: exit with what is wrong', () => {
    const result = load('actors.russia.salience.territory~=1.2');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0].message).toMatch(/sum to 1.2, more than the actor's total 1/);
  });

  it('the others all 0: an error naming them and what to do instead', () => {
    // A copy of the model in which Russia puts all its weight on territory.
    const file = join(mkdtempSync(join(tmpdir(), 'parley-rebalance-')), 'zeros.yaml');
    const issues = Object.keys(base.scenario.issues);
    const weightsText = issues.map((i) => `      ${i}: ${i === 'territory' ? 1 : 0}`).join('\n');
    writeFileSync(file, readFileSync(MODEL, 'utf8').replace(/(\n {2}russia:[\s\S]*?\n {4}salience:\n)[\s\S]*?(\n {4}preferences:)/, `$1${weightsText}$2`));
    const parsed = (text: string) => {
      const o = parseOverrides([text]);
      if (typeof o === 'string') throw new Error(o);
      return readScenarioFile(file, o);
    };
    const result = parsed('actors.russia.salience.territory~=0.6');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0].message).toMatch(/the other weights \(nato, guarantee, backstop, minerals, sequencing, leadership\) are all 0/);
      expect(result.problems[0].message).toMatch(/set one of them with =/);
    }
    // Setting it to the whole total needs no rescaling: accepted as it is.
    expect(parsed('actors.russia.salience.territory~=1').ok).toBe(true);
  });

  it('with absolute saliences (no sum to keep) it is refused', () => {
    const result = load('saliences=absolute', 'actors.russia.salience.territory~=0.5');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0].message).toMatch(/saliences are absolute.*set it with = instead of ~=/);
  });

  it('~= on anything but an issue weight is refused', () => {
    expect(parseOverrides(['actors.russia.patience~=0.5'])).toMatch(/path must be actors\.ACTOR\.salience\.ISSUE/);
  });
});
