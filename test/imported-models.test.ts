/**
 * Imported peer data under parley's spatial mechanisms: the BDM EC example, imported from its CSV
 * and played as a parley scenario, reproduces the published figures — the weighted Condorcet
 * median 7.0 (expected-utility; the algorithm as written keeps it there) and the capability ×
 * salience weighted mean 7.38996 (compromise), each up to the nearest level of the imported scale.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anchorFile } from '../src/check/anchors.ts';
import { importModel, parseOverrides, parseScenarioText, prepareScenario, simulateBatch } from '../src/index.ts';

const found = anchorFile('bdm_eum/ExampleActors_jmckib.csv');
if (found === undefined) throw new Error('models/anchors/bdm_eum/ExampleActors_jmckib.csv is missing');
const ec: string = found;

async function agreedLevels(mechanism: string): Promise<{ deals: number; runs: number; levels: Map<number, number> }> {
  const imported = importModel('bdm', readFileSync(ec, 'utf8'), ec);
  if (!imported.ok) throw new Error('import failed');
  const overrides = parseOverrides([`negotiation.protocol=${mechanism}`]);
  if (typeof overrides === 'string') throw new Error(overrides);
  const parsed = parseScenarioText(imported.yaml, 'ec.yaml', overrides);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  const { compiled } = prepareScenario(parsed.scenario);
  const { summary } = await simulateBatch(compiled, { seed: '1', runs: 200, inProcess: true });
  const levels = new Map(summary.terms[0].options.filter((o) => o.deals.count > 0).map((o) => [Number(o.option), o.deals.count]));
  return { deals: summary.outcomes.deal.count, runs: summary.runs, levels };
}

describe('the imported BDM EC example', () => {
  it('expected-utility forecasts the weighted Condorcet median 7.0 in every run', async () => {
    const { deals, runs, levels } = await agreedLevels('expected-utility');
    expect(deals).toBe(runs);
    expect([...levels.keys()]).toEqual([7]);
  });

  it('compromise gives the weighted mean 7.38996, at the nearest level of the scale', async () => {
    const { deals, runs, levels } = await agreedLevels('compromise');
    expect(deals).toBe(runs);
    const [level] = [...levels.keys()];
    expect(levels.size).toBe(1);
    // The imported scale's levels: the largest count ≤ 101 on [4, 10], so its step; the level is within half of it.
    const { issues } = JSON.parse(JSON.stringify(importModel('bdm', readFileSync(ec, 'utf8'), ec))).model.scenario;
    const step = (issues.position.range[1] - issues.position.range[0]) / (issues.position.levels - 1);
    expect(Math.abs(level - 7.38996)).toBeLessThanOrEqual(step / 2 + 1e-9);
  });
});
