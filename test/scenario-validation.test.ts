/**
 * Model-file validation: every problem in one pass, each with file, field path, line and what
 * was expected; the default scenario is valid, sources every parameter, and matches its schema.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPath } from '../src/scenario/problems.ts';
import { parseScenarioText, readScenarioFile } from '../src/index.ts';
import { compileScenario } from '../src/negotiation/compile.ts';
import { scenarioJsonSchema } from '../src/scenario/json-schema.ts';

const DEFAULT_MODEL = 'models/ukraine-2025.yaml';

describe('a broken model file', () => {
  const result = readScenarioFile('test/fixtures/broken-model.yaml');
  const problems = result.ok ? [] : result.problems;
  const at = (path: string) => problems.filter((p) => formatPath(p.path) === path);

  it('is rejected with every problem reported in one pass', () => {
    expect(result.ok).toBe(false);
    const expected: [string, RegExp][] = [
      ['negotiation.colour', /unknown field/],
      ['vetoPlayers[1]', /unknown actor "moscow"/],
      ['issues.nato.options.membership.consent[1]', /unknown actor "germany"/],
      ['actors.ukraine.patience', /expected a number in \(0, 1\], got 1.3/],
      ['actors.ukraine.salience', /sum to 1.*got 0.7/],
      ['actors.russia.capability', /expected a number or a distribution.*"lots"/],
      ['actors.russia.preferences.nato.associate', /unknown option "associate"/],
      ['actors.us.preferences.nato', /missing the value of option "membership"/],
      ['interactions[0].when.nato', /unknown option "full"/],
    ];
    for (const [path, message] of expected) {
      expect(
        at(path)
          .map((p) => p.message)
          .join(' | '),
        path,
      ).toMatch(message);
    }
  });

  it('names the file and the line of each problem', () => {
    expect(problems.every((p) => p.file === 'test/fixtures/broken-model.yaml')).toBe(true);
    const lines = readFileSync('test/fixtures/broken-model.yaml', 'utf8').split('\n');
    const patience = at('actors.ukraine.patience')[0];
    expect(lines[patience.line! - 1]).toContain('patience: 1.3');
    const colour = at('negotiation.colour')[0];
    expect(lines[colour.line! - 1]).toContain('colour: blue');
  });

  it('accepts valid distributions (the normal within [0.8, 1] for patience is fine)', () => {
    expect(at('actors.russia.patience')).toEqual([]);
    expect(at('actors.russia.reservation')).toEqual([]);
  });
});

describe('text that is not YAML', () => {
  it('is a problem with a line, not an exception', () => {
    const result = parseScenarioText('name: x\n  bad: [unclosed\n', 'bad.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0].message).toMatch(/not valid YAML/);
      expect(result.problems[0].line).toBeGreaterThan(0);
    }
  });

  it('a missing file is a problem too', () => {
    const result = readScenarioFile('models/no-such-model.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0].message).toBe('no such file');
  });
});

describe('distribution parameters', () => {
  const withPatience = (patience: unknown) =>
    readFileSync(DEFAULT_MODEL, 'utf8').replace(/^( {4}patience:)[\s\S]*?(?=^ {4}concession:)/m, `$1 ${JSON.stringify(patience)}\n`);

  it('rejects a distribution whose support leaves the allowed range', () => {
    const result = parseScenarioText(withPatience({ dist: 'uniform', min: 0.9, max: 1.2 }), 'm.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.map((p) => `${formatPath(p.path)}: ${p.message}`).join('\n')).toMatch(/actors\.ukraine\.patience: .*support is \[0\.9, 1\.2\]/);
  });

  it('rejects min ≥ max and a mode outside a triangular', () => {
    const result = parseScenarioText(withPatience({ dist: 'triangular', min: 0.9, mode: 0.5, max: 0.95 }), 'm.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.message).join('\n')).toMatch(/min ≤ mode ≤ max/);
  });
});

describe('the default scenario', () => {
  const result = readScenarioFile(DEFAULT_MODEL);

  it('is valid', () => {
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('names a source for every numeric parameter (¶N of the article or an assumption)', () => {
    if (!result.ok) throw new Error('invalid');
    const compiled = compileScenario(result.scenario);
    const paragraphs = readFileSync(DEFAULT_MODEL, 'utf8');
    expect(paragraphs.length).toBeGreaterThan(0);
    const unsourced = compiled.parameters.filter((p) => {
      // Concession presets (boulware, linear, conceder) are named styles; their source is the actor's.
      if (p.path.endsWith('.concession') && p.distribution.source === undefined && p.distribution.dist === 'fixed') return false;
      // A structural field with one alternative (the mechanism, the proposer order, a strategy) is a modelling choice, not a number.
      if (p.structural && !p.uncertain && p.path !== 'negotiation.rounds') return false;
      const s = p.distribution.source ?? '';
      return !/¶\d+|^assumption/i.test(s);
    });
    expect(unsourced.map((p) => p.path)).toEqual([]);
  });

  it('covers the actors, issues and consent rules of the article (NOTES.md)', () => {
    if (!result.ok) throw new Error('invalid');
    const s = result.scenario;
    expect(Object.keys(s.actors).sort()).toEqual(['china', 'france', 'germany', 'russia', 'uk', 'ukraine', 'us']);
    expect(s.vetoPlayers.sort()).toEqual(['russia', 'ukraine']);
    const consent = (issue: string, option: string) => {
      const i = s.issues[issue];
      return i.kind === 'continuous' ? [] : [...(i.options[option].consent ?? [])].sort();
    };
    expect(consent('guarantee', 'european-force')).toEqual(['france', 'uk']);
    expect(consent('guarantee', 'p5-treaty')).toEqual(['china', 'france', 'russia', 'uk', 'us']);
    expect(consent('guarantee', 'us-bilateral')).toEqual(['us']);
    expect(consent('backstop', 'us-backstop')).toEqual(['us']);
    expect(consent('minerals', 'deal')).toEqual(['us']);
    expect(consent('nato', 'membership')).toEqual(['france', 'germany', 'uk', 'us']);
  });

  it('never lets Article 5 appear without membership', () => {
    if (!result.ok) throw new Error('invalid');
    const compiled = compileScenario(result.scenario);
    const I = compiled.issues.length;
    const nato = compiled.issues.findIndex((i) => i.id === 'nato');
    const guarantee = compiled.issues.findIndex((i) => i.id === 'guarantee');
    const membership = compiled.issues[nato].options.findIndex((o) => o.id === 'membership');
    const article5 = compiled.issues[guarantee].options.findIndex((o) => o.id === 'article-5');
    for (let p = 0; p < compiled.packageCount; p++) {
      const hasArticle5 = compiled.packageOptions[p * I + guarantee] === article5;
      const hasMembership = compiled.packageOptions[p * I + nato] === membership;
      expect(hasArticle5).toBe(hasMembership);
    }
  });
});

describe('models/scenario.schema.json', () => {
  it('is the schema the code generates (run `npm run schema` after changing the format)', () => {
    const committed = JSON.parse(readFileSync('models/scenario.schema.json', 'utf8'));
    expect(committed).toEqual(scenarioJsonSchema());
  });
});

describe('--set overrides', () => {
  it('change a field before validation, with the same checks, and name the override in problems', async () => {
    const { parseOverrides } = await import('../src/scenario/overrides.ts');
    const ok = parseOverrides([
      'actors.us.preferences.backstop.us-backstop=bernoulli(0.7, 0.6, 0)',
      'negotiation.rounds=12',
      'actors.russia.concession=conceder',
    ]);
    if (typeof ok === 'string') throw new Error(ok);
    const result = readScenarioFile(DEFAULT_MODEL, ok);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.scenario.negotiation.rounds).toBe(12);
      expect(result.scenario.actors.russia.concession).toBe('conceder');
      expect(result.scenario.actors.us.preferences.backstop).toMatchObject({ 'us-backstop': { dist: 'bernoulli', p: 0.7, ifTrue: 0.6, ifFalse: 0 } });
    }
    const bad = parseOverrides(['actors.russia.patience=1.3']);
    if (typeof bad === 'string') throw new Error(bad);
    const rejected = readScenarioFile(DEFAULT_MODEL, bad);
    expect(rejected.ok).toBe(false);
    if (!rejected.ok)
      expect(rejected.problems.map((p) => `${p.file}: ${formatPath(p.path)}: ${p.message}`)).toEqual([
        '--set actors.russia.patience=1.3: actors.russia.patience: expected a number in (0, 1], got 1.3',
      ]);
    expect(parseOverrides(['actors.russia.patience'])).toMatch(/expected PATH=VALUE/);
    expect(parseOverrides(['a.b=uniform(1)'])).toMatch(/uniform\(…\) takes min, max/);
    const missing = parseOverrides(['actors.nobody.patience=0.5']);
    if (typeof missing === 'string') throw new Error(missing);
    const noField = readScenarioFile(DEFAULT_MODEL, missing);
    expect(noField.ok ? '' : noField.problems[0].message).toMatch(/^unknown actor "nobody"; expected one of: ukraine, russia, /);
  });
});
