/**
 * Utility tables against a direct reading of the model: u_a(p) = Σ_i w_ai v_ai(p_i) + Σ_k e_ak,
 * recomputed here from the scenario and the run's sampled values looked up by field path, for
 * every actor and package of many runs (which also checks the fixed/varying split that reuses
 * the terms that never change).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenarioText, prepareScenario, readScenarioFile } from '../src/index.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import { createRunContext, simulateRun } from '../src/simulation/batch.ts';
import { describePackage } from '../src/negotiation/compile.ts';

function checkUtilities(scenario: Scenario): void {
  const { compiled } = prepareScenario(scenario);
  {
    const ctx = createRunContext(compiled);
    const slotOf = new Map(compiled.parameters.map((p, k) => [p.path, k]));
    const P = compiled.packageCount;
    let checked = 0;
    for (let run = 0; run < 25; run++) {
      simulateRun(ctx, 'preferences', run);
      const value = (path: string) => ctx.sampled[slotOf.get(path)!];
      for (const [a, actorId] of Object.keys(scenario.actors).entries()) {
        const issueIds = Object.keys(scenario.issues);
        const weights = issueIds.map((i) => value(`actors.${actorId}.salience.${i}`));
        const total = weights.reduce((s, w) => s + w, 0);
        for (let p = 0; p < P; p += 7) {
          const { terms } = describePackage(compiled, p);
          let u = 0;
          issueIds.forEach((issueId, k) => {
            const issue = scenario.issues[issueId];
            let v: number;
            if (issue.kind === 'continuous') {
              const x = Number(terms[issueId]);
              const d = Math.min(1, Math.abs(x - value(`actors.${actorId}.preferences.${issueId}.ideal`)) / (issue.range[1] - issue.range[0]));
              const pref = scenario.actors[actorId].preferences[issueId] as { shape: string };
              v = pref.shape === 'quadratic' ? 1 - d * d : 1 - d;
            } else {
              v = value(`actors.${actorId}.preferences.${issueId}.${terms[issueId]}`);
            }
            u += (weights[k] / total) * v;
          });
          scenario.interactions.forEach((interaction, k) => {
            const matches = Object.entries(interaction.when).every(([i, o]) => (typeof o === 'string' ? [o] : o).includes(terms[i]));
            if (matches && actorId in interaction.effect) u += value(`interactions[${k}].effect.${actorId}`);
          });
          expect(ctx.instance.utility[a * P + p]).toBeCloseTo(u, 12);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  }
}

describe('utility of every package', () => {
  it('matches the weighted sum of option values plus interactions, run after run (default scenario)', () => {
    const loaded = readScenarioFile('models/ukraine-2025.yaml');
    if (!loaded.ok) throw new Error('invalid default scenario');
    checkUtilities(loaded.scenario);
  });

  it("also when an actor's weights vary, so all its issues are summed over the product of options", () => {
    const text = readFileSync('models/ukraine-2025.yaml', 'utf8').replace(
      /nato: \{value: 0\.2, source: "¶6, ¶9[^}]*\}/,
      'nato: {dist: uniform, min: 0.15, max: 0.25, source: "assumption: test"}',
    );
    const parsed = parseScenarioText(text, 'varying-weights.yaml');
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
    const { compiled } = prepareScenario(parsed.scenario);
    const ukraine = compiled.actors.findIndex((a) => a.id === 'ukraine');
    expect(compiled.parameters.find((p) => p.path === 'actors.ukraine.salience.nato')?.uncertain).toBe(true);
    expect(ukraine).toBe(0);
    checkUtilities(parsed.scenario);
  });
});
