/**
 * The model as tables, checked against the model file itself (read here with the yaml package,
 * not through parley's loader) and against the compiler's parameter slots.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../src/negotiation/compile.ts';
import { readScenarioFile } from '../src/node/model-file.ts';
import { modelParameters } from '../src/scenario/model-parameters.ts';
import { MODEL_TABLE_NAMES, modelTables, type ModelTable } from '../src/scenario/model-tables.ts';
import { readSource } from '../src/scenario/source-basis.ts';

const MODEL = 'test/fixtures/ukraine-2025-fixed-weights.yaml';
const loaded = readScenarioFile(MODEL);
if (!loaded.ok) throw new Error('the default model does not validate');
const scenario = loaded.scenario;
/** The file as plain YAML: what the tables must say. */
const file = parse(readFileSync(MODEL, 'utf8')) as {
  vetoPlayers: string[];
  issues: Record<string, { kind: string; options?: Record<string, { consent?: string[] }> }>;
  actors: Record<string, { salience: Record<string, number | { value: number }>; reservation: unknown }>;
  interactions: unknown[];
  infeasible: unknown[];
};
const tables = modelTables(scenario);
const table = (name: string): ModelTable => tables.find((t) => t.name === name)!;
const weight = (w: number | { value: number }) => (typeof w === 'number' ? w : w.value);

describe('the parameters', () => {
  it('are the compiler’s parameter slots, path for path, in the same order, with the same distributions', () => {
    // Structural slots that are not numbers (the mechanism, the proposer order, each strategy) are shown in their own tables.
    const compiled = compileScenario(scenario);
    const numeric = compiled.parameters.filter((p) => !p.structural || p.path === 'negotiation.rounds' || p.path.endsWith('.concession'));
    const listed = modelParameters(scenario);
    expect(listed.map((p) => p.path)).toEqual(numeric.map((p) => p.path));
    listed.forEach((p, k) => expect(p.distribution, p.path).toEqual(numeric[k].distribution));
  });

  it('each carry a basis that agrees with its source text', () => {
    const rows = table('parameters').rows;
    expect(rows).toHaveLength(
      compileScenario(scenario).parameters.filter((p) => !p.structural || p.path === 'negotiation.rounds' || p.path.endsWith('.concession')).length,
    );
    for (const row of rows) {
      const source = String(row.source ?? '');
      if (/^assumption/i.test(source)) expect(row.basis, String(row.path)).toBe('assumption');
      else if (/¶\d/.test(source)) expect(String(row.basis), String(row.path)).toMatch(/^evidence: ¶\d/);
      // Every paragraph the basis names is cited in the source.
      for (const mark of String(row.basis).match(/¶\d+(–\d+)?/g) ?? []) expect(source).toContain(mark);
    }
    // Concession styles given by name take the actor's source, and say so.
    const russia = rows.find((r) => r.path === 'actors.russia.concession')!;
    expect(russia.sourceOf).toBe('actors.russia');
    expect(russia.value).toMatch(/^boulware \(4\)/);
  });
});

describe('the tables agree with the model file', () => {
  it('are the tables the help names, in that order', () => {
    expect(tables.map((t) => t.name)).toEqual([...MODEL_TABLE_NAMES]);
  });

  it('weights: one row per actor, each issue’s weight as written, and their sum', () => {
    const rows = table('saliences').rows;
    expect(rows.map((r) => r.actor)).toEqual(Object.keys(file.actors));
    for (const row of rows) {
      const written = file.actors[String(row.actor)].salience;
      for (const [issue, w] of Object.entries(written)) expect(row[issue]).toBe(weight(w));
      expect(row.sum).toBeCloseTo(
        Object.values(written).reduce((t: number, w) => t + weight(w), 0),
        3,
      );
    }
  });

  it('option values: a row for every option of every discrete issue, and one ideal-point row per continuous issue', () => {
    const rows = table('option-values').rows;
    const expected = Object.entries(file.issues).flatMap(([issue, spec]) =>
      spec.kind === 'continuous' ? [`${issue}/ideal`] : Object.keys(spec.options!).map((o) => `${issue}/${o}`),
    );
    expect(rows.map((r) => `${r.issue}/${r.option}`)).toEqual(expected);
  });

  it('consent: the veto players for every package, then exactly the options that name consenting actors', () => {
    const rows = table('consent').rows;
    expect(rows[0]).toMatchObject({ scope: 'every package', actors: file.vetoPlayers.join(', ') });
    const withConsent = Object.entries(file.issues).flatMap(([issue, spec]) =>
      Object.entries(spec.options ?? {}).flatMap(([option, o]) => (o.consent ? [`${issue}/${option}: ${o.consent.join(', ')}`] : [])),
    );
    expect(rows.slice(1).map((r) => `${r.issue}/${r.option}: ${r.actors}`)).toEqual(withConsent);
  });

  it('interactions and infeasible combinations: one row each, in file order', () => {
    expect(table('interactions').rows.map((r) => r.index)).toEqual(file.interactions.map((_, k) => k));
    expect(table('infeasible').rows.map((r) => r.index)).toEqual(file.infeasible.map((_, k) => k));
    expect(table('infeasible').rows[0].when).toBe('guarantee = article-5 & nato ∈ {none, open-door}');
  });

  it('preferred options: the option each actor values most', () => {
    const rows = table('preferred-options').rows;
    const ukraine = rows.find((r) => r.actor === 'ukraine')!;
    expect(ukraine).toMatchObject({ nato: 'membership', guarantee: 'article-5', territory: 'ideal 1' });
  });
});

describe('reading a source', () => {
  it('tells evidence, assumption, both, a citation without paragraphs, and none apart', () => {
    expect(readSource('¶14: gaining ground, will not step back')).toMatchObject({ basis: 'evidence', paragraphs: ['¶14'] });
    expect(readSource('assumption: not a warring party; moderate patience').basis).toBe('assumption');
    expect(readSource('¶21: France is one of the guarantors; assumption on size')).toMatchObject({
      basis: 'evidence and assumption',
      label: 'evidence: ¶21 + assumption',
    });
    expect(readSource('KTAB SMP data, row 3').basis).toBe('cited');
    expect(readSource(undefined).basis).toBe('none');
    // A paragraph inside a range already cited is not listed again.
    expect(readSource('¶2, ¶8–9: holds to its demands (¶9) but under pressure (¶8)').paragraphs).toEqual(['¶2', '¶8–9']);
  });
});
