/**
 * `parley import`: published negotiation data (BDM CSV, KTAB SMP CSV, decide) → a model that
 * validates, compiles and runs. The values are checked against the source files read here with a
 * plain split (not the importers' parsers), and against a figure published for the BDM EC case.
 *
 * The peer data are copies in the repository: test/data/ (read only by tests) and models/anchors/
 * (also read by `parley check`), with their provenance in test/data/PROVENANCE.md and
 * models/anchors/PROVENANCE.md. Bad-input and CLI tests use files written here.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  formatImportProblem,
  importModel,
  parseScenarioText,
  readAndPrepare,
  simulateBatch,
  tryPrepareScenario,
  type ImportFormat,
  type ImportedScenario,
  type Scenario,
} from '../src/index.ts';
import { parley } from './helpers/cli.ts';

const REPOSITORY = fileURLToPath(new URL('../', import.meta.url));

const MAX_PACKAGES = 1_000_000;
const work = mkdtempSync(join(tmpdir(), 'parley-import-'));

/** A peer data file by its path in the repository (test/data/… or models/anchors/…). */
const anchor = (path: string) => join(REPOSITORY, path);

/** Imports and validates exactly as `parley validate` reads the written file. */
function importValid(format: ImportFormat, file: string, levels?: number): { model: ImportedScenario; scenario: Scenario; yaml: string } {
  const imported = importModel(format, readFileSync(file, 'utf8'), file, { levels });
  if (!imported.ok) throw new Error(imported.problems.map(formatImportProblem).join('\n'));
  const parsed = parseScenarioText(imported.yaml, 'imported.yaml');
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n'));
  return { model: imported.model.scenario, scenario: parsed.scenario, yaml: imported.yaml };
}

/** The actor whose label is `name`. */
function actorByLabel(scenario: Scenario, name: string) {
  const entry = Object.entries(scenario.actors).find(([, a]) => a.label === name);
  if (!entry) throw new Error(`no actor labelled ${name}`);
  return { id: entry[0], ...entry[1] };
}

/** A parameter's fixed value (the importers write fixed numbers with a source). */
function valueOf(param: unknown): number {
  const p = param as { dist: string; value: number };
  expect(p.dist).toBe('fixed');
  return p.value;
}

function idealOf(scenario: Scenario, actorId: string, issueId: string): number {
  return valueOf((scenario.actors[actorId].preferences[issueId] as { ideal: unknown }).ideal);
}

/** Rows of a plain CSV, fields trimmed, blank lines and trailing empty fields dropped. */
function csvRows(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const fields = l.split(',').map((f) => f.trim());
      while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
      return fields;
    });
}

/** Rows of a decide file: tab-separated, ' quotes stripped. */
function decideRows(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t').map((f) => f.replace(/^'(.*)'$/, '$1')));
}

/** The largest L ≤ 101 with L^n ≤ 1,000,000, by direct search. */
function expectedLevels(issues: number): number {
  for (let L = 101; L > 2; L--) if (L ** issues <= MAX_PACKAGES) return L;
  return 2;
}

const FILES: [ImportFormat, string][] = [
  ['bdm', 'models/anchors/bdm_eum/ExampleActors_jmckib.csv'],
  ['bdm', 'models/anchors/bdm_eum/ExampleActors_dmasad.csv'],
  ['bdm', 'models/anchors/bdm_eum/Sultan_jmckib.csv'],
  ['bdm', 'test/data/bdm_eum/ChinaData_dmasad.csv'],
  ['bdm', 'test/data/bdm_eum/HondurasCrisisData_dmasad.csv'],
  ['ktab', 'test/data/ktab_smp/dummyData_3Dim.csv'],
  ['ktab', 'test/data/ktab_smp/dummyData_6Dim.csv'],
  ['ktab', 'test/data/ktab_smp/dummyData-a040.csv'],
  ['ktab', 'test/data/ktab_smp/dummyData-a080.csv'],
  ['ktab', 'test/data/ktab_smp/dummyData-a160.csv'],
  ['ktab', 'test/data/ktab_smp/SOE-Pol-Comp.csv'],
  ['ktab', 'test/data/ktab_smp/SOE-Policy.csv'],
  ['ktab', 'test/data/ktab_smp/SOE-Competitive.csv'],
  ['decide', 'test/data/decide_exchange/copenhagen.csv'],
  ['decide', 'test/data/decide_exchange/cop21.csv'],
  ['decide', 'test/data/decide_exchange/sample_data.txt'],
];

/** Batches in tests stay small: above this many packages the batch runs on a coarser import (--levels). */
const BATCH_PACKAGES = 20_000;

describe('every peer data file imports, validates, compiles and runs', () => {
  it.each(FILES)('%s %s', async (format, path) => {
    const { model, scenario } = importValid(format, anchor(path));
    const issues = Object.values(scenario.issues);
    const levels = expectedLevels(issues.length);
    for (const issue of issues) {
      expect(issue.kind).toBe('continuous');
      if (issue.kind === 'continuous') expect(issue.levels).toBe(levels);
    }
    // Saliences are absolute, each on a 0–1 scale; every veto player is an actor; at most 32 of them.
    expect(scenario.saliences).toBe('absolute');
    for (const actor of Object.values(scenario.actors)) {
      for (const w of Object.values(actor.salience)) {
        expect(valueOf(w)).toBeGreaterThanOrEqual(0);
        expect(valueOf(w)).toBeLessThanOrEqual(1);
      }
    }
    expect(scenario.vetoPlayers.length).toBeGreaterThan(0);
    expect(scenario.vetoPlayers.length).toBeLessThanOrEqual(32);
    for (const id of scenario.vetoPlayers) expect(scenario.actors[id]).toBeDefined();
    // Every field the data lack says it is an assumption.
    for (const actor of Object.values(model.actors)) {
      for (const field of [actor.reservation, actor.patience, actor.concession]) expect(field.source).toMatch(/^assumption: /);
    }
    expect(model.negotiation.breakdownRisk.source).toMatch(/^assumption: /);

    const prepared = tryPrepareScenario(scenario, path);
    if (!prepared.ok) throw new Error(prepared.problems.map((p) => p.message).join('\n'));
    expect(prepared.compiled.packageCount).toBe(levels ** issues.length);

    let compiled = prepared.compiled;
    if (compiled.packageCount > BATCH_PACKAGES) {
      let coarse = levels;
      while (coarse ** issues.length > BATCH_PACKAGES) coarse--;
      const light = tryPrepareScenario(importValid(format, anchor(path), coarse).scenario, path);
      if (!light.ok) throw new Error(light.problems.map((p) => p.message).join('\n'));
      compiled = light.compiled;
    }
    const { summary } = await simulateBatch(compiled, { seed: '1', runs: 200, inProcess: true });
    expect(summary.runs).toBe(200);
    expect(summary.outcomes.deal.count + summary.outcomes.breakdown.count + summary.outcomes.deadline.count).toBe(200);
  });
});

describe('imported values match the source data', () => {
  it('BDM EC example (jmckib): positions, capabilities, range, weights, and the published weighted mean 7.38996', () => {
    const file = anchor('models/anchors/bdm_eum/ExampleActors_jmckib.csv');
    const { scenario } = importValid('bdm', file);
    const [header, ...rows] = csvRows(file);
    expect(header).toEqual(['Actor', 'Capability', 'Position', 'Salience']);
    expect(Object.keys(scenario.issues)).toEqual(['position']);
    expect(scenario.issues.position).toMatchObject({ kind: 'continuous', range: [4, 10] });
    let weighted = 0;
    let weights = 0;
    for (const [name, capability, position, salience] of rows) {
      const actor = actorByLabel(scenario, name);
      expect(idealOf(scenario, actor.id, 'position')).toBe(Number(position));
      expect(valueOf(actor.capability)).toBe(Number(capability));
      expect(valueOf(actor.salience.position)).toBe(Number(salience));
      weighted += valueOf(actor.capability) * Number(salience) * idealOf(scenario, actor.id, 'position');
      weights += valueOf(actor.capability) * Number(salience);
    }
    expect(weighted / weights).toBeCloseTo(7.38996, 5);
    // Veto players: a capability majority, minimal, and the most capable actors.
    const capability = (id: string) => valueOf(scenario.actors[id].capability);
    const total = Object.keys(scenario.actors).reduce((t, id) => t + capability(id), 0);
    const held = scenario.vetoPlayers.reduce((t, id) => t + capability(id), 0);
    expect(held).toBeGreaterThan(total / 2);
    expect(held - Math.min(...scenario.vetoPlayers.map(capability))).toBeLessThanOrEqual(total / 2);
    const outside = Object.keys(scenario.actors).filter((id) => !scenario.vetoPlayers.includes(id));
    expect(Math.max(...outside.map(capability))).toBeLessThanOrEqual(Math.min(...scenario.vetoPlayers.map(capability)));
  });

  it('BDM with salience on 0–100 (dmasad) gives the same model as on 0–1 (jmckib), and says which scale it read', () => {
    const a = importValid('bdm', anchor('models/anchors/bdm_eum/ExampleActors_jmckib.csv'));
    const b = importValid('bdm', anchor('models/anchors/bdm_eum/ExampleActors_dmasad.csv'));
    expect(b.yaml).toMatch(/read as 0–100/);
    expect(a.yaml).toMatch(/read as 0–1 /);
    for (const id of Object.keys(a.scenario.actors)) {
      expect(idealOf(b.scenario, id, 'position')).toBe(idealOf(a.scenario, id, 'position'));
      expect(valueOf(b.scenario.actors[id].capability)).toBe(valueOf(a.scenario.actors[id].capability));
      expect(valueOf(b.scenario.actors[id].salience.position)).toBeCloseTo(valueOf(a.scenario.actors[id].salience.position), 12);
    }
    expect(b.model.actors.netherlands.salience.position.source).toMatch(/salience 80 on the file's 0–100 scale/);
  });

  it('BDM Stakeholder/Resources columns (dmasad China): ids slugged, names kept as labels', () => {
    const file = anchor('test/data/bdm_eum/ChinaData_dmasad.csv');
    const { scenario } = importValid('bdm', file);
    const [header, ...rows] = csvRows(file);
    expect(header[0]).toBe('Stakeholder');
    expect(Object.keys(scenario.actors)).toHaveLength(rows.length);
    expect(scenario.actors['stu-intel'].label).toBe('STU/INTEL');
    expect(scenario.actors['hong-kong'].label).toBe('Hong Kong');
    expect(valueOf(scenario.actors.shangkun.capability)).toBe(100);
    const positions = rows.map((r) => Number(r[2]));
    expect(scenario.issues.position).toMatchObject({ range: [Math.min(...positions), Math.max(...positions)] });
    // Honduras: the US holds nearly all the resources, so it alone is the veto player.
    expect(importValid('bdm', anchor('test/data/bdm_eum/HondurasCrisisData_dmasad.csv')).scenario.vetoPlayers).toEqual(['united-states']);
  });

  it('KTAB 3 dimensions: ideal points, saliences on 0–1 (the file’s ÷ 100), power, [0, 100] scale', () => {
    const file = anchor('test/data/ktab_smp/dummyData_3Dim.csv');
    const { scenario } = importValid('ktab', file);
    const [, header, ...rows] = csvRows(file);
    expect(header.slice(3)).toEqual(['Pstn1', 'Sal1', 'Pstn2', 'Sal2', 'Pstn3', 'Sal3']);
    const issueIds = Object.keys(scenario.issues);
    expect(issueIds).toEqual(['pstn1', 'pstn2', 'pstn3']);
    for (const issue of Object.values(scenario.issues)) expect(issue).toMatchObject({ range: [0, 100], levels: 100 });
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      const actor = actorByLabel(scenario, row[0]);
      expect(valueOf(actor.capability)).toBe(Number(row[2]));
      const sal = [4, 6, 8].map((k) => Number(row[k]));
      issueIds.forEach((issue, d) => {
        expect(idealOf(scenario, actor.id, issue)).toBe(Number(row[3 + 2 * d]));
        expect(valueOf(actor.salience[issue])).toBeCloseTo(sal[d] / 100, 12);
      });
    }
    expect(valueOf(actorByLabel(scenario, 'SActor-02').capability)).toBe(129.643);
  });

  it('KTAB SOE-Pol-Comp (space-padded fields): names from the header, descriptions kept', () => {
    const { scenario } = importValid('ktab', anchor('test/data/ktab_smp/SOE-Pol-Comp.csv'));
    expect(Object.keys(scenario.issues)).toEqual(['policy', 'competitive']);
    expect(scenario.issues.policy.label).toBe('Policy Position');
    const xj = scenario.actors.xj;
    expect(xj).toMatchObject({ label: 'XJ', description: 'Xi Jinping' });
    expect(valueOf(xj.capability)).toBe(100);
    expect(valueOf(xj.salience.policy)).toBeCloseTo(24 / 100, 12);
    expect(idealOf(scenario, 'xj', 'competitive')).toBe(20);
  });

  it('KTAB with 160 actors: at most 32 veto players, the 32 most capable', () => {
    const file = anchor('test/data/ktab_smp/dummyData-a160.csv');
    const { scenario, yaml } = importValid('ktab', file);
    expect(Object.keys(scenario.actors)).toHaveLength(160);
    expect(scenario.vetoPlayers).toHaveLength(32);
    const power = csvRows(file)
      .slice(2)
      .map((r) => Number(r[2]))
      .sort((a, b) => b - a);
    const vetoPower = scenario.vetoPlayers.map((id) => valueOf(scenario.actors[id].capability)).sort((a, b) => b - a);
    expect(vetoPower).toEqual(power.slice(0, 32));
    expect(yaml).toMatch(/short of a majority/);
  });

  it('decide Copenhagen: mean power as capability, weight 0 where an actor has no row, 7 levels on 7 issues', () => {
    const file = anchor('test/data/decide_exchange/copenhagen.csv');
    const { scenario } = importValid('decide', file);
    const rows = decideRows(file).filter((r) => r[0] === '#D');
    const issueIds = Object.keys(scenario.issues);
    expect(issueIds).toHaveLength(7);
    expect(scenario.issues.newtreaty).toMatchObject({ range: [0, 100], levels: 7 });
    for (const actorName of new Set(rows.map((r) => r[1]))) {
      const mine = rows.filter((r) => r[1] === actorName);
      const actor = actorByLabel(scenario, actorName);
      const power = mine.reduce((t, r) => t + Number(r[5]), 0) / mine.length;
      expect(valueOf(actor.capability)).toBeCloseTo(power, 12);
      for (const r of mine) {
        const issue = r[2].toLowerCase();
        expect(idealOf(scenario, actor.id, issue)).toBe(Number(r[3]));
        expect(valueOf(actor.salience[issue])).toBeCloseTo(Number(r[4]), 12);
      }
    }
    // Russia has no row on two issues: weight 0 there.
    const russia = actorByLabel(scenario, 'Russia');
    const russianIssues = rows.filter((r) => r[1] === 'Russia').map((r) => r[2].toLowerCase());
    expect(russianIssues).toHaveLength(5);
    for (const issue of issueIds.filter((i) => !russianIssues.includes(i))) expect(valueOf(russia.salience[issue])).toBe(0);
  });

  it('decide: a scale declared by #M rows (sample_data tol-hoogte 0.5–7); 13 issues fit 2 levels (COP21)', () => {
    const { scenario } = importValid('decide', anchor('test/data/decide_exchange/sample_data.txt'));
    expect(scenario.issues['tol-hoogte']).toMatchObject({ range: [0.5, 7] });
    expect(scenario.actors.willems.description).toBe('Test');
    const cop21 = importValid('decide', anchor('test/data/decide_exchange/cop21.csv')).scenario;
    expect(Object.keys(cop21.issues)).toHaveLength(13);
    for (const issue of Object.values(cop21.issues)) expect(issue).toMatchObject({ levels: 2 });
  });
});

describe('bad input: a clear message naming the file and line', () => {
  const write = (name: string, text: string) => {
    const file = join(work, name);
    writeFileSync(file, text);
    return file;
  };
  const problemsOf = (format: ImportFormat, file: string, levels?: number) => {
    const result = importModel(format, readFileSync(file, 'utf8'), file, { levels });
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.problems.map(formatImportProblem);
  };

  it('BDM: a missing column, a non-numeric value, a row with too many fields', () => {
    const noSalience = write('no-salience.csv', 'Actor,Capability,Position\nA,1,2\nB,1,3\n');
    expect(problemsOf('bdm', noSalience)).toEqual([expect.stringMatching(new RegExp(`^${noSalience}:1: expected a header .* missing Salience`))]);
    const bad = write('bad-value.csv', 'Actor,Capability,Position,Salience\nA,1,2,0.5\nB,lots,3,0.5\nC,1,4,0.5,9\n');
    expect(problemsOf('bdm', bad)).toEqual([`${bad}:3: Capability: expected a number ≥ 0, got "lots"`, `${bad}:4: expected 4 fields as in the header, got 5`]);
  });

  it('KTAB: a row of the wrong shape, a salience total over 100, a wrong actor count', () => {
    const shape = write('ktab-shape.csv', 'S,desc,2,2\nActor,Description,Power,P1,S1,P2,S2\nA,a,10,50,40,60,40\nB,b,10,50,40\n');
    expect(problemsOf('ktab', shape)).toEqual([expect.stringMatching(new RegExp(`^${shape}:4: expected 7 fields .* got 5$`))]);
    const total = write('ktab-total.csv', 'S,desc,2,2\nActor,Description,Power,P1,S1,P2,S2\nA,a,10,50,60,60,60\nB,b,10,50,40,60,40\n');
    expect(problemsOf('ktab', total)).toEqual([expect.stringMatching(new RegExp(`^${total}:3: expected saliences that total at most 100`))]);
    const count = write('ktab-count.csv', 'S,desc,3,1\nActor,Description,Power,P1,S1\nA,a,10,50,40\nB,b,10,70,40\n');
    expect(problemsOf('ktab', count)).toEqual([`${count}:1: line 1 declares 3 actors (nActors), but the file has 2 actor rows`]);
    const headless = write('ktab-no-header.csv', 'S,desc,2,1\nA,a,10,50,40\nB,b,10,70,40\n');
    expect(problemsOf('ktab', headless)).toEqual([expect.stringMatching(new RegExp(`^${headless}:2: expected the header row .* got a row with numbers`))]);
  });

  it('decide: an unknown actor, a salience above 1, a position off the #M scale, an unclosed quote', () => {
    const file = write(
      'bad.decide',
      [
        "'#A'\t'a'\t'A'\t''",
        "'#A'\t'b'\t'B'\t''",
        "'#P'\t'p'\t'P'\t''",
        "'#M'\t'p'\t0",
        "'#M'\t'p'\t10",
        "'#D'\t'a'\t'p'\t5\t1.5\t1",
        "'#D'\t'c'\t'p'\t5\t0.5\t1",
        "'#D'\t'b'\t'p'\t50\t0.5\t1",
        "'#D'\t'b\t'p'\t5\t0.5\t1",
      ].join('\n'),
    );
    expect(problemsOf('decide', file)).toEqual([
      `${file}:6: salience: expected a number from 0 to 1, got "1.5"`,
      expect.stringMatching(new RegExp(`^${file}:9: `)),
      `${file}:7: unknown actor "c"; expected one declared by an #A row: a, b`,
      `${file}:8: position 50 lies outside the scale [0, 10] of issue "p" (its #M rows)`,
    ]);
  });

  it('decide: blank lines, #/ and #O comments, semicolons and decimal commas are read as decide reads them', () => {
    const file = write(
      'quirks.decide',
      [
        '#/;a comment',
        '',
        "'#A';'a';'Actor A';''",
        "'#A';'b';'Actor B';'it''s B'",
        '#O;free text',
        "'#P';'p';'Issue P';''",
        "'#D';'a';'p';12,5;0,4;0,25",
        "'#D';'b';'p';80;0.8;0.75;a comment",
      ].join('\r\n'),
    );
    const imported = importModel('decide', readFileSync(file, 'utf8'), file);
    if (!imported.ok) throw new Error(imported.problems.map(formatImportProblem).join('\n'));
    const { actors, issues } = imported.model.scenario;
    expect(issues.p).toMatchObject({ label: 'Issue P', range: [0, 100] });
    expect(actors.a.preferences.p.ideal).toBe(12.5);
    expect(actors.a.capability.value).toBe(0.25);
    expect(actors.b.description).toBe("it's B");
    expect(imported.model.scenario.vetoPlayers).toEqual(['b']);
  });

  it('--levels that would exceed 1,000,000 packages names the largest that fits', () => {
    const file = write('three.csv', 'S,desc,2,3\nActor,Description,Power,P1,S1,P2,S2,P3,S3\nA,a,1,0,30,0,30,0,30\nB,b,1,100,30,100,30,100,30\n');
    expect(problemsOf('ktab', file, 101)).toEqual([
      `--levels 101: 101^3 packages is more than 1,000,000 (the most parley enumerates); with 3 issues use at most 100 (${file} has 3 issues)`,
    ]);
    const ok = importModel('ktab', readFileSync(file, 'utf8'), file, { levels: 5 });
    expect(ok.ok && Object.values(ok.model.scenario.issues).map((i) => i.levels)).toEqual([5, 5, 5]);
  });
});

describe('parley import (CLI)', () => {
  const csv = join(work, 'two-actors.csv');
  writeFileSync(csv, 'Actor,Capability,Position,Salience\n"Côte d\'Ivoire",3,0,0.5\nGhana,2,10,0.9\n');

  it('writes a model that validates, with the source named in its header', async () => {
    const out = join(work, 'models', 'two.yaml');
    const result = await parley('import', 'bdm', csv, '--out', out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Wrote .*two\.yaml: 2 actors, 1 issue of 101 levels/);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith(`# Imported by \`parley import bdm\` from ${csv}`)).toBe(true);
    const loaded = readAndPrepare(out);
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    expect(loaded.scenario.actors['cote-d-ivoire'].label).toBe("Côte d'Ivoire");
    expect(loaded.scenario.vetoPlayers).toEqual(['cote-d-ivoire']);
  });

  it('malformed input: exit 2, the file and line in the message, nothing written', async () => {
    const bad = join(work, 'malformed.csv');
    writeFileSync(bad, 'Actor,Capability,Position,Salience\nA,1,2,0.5\nB,1,three,0.5\n');
    const out = join(work, 'malformed.yaml');
    const result = await parley('import', 'bdm', bad, '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${bad}:3: Position: expected a number, got "three"\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('never overwrites an existing --out file (exit 2)', async () => {
    const out = join(work, 'existing.yaml');
    writeFileSync(out, 'keep me\n');
    const result = await parley('import', 'bdm', csv, '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/existing\.yaml already exists; parley import never overwrites a file/);
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');
  });

  it('an unknown format or a missing file: exit 2 with what was expected', async () => {
    const format = await parley('import', 'xml', csv, '--out', join(work, 'x.yaml'));
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/^FORMAT: expected one of bdm, ktab, decide, genius, geniusweb, got "xml"/);
    const missing = await parley('import', 'ktab', join(work, 'nope.csv'), '--out', join(work, 'y.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.csv: no such file/);
  });

  it('imports the BDM EC example end to end', async () => {
    const out = join(work, 'eu.yaml');
    const result = await parley('import', 'bdm', anchor('models/anchors/bdm_eum/ExampleActors_jmckib.csv'), '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const loaded = readAndPrepare(out);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(Object.keys(loaded.scenario.actors)).toHaveLength(10);
  });
});
