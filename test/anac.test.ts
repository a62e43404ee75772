/**
 * ANAC scenarios in and out (`parley import genius|geniusweb`, `parley export genius|geniusweb`).
 *
 * Every GENIUS scenario of test/data/genius/ (8 of ANAC 2010–2011) and every GeniusWeb domain of
 * models/anchors/geniusweb/ (20 of ANL 2023) imports, validates, compiles and runs, and its
 * utilities equal the ones recomputed here from the source files — read with regular expressions
 * and JSON.parse, not the importers — by the formats' own rules (GENIUS: Σ w·e/max e; GeniusWeb:
 * Σ w·u). Export → import gives the same negotiation back on all 28; the exported GeniusWeb
 * profiles are the published ones. Number issues, reservation bids, discounting and bad input are
 * checked on files written here.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ANL_DOMAINS } from '../src/check/anac-cases.ts';
import {
  createRunContext,
  exportModel,
  formatImportProblem,
  importAnac,
  parseScenarioText,
  simulateBatch,
  simulateRun,
  tryPrepareScenario,
  type AnacFormat,
  type CompiledScenario,
  type Scenario,
  type TextFile,
} from '../src/index.ts';
import { parseXml } from '../src/import/xml-elements.ts';
import { distributionMean } from '../src/scenario/distribution-math.ts';
import type { Distribution } from '../src/scenario/param.ts';
import { parley } from './helpers/cli.ts';

const REPOSITORY = new URL('../', import.meta.url).pathname;
const GENIUS = join(REPOSITORY, 'test/data/genius');
const GENIUSWEB = join(REPOSITORY, 'models/anchors/geniusweb');
const work = mkdtempSync(join(tmpdir(), 'parley-anac-'));

const read = (file: string): TextFile => ({ text: readFileSync(file, 'utf8'), file });

interface Files {
  domain: string;
  profiles: string[];
}

/** Each GENIUS scenario folder: the file whose root is <negotiation_template> is the domain, the others its profiles. */
const geniusScenarios: [string, Files][] = readdirSync(GENIUS)
  .sort()
  .map((folder) => {
    const files = readdirSync(join(GENIUS, folder))
      .sort()
      .map((f) => join(GENIUS, folder, f));
    const domain = files.find((f) => readFileSync(f, 'utf8').includes('<negotiation_template')) as string;
    return [folder, { domain, profiles: files.filter((f) => f !== domain) }];
  });
const geniusWebDomains: [string, Files][] = ANL_DOMAINS.map((d) => [
  d,
  { domain: join(GENIUSWEB, d, `${d}.json`), profiles: ['profileA', 'profileB'].map((p) => join(GENIUSWEB, d, `${p}.json`)) },
]);

function imported(format: AnacFormat, files: Files) {
  const result = importAnac(format, read(files.domain), files.profiles.map(read));
  if (!result.ok) throw new Error(result.problems.map(formatImportProblem).join('\n'));
  const parsed = parseScenarioText(result.yaml, 'imported.yaml');
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n'));
  const prepared = tryPrepareScenario(parsed.scenario, 'imported.yaml');
  if (!prepared.ok) throw new Error(prepared.problems.map((p) => p.message).join('\n'));
  return { yaml: result.yaml, model: result.model, scenario: parsed.scenario, compiled: prepared.compiled };
}

/** Every actor's utility of every package, as one run fills the table. */
function utilityTable(compiled: CompiledScenario): Float64Array {
  const ctx = createRunContext(compiled);
  simulateRun(ctx, 'utilities', 0);
  return ctx.table.instance.utility;
}

/** Package p as issue label → option label. */
function bidOf(compiled: CompiledScenario, p: number): Record<string, string> {
  const I = compiled.issues.length;
  return Object.fromEntries(compiled.issues.map((issue, i) => [issue.label, issue.options[compiled.packageOptions[p * I + i]].label]));
}

// ── GENIUS files read with regular expressions (test-local, not the importer) ─────────────────

function attrs(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]));
}

/** issue name → its item values, in order (domain file). */
function geniusDomainValues(xml: string): Map<string, string[]> {
  return new Map(
    [...xml.matchAll(/<issue\b([^>]*)>([\s\S]*?)<\/issue>/g)].map((m) => [
      attrs(m[1]).name,
      [...m[2].matchAll(/<item\b([^>]*)>/g)].map((t) => attrs(t[1]).value),
    ]),
  );
}

/** GENIUS's utility of a bid by one profile: Σ w_i·e_i(v)/max_i e / Σ w (parley rescales the weights), e the first <item value=v>'s evaluation. */
function geniusUtility(xml: string, domain: Map<string, string[]>): (bid: Record<string, string>) => number {
  const weights = new Map([...xml.matchAll(/<weight\b([^>]*)>/g)].map((m) => [attrs(m[1]).index, Number(attrs(m[1]).value)]));
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  const issues = [...xml.matchAll(/<issue\b([^>]*)>([\s\S]*?)<\/issue>/g)].map((m) => {
    const { name, index } = attrs(m[1]);
    const evaluation = new Map<string, number>();
    for (const t of m[2].matchAll(/<item\b([^>]*)>/g)) {
      const a = attrs(t[1]);
      if (!evaluation.has(a.value)) evaluation.set(a.value, Number(a.evaluation));
    }
    const largest = Math.max(...(domain.get(name) ?? []).map((v) => evaluation.get(v) ?? 0));
    return { name, weight: weights.get(index) ?? Number.NaN, evaluation, largest };
  });
  return (bid) => issues.reduce((u, i) => u + (i.weight * (i.evaluation.get(bid[i.name]) ?? Number.NaN)) / (i.largest > 1 ? i.largest : 1), 0) / total;
}

// ── The negotiation a model describes, for comparing two models ─────────────────────────────────

const mean = (d: Distribution) => distributionMean(d);

/** What a model says about the negotiation (not its provenance): ids, labels, kinds, options, and every number as parley uses it. */
function negotiationOf(s: Scenario) {
  return {
    vetoPlayers: s.vetoPlayers,
    protocol: s.negotiation.protocol,
    rounds: s.negotiation.rounds,
    breakdownRisk: mean(s.negotiation.breakdownRisk),
    issues: Object.entries(s.issues).map(([id, i]) =>
      i.kind === 'continuous'
        ? { id, label: i.label, kind: i.kind, range: i.range, levels: i.levels }
        : { id, label: i.label, kind: i.kind, options: Object.entries(i.options).map(([o, opt]) => [o, opt.label]) },
    ),
    actors: Object.entries(s.actors).map(([id, a]) => {
      const weights = Object.values(a.salience).map(mean);
      const total = weights.reduce((x, y) => x + y, 0);
      return {
        id,
        label: a.label,
        strategy: a.strategy,
        capability: mean(a.capability),
        reservation: mean(a.reservation),
        patience: mean(a.patience),
        salience: Object.keys(a.salience).map((k, i) => [k, weights[i] / total]),
        preferences: Object.entries(a.preferences).map(([k, p]) => [
          k,
          'ideal' in p ? { ideal: mean(p.ideal), shape: p.shape } : Object.entries(p as Record<string, Distribution>).map(([o, v]) => [o, mean(v)]),
        ]),
      };
    }),
  };
}

/** Deep equality, numbers within 1e-12 (relative above 1): the path of the first difference. */
function difference(a: unknown, b: unknown, path = ''): string | undefined {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a)) ? undefined : `${path}: ${a} ≠ ${b}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} ≠ ${b.length}`;
    for (let k = 0; k < a.length; k++) {
      const d = difference(a[k], b[k], `${path}[${k}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return a === b ? undefined : `${path}: ${String(a)} ≠ ${String(b)}`;
}

/** Exports `scenario` in `format` into a new folder and imports the files back. */
function exportAndImport(scenario: Scenario, format: AnacFormat, folder: string) {
  const exported = exportModel(format, scenario);
  if (!exported.ok) throw new Error(exported.problems.map((p) => p.message).join('\n'));
  const dir = mkdtempSync(join(work, `${folder}-`));
  for (const f of exported.files) writeFileSync(join(dir, f.name), f.text);
  const [domain, ...profiles] = exported.files.map((f) => join(dir, f.name));
  return { files: { domain, profiles }, again: imported(format, { domain, profiles }), notes: exported.notes };
}

async function runsAddUp(compiled: CompiledScenario) {
  const runs = compiled.packageCount > 100_000 ? 10 : 100;
  const { summary } = await simulateBatch(compiled, { seed: '1', runs, inProcess: true });
  expect(summary.outcomes.deal.count + summary.outcomes.breakdown.count + summary.outcomes.deadline.count).toBe(runs);
}

describe('every GENIUS scenario of ANAC 2010–2011 imports, validates, runs, and exports back to itself', () => {
  it.each(geniusScenarios)('%s', async (folder, files) => {
    const { scenario, compiled, model } = imported('genius', files);
    const domainXml = readFileSync(files.domain, 'utf8');
    const domain = geniusDomainValues(domainXml);
    // One actor per profile, every one a veto player; one categorical issue per domain issue, its items as options.
    expect(Object.keys(scenario.actors)).toHaveLength(files.profiles.length);
    expect(scenario.vetoPlayers).toEqual(Object.keys(scenario.actors));
    expect(compiled.issues.map((i) => [i.label, i.options.map((o) => o.label)])).toEqual([...domain.entries()]);
    expect(compiled.packageCount).toBe([...domain.values()].reduce((n, v) => n * v.length, 1));
    // Utilities of 300 random packages: GENIUS's rule on the raw files.
    const utility = utilityTable(compiled);
    const P = compiled.packageCount;
    const rng = seedrandom(folder);
    files.profiles.forEach((file, a) => {
      const xml = readFileSync(file, 'utf8');
      const u = geniusUtility(xml, domain);
      for (let k = 0; k < 300; k++) {
        const p = Math.floor(rng() * P);
        expect(utility[a * P + p]).toBeCloseTo(u(bidOf(compiled, p)), 12);
      }
      // Reservation as written; the discount d at the deadline is patience^rounds.
      const reservation = /<reservation\b([^>]*)>/.exec(xml);
      expect(mean(scenario.actors[Object.keys(scenario.actors)[a]].reservation)).toBe(reservation ? Number(attrs(reservation[1]).value) : 0);
      const discount = /<discount_factor\b([^>]*)>/.exec(xml);
      const d = discount ? Number(attrs(discount[1]).value) : 1;
      expect(mean(scenario.actors[Object.keys(scenario.actors)[a]].patience) ** (scenario.negotiation.rounds as number)).toBeCloseTo(
        d > 0 && d < 1 ? d : 1,
        12,
      );
    });
    // Every number the files do not give says it is an assumption.
    for (const actor of Object.values(model.scenario.actors)) expect(actor.capability.source).toMatch(/^assumption: /);
    expect(model.scenario.negotiation.source).toMatch(/^assumption: /);
    await runsAddUp(compiled);
    // Export → import: the same negotiation.
    const { again } = exportAndImport(scenario, 'genius', folder);
    expect(difference(negotiationOf(scenario), negotiationOf(again.scenario))).toBeUndefined();
  });
});

describe('every GeniusWeb domain of ANL 2023 imports, validates, runs, and exports back to the published files', () => {
  it.each(geniusWebDomains)('%s', async (name, files) => {
    const { scenario, compiled } = imported('geniusweb', files);
    const domain = JSON.parse(readFileSync(files.domain, 'utf8')) as { issuesValues: Record<string, { values: string[] }> };
    expect(compiled.issues.map((i) => [i.label, i.options.map((o) => o.label)])).toEqual(Object.entries(domain.issuesValues).map(([k, v]) => [k, v.values]));
    // Every package's utility: Σ w·u over the profile's JSON (weights rescaled to sum to 1, as parley does).
    const utility = utilityTable(compiled);
    const P = compiled.packageCount;
    files.profiles.forEach((file, a) => {
      const space = (
        JSON.parse(readFileSync(file, 'utf8')) as {
          LinearAdditiveUtilitySpace: {
            issueWeights: Record<string, number>;
            issueUtilities: Record<string, { DiscreteValueSetUtilities: { valueUtilities: Record<string, number> } }>;
          };
        }
      ).LinearAdditiveUtilitySpace;
      const total = Object.values(space.issueWeights).reduce((x, y) => x + y, 0);
      let largest = 0;
      for (let p = 0; p < P; p++) {
        const bid = bidOf(compiled, p);
        const u =
          Object.entries(bid).reduce(
            (t, [issue, value]) => t + space.issueWeights[issue] * space.issueUtilities[issue].DiscreteValueSetUtilities.valueUtilities[value],
            0,
          ) / total;
        largest = Math.max(largest, Math.abs(utility[a * P + p] - u));
      }
      expect(largest).toBeLessThanOrEqual(1e-12);
    });
    await runsAddUp(compiled);
    // Export → import: the same negotiation; the exported profiles are the published ones.
    const { again, files: written } = exportAndImport(scenario, 'geniusweb', name);
    expect(difference(negotiationOf(scenario), negotiationOf(again.scenario))).toBeUndefined();
    expect(JSON.parse(readFileSync(written.domain, 'utf8'))).toEqual(domain);
    written.profiles.forEach((file, a) => {
      const ours = JSON.parse(readFileSync(file, 'utf8')).LinearAdditiveUtilitySpace;
      const theirs = JSON.parse(readFileSync(files.profiles[a], 'utf8')).LinearAdditiveUtilitySpace;
      expect(ours.issueUtilities).toEqual(theirs.issueUtilities);
      expect(ours.domain).toEqual(theirs.domain);
      expect(ours.name).toBe(theirs.name);
      for (const issue of Object.keys(theirs.issueWeights)) expect(ours.issueWeights[issue]).toBeCloseTo(theirs.issueWeights[issue], 15);
    });
  });
});

// ── Number issues, reservation bids and discounting, on files written here ──────────────────────

const write = (name: string, text: string) => {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
};

const geniusDomain = write(
  'deal-domain.xml',
  `<negotiation_template>
  <utility_space number_of_issues="3">
    <objective index="0" name="Deal">
      <issue index="1" name="Price" type="real"><range lowerbound="10" upperbound="20"/></issue>
      <issue index="2" name="Days" type="integer" lowerbound="1" upperbound="5"/>
      <issue index="3" name="Color" type="discrete"><item index="1" value="red"/><item index="2" value="blue"/></issue>
    </objective>
  </utility_space>
</negotiation_template>
`,
);

function geniusProfile(name: string, price: string, days: string, red: number, blue: number, weights: number[], tail: string): string {
  return write(
    `${name}.xml`,
    `<utility_space>
  <objective index="0" name="Deal">
    <issue index="1" name="Price" type="real"><evaluator ftype="linear" ${price}/><range lowerbound="10" upperbound="20"/></issue>
    <issue index="2" name="Days" type="integer" lowerbound="1" upperbound="5"><evaluator ftype="linear" ${days}/></issue>
    <issue index="3" name="Color" type="discrete"><item index="1" value="red" evaluation="${red}"/><item index="2" value="blue" evaluation="${blue}"/></issue>
    ${weights.map((w, i) => `<weight index="${i + 1}" value="${w}"/>`).join('\n    ')}
  </objective>
  ${tail}
</utility_space>
`,
  );
}

describe('GENIUS real and integer issues, reservation and discount', () => {
  // Buyer: price 2 − 0.1x (1 at 10, 0 at 20), days 0.25(x − 1); seller: price −1.5 + 0.15x clamped to [0, 1], days 1 − 0.25(x − 1).
  const buyer = geniusProfile(
    'deal_buyer',
    'parameter0="2" parameter1="-0.1"',
    'offset="0" slope="0.25"',
    1,
    3,
    [0.5, 0.3, 0.2],
    '<reservation value="0.1"/><discount_factor value="0.8"/>',
  );
  const seller = geniusProfile('deal_seller', 'parameter0="-1.5" parameter1="0.15"', 'offset="1" slope="-0.25"', 0.5, 0.25, [0.2, 0.2, 0.6], '');

  it('an integer issue whose values every party weighs linearly from an end → a continuous issue; a clamped real one → an ordinal issue of its levels', () => {
    const result = importAnac('genius', read(geniusDomain), [read(buyer), read(seller)], { levels: 11 });
    if (!result.ok) throw new Error(result.problems.map(formatImportProblem).join('\n'));
    const parsed = parseScenarioText(result.yaml, 'deal.yaml');
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
    const s = parsed.scenario;
    expect(s.issues.days).toMatchObject({ kind: 'continuous', range: [1, 5], levels: 5 });
    expect(s.actors.buyer.preferences.days).toMatchObject({ shape: 'linear' });
    expect(mean((s.actors.buyer.preferences.days as { ideal: Distribution }).ideal)).toBe(5);
    expect(mean((s.actors.seller.preferences.days as { ideal: Distribution }).ideal)).toBe(1);
    // Price: the seller's clamped line is not 1 − |x − ideal|/10, so the issue is ordinal on 11 levels 10, 11, …, 20.
    expect(s.issues.price.kind).toBe('ordinal');
    const levels = Array.from({ length: 11 }, (_, k) => 10 + k);
    if (s.issues.price.kind === 'ordinal') expect(Object.values(s.issues.price.options).map((o) => Number(o.label))).toEqual(levels);
    const values = (actor: string) => Object.values(s.actors[actor].preferences.price as Record<string, Distribution>).map(mean);
    levels.forEach((x, k) => {
      expect(values('buyer')[k]).toBeCloseTo(2 - 0.1 * x, 12);
      expect(values('seller')[k]).toBeCloseTo(Math.min(1, Math.max(0, -1.5 + 0.15 * x)), 12);
    });
    // Evaluations are divided by the largest when it exceeds 1; otherwise they are the utilities.
    expect(Object.values(s.actors.buyer.preferences.color as Record<string, Distribution>).map(mean)).toEqual([1 / 3, 1]);
    expect(Object.values(s.actors.seller.preferences.color as Record<string, Distribution>).map(mean)).toEqual([0.5, 0.25]);
    expect(mean(s.actors.buyer.reservation)).toBe(0.1);
    expect(mean(s.actors.buyer.patience) ** (s.negotiation.rounds as number)).toBeCloseTo(0.8, 12);
    expect(mean(s.actors.seller.patience)).toBe(1);
    expect(mean(s.actors.seller.reservation)).toBe(0);
  });

  it('export → import is the identity (real issues get the same levels back with --levels)', () => {
    const first = importAnac('genius', read(geniusDomain), [read(buyer), read(seller)], { levels: 11 });
    if (!first.ok) throw new Error('import failed');
    const parsed = parseScenarioText(first.yaml, 'deal.yaml');
    if (!parsed.ok) throw new Error('invalid');
    const exported = exportModel('genius', parsed.scenario);
    if (!exported.ok) throw new Error('export refused');
    // The ordinal price issue goes out as a discrete issue of its levels; days as an integer issue.
    expect(exported.files[0].text).toMatch(/<issue [^>]*type="integer"[^>]*name="Days" lowerbound="1" upperbound="5">/);
    const dir = mkdtempSync(join(work, 'deal-'));
    for (const f of exported.files) writeFileSync(join(dir, f.name), f.text);
    const [domain, ...profiles] = exported.files.map((f) => read(join(dir, f.name)));
    const again = importAnac('genius', domain, profiles, { levels: 11 });
    if (!again.ok) throw new Error(again.problems.map(formatImportProblem).join('\n'));
    const reparsed = parseScenarioText(again.yaml, 'again.yaml');
    if (!reparsed.ok) throw new Error('invalid');
    const a = negotiationOf(parsed.scenario);
    const b = negotiationOf(reparsed.scenario);
    // The one change: an ordinal issue written as GENIUS discrete values comes back categorical.
    expect(b.issues[0].kind).toBe('categorical');
    b.issues[0].kind = 'ordinal';
    expect(difference(a, b)).toBeUndefined();
  });
});

describe('GeniusWeb number issues and reservation bids', () => {
  const domain = write(
    'shop.json',
    JSON.stringify({ name: 'shop', issuesValues: { price: { range: { low: 0, high: 10, step: 2.5 } }, color: { values: ['red', 'blue'] } } }),
  );
  const profile = (name: string, price: [number, number], color: [number, number], weights: [number, number], reservationBid?: object) =>
    write(
      `${name}.json`,
      JSON.stringify({
        LinearAdditiveUtilitySpace: {
          issueUtilities: {
            price: { NumberValueSetUtilities: { lowValue: 0, lowUtility: price[0], highValue: 10, highUtility: price[1] } },
            color: { DiscreteValueSetUtilities: { valueUtilities: { red: color[0], blue: color[1] } } },
          },
          issueWeights: { price: weights[0], color: weights[1] },
          name,
          ...(reservationBid ? { reservationBid: { issuevalues: reservationBid } } : {}),
        },
      }),
    );
  const buyer = profile('buyer', [1, 0], [0.2, 1], [0.7, 0.3], { price: 5, color: 'blue' });
  const seller = profile('seller', [0, 1], [1, 0], [0.6, 0.4]);

  it('a NumberValueSet → a continuous issue on its grid; the reservation is the utility of the reservation bid', () => {
    const { scenario } = imported('geniusweb', { domain, profiles: [buyer, seller] });
    expect(scenario.issues.price).toMatchObject({ kind: 'continuous', range: [0, 10], levels: 5 });
    expect(mean((scenario.actors.buyer.preferences.price as { ideal: Distribution }).ideal)).toBe(0);
    expect(mean((scenario.actors.seller.preferences.price as { ideal: Distribution }).ideal)).toBe(10);
    // u_buyer(price 5, blue) = 0.7·(1 − 5/10) + 0.3·1.
    expect(mean(scenario.actors.buyer.reservation)).toBeCloseTo(0.7 * 0.5 + 0.3, 12);
    expect(mean(scenario.actors.seller.reservation)).toBe(0);
  });

  it('export → import is the identity, the reservation written as the same bid', () => {
    const { scenario } = imported('geniusweb', { domain, profiles: [buyer, seller] });
    const { again, files } = exportAndImport(scenario, 'geniusweb', 'shop');
    expect(difference(negotiationOf(scenario), negotiationOf(again.scenario))).toBeUndefined();
    expect(JSON.parse(readFileSync(files.domain, 'utf8')).issuesValues.price).toEqual({ range: { low: 0, high: 10, step: 2.5 } });
    expect(JSON.parse(readFileSync(files.profiles[0], 'utf8')).LinearAdditiveUtilitySpace.reservationBid).toEqual({ issuevalues: { price: 5, color: 'blue' } });
  });

  it('a value function that is not 1 − |x − ideal|/width → an ordinal issue with each level’s value', () => {
    const odd = profile('odd', [0.2, 0.8], [1, 0], [0.5, 0.5]);
    const { scenario } = imported('geniusweb', { domain, profiles: [odd, seller] });
    expect(scenario.issues.price.kind).toBe('ordinal');
    const values = Object.values(scenario.actors.odd.preferences.price as Record<string, Distribution>).map(mean);
    [0, 2.5, 5, 7.5, 10].forEach((x, k) => expect(values[k]).toBeCloseTo(0.2 + (0.6 * x) / 10, 12));
  });
});

describe('export: what GENIUS and GeniusWeb cannot hold is refused or written as said', () => {
  const model = {
    name: 'split',
    title: 'Split',
    negotiation: { rounds: 10, breakdownRisk: 0 },
    vetoPlayers: ['a', 'b'],
    issues: { share: { label: 'Share', kind: 'continuous', range: [0, 1], levels: 5 } },
    actors: {
      a: {
        label: 'A',
        capability: 1,
        reservation: 0.2,
        patience: { dist: 'uniform', min: 0.8, max: 0.9 },
        salience: { share: 1 },
        preferences: { share: { ideal: 1, shape: 'quadratic' } },
      },
      b: { label: 'B', capability: 1, reservation: 0, patience: 1, salience: { share: 1 }, preferences: { share: { ideal: 0 } } },
    },
  };

  it('a distribution is written as its mean, a quadratic value as a discrete issue of its levels, patience as δ^rounds (GENIUS)', () => {
    const parsed = parseScenarioText(JSON.stringify(model), 'split.json');
    if (!parsed.ok) throw new Error('invalid');
    const exported = exportModel('genius', parsed.scenario);
    if (!exported.ok) throw new Error('refused');
    expect(exported.notes.join('\n')).toMatch(/actors\.a\.patience: the uniform distribution is written as its mean, 0\.85/);
    expect(exported.notes.join('\n')).toMatch(/Issue "Share": .* written as a discrete issue whose values are its 5 levels/);
    const profileA = exported.files[1].text;
    expect(profileA).toContain(`<discount_factor value="${((0.8 + 0.9) / 2) ** 10}"/>`);
    // 1 − d² at the levels 0, 0.25, …, 1 with ideal 1.
    const evaluations = [...profileA.matchAll(/evaluation="([^"]+)"/g)].map((m) => Number(m[1]));
    expect(evaluations).toEqual([0, 0.25, 0.5, 0.75, 1].map((x) => 1 - (1 - x) ** 2));
  });

  it('GeniusWeb: no discount, and a reservation is the bid worth the most not above it', () => {
    const parsed = parseScenarioText(JSON.stringify(model), 'split.json');
    if (!parsed.ok) throw new Error('invalid');
    const exported = exportModel('geniusweb', parsed.scenario);
    if (!exported.ok) throw new Error('refused');
    expect(exported.notes.join('\n')).toMatch(/actors\.a\.patience 0\.85\d*: GeniusWeb profiles have no discount/);
    // A values the levels 0, 0.25, … at 0, 0.4375, …: the most not above 0.2 is level 0 (utility 0).
    expect(exported.notes.join('\n')).toMatch(/actors\.a\.reservation 0\.2: .* written as the bid worth 0, the most not above it/);
    expect(JSON.parse(exported.files[1].text).LinearAdditiveUtilitySpace.reservationBid).toEqual({ issuevalues: { Share: '0' } });
  });

  it('the default scenario is refused, with every reason, and nothing is written', async () => {
    const out = join(work, 'ukraine-genius');
    const result = await parley('export', 'genius', join(REPOSITORY, 'models/ukraine-2025.yaml'), '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot be exported as genius; nothing written/);
    expect(result.stderr).toMatch(/interactions: 5 interactions cannot be exported/);
    expect(result.stderr).toMatch(/infeasible: 3 infeasible combinations/);
    expect(result.stderr).toMatch(/vetoPlayers: us, france, uk, germany, china are not veto players/);
    expect(existsSync(out)).toBe(false);
  });

  it('an existing folder is never written into (exit 2)', async () => {
    const out = mkdtempSync(join(work, 'taken-'));
    writeFileSync(join(out, 'keep.txt'), 'keep me\n');
    const [, files] = geniusWebDomains[0];
    const model = join(work, 'domain00-model.yaml');
    expect((await parley('import', 'geniusweb', files.domain, ...files.profiles, '--out', model)).code).toBe(0);
    const result = await parley('export', 'geniusweb', model, '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/already exists/);
    expect(readdirSync(out)).toEqual(['keep.txt']);
  });

  it('end to end: import a GENIUS scenario, export it as GeniusWeb, import that, run it', async () => {
    const [, files] = geniusScenarios.find(([f]) => f === 'Laptop') as [string, Files];
    const model = join(work, 'laptop.yaml');
    expect((await parley('import', 'genius', files.domain, ...files.profiles, '--out', model)).code).toBe(0);
    const out = join(work, 'laptop-geniusweb');
    const exported = await parley('export', 'geniusweb', model, '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/GeniusWeb profiles have no discount, so it is not written/);
    const again = join(work, 'laptop-again.yaml');
    const back = exported.stdout.match(/parley import geniusweb (.*)\n/)?.[1].split(' ') ?? [];
    expect((await parley('import', 'geniusweb', ...back, '--out', again)).code).toBe(0);
    const a = parseScenarioText(readFileSync(model, 'utf8'), model);
    const b = parseScenarioText(readFileSync(again, 'utf8'), again);
    if (!a.ok || !b.ok) throw new Error('invalid');
    // Everything but the discount (patience) survives the change of format.
    const strip = (s: Scenario) => ({ ...negotiationOf(s), actors: negotiationOf(s).actors.map((x) => ({ ...x, patience: 1 })) });
    expect(difference(strip(a.scenario), strip(b.scenario))).toBeUndefined();
  });
});

describe('the XML reader', () => {
  it('keeps elements, attributes (entities decoded) and lines; skips the declaration, comments and text', () => {
    const text = '<?xml version="1.0"?>\n<!-- a comment <issue> -->\n<a x="1 &amp; 2">\n  text\n  <b y=\'&lt;&#65;&#x42;\'/>\n  <c></c>\n</a>\n';
    const result = parseXml(text, 'x.xml');
    if (!result.ok) throw new Error(result.problems.map(formatImportProblem).join('\n'));
    expect(result.root).toMatchObject({ name: 'a', attributes: { x: '1 & 2' }, line: 3 });
    expect(result.root.children.map((c) => [c.name, c.attributes, c.line])).toEqual([
      ['b', { y: '<AB' }, 5],
      ['c', {}, 6],
    ]);
  });

  it('says where a document is malformed', () => {
    const fail = (text: string) => {
      const result = parseXml(text, 'x.xml');
      return result.ok ? [] : result.problems.map(formatImportProblem);
    };
    expect(fail('<a>\n<b>\n</a>')).toEqual(['x.xml:3: </a> closes <b> opened on line 2']);
    expect(fail('<a>\n  <b x=1/>\n</a>')).toEqual(['x.xml:2: expected a tag like <name attribute="value">, got "<b x=1/>"']);
    expect(fail('<a/>\n<b/>')).toEqual(["x.xml:2: <b> follows the document's root <a>; expected one root element"]);
    expect(fail('just text')).toEqual(['x.xml: expected an XML document, found no element']);
  });
});

describe('bad ANAC input: the file, the line and what was expected; exit 2', () => {
  const problemsOf = (format: AnacFormat, domain: string, profiles: string[]) => {
    const result = importAnac(format, read(domain), profiles.map(read));
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.problems.map(formatImportProblem);
  };
  const [, laptop] = geniusScenarios.find(([f]) => f === 'Laptop') as [string, Files];

  it('GENIUS: an unclosed element, a profile where the domain belongs, a missing evaluation, weights that do not sum to 1', () => {
    const unclosed = write('unclosed.xml', '<negotiation_template>\n  <utility_space>\n    <objective name="x">\n</negotiation_template>\n');
    expect(problemsOf('genius', unclosed, laptop.profiles)).toEqual([`${unclosed}:4: </negotiation_template> closes <objective> opened on line 3`]);
    expect(problemsOf('genius', laptop.profiles[0], laptop.profiles)[0]).toMatch(
      /:1: expected a GENIUS domain \(root element <negotiation_template>\), got <utility_space> — a profile\? The domain comes first/,
    );
    const text = readFileSync(laptop.profiles[0], 'utf8');
    const missing = write('missing.xml', text.replace(/(value="Macintosh"[^>]*?) evaluation="[^"]*"/, '$1'));
    expect(problemsOf('genius', laptop.domain, [missing, laptop.profiles[1]])).toEqual([
      expect.stringMatching(new RegExp(`^${missing}:\\d+: <item> evaluation: expected a number ≥ 0, got nothing$`)),
    ]);
    const heavy = write('heavy.xml', text.replace(/<weight index="1" value="[^"]*">/, '<weight index="1" value="0.9">'));
    expect(problemsOf('genius', laptop.domain, [heavy, laptop.profiles[1]])).toEqual([
      expect.stringMatching(/heavy\.xml:\d+: the issue weights sum to 1\.4\d+; expected 1 \(±0\.01\)/),
    ]);
  });

  it('GeniusWeb: a profile that is not linear-additive, a utility outside [0, 1], a value the domain lacks', () => {
    const [, d00] = geniusWebDomains[0];
    const ordering = write('ordering.json', '{\n  "DefaultPartialOrdering": {}\n}\n');
    expect(problemsOf('geniusweb', d00.domain, [ordering, d00.profiles[1]])).toEqual([
      `${ordering}:1: expected a GeniusWeb profile {"LinearAdditiveUtilitySpace": {…}}, got {"DefaultPartialOrdering": …}; parley reads linear-additive profiles only`,
    ]);
    const text = readFileSync(d00.profiles[0], 'utf8');
    const large = write('large.json', text.replace('"valueB": 1.0,', '"valueB": 1.5,'));
    expect(problemsOf('geniusweb', d00.domain, [large, d00.profiles[1]])).toEqual([
      expect.stringMatching(
        /large\.json:\d+: LinearAdditiveUtilitySpace\.issueUtilities\.issueA\.DiscreteValueSetUtilities\.valueUtilities\.valueB: expected a utility from 0 to 1, got 1\.5/,
      ),
    ]);
    const stranger = write('stranger.json', text.replace('"valueC": 0.03156', '"valueZ": 0.03156'));
    const problems = problemsOf('geniusweb', d00.domain, [stranger, d00.profiles[1]]);
    expect(problems).toContainEqual(expect.stringMatching(/stranger\.json:\d+: .*valueUtilities\.valueZ: "valueZ" is not a value of the domain's issue/));
    expect(problems).toContainEqual(expect.stringMatching(/stranger\.json:\d+: .*valueUtilities: no utility for the value "valueC"/));
  });

  it('the CLI: too few files, or a bad profile: exit 2 and nothing written', async () => {
    const out = join(work, 'never.yaml');
    const few = await parley('import', 'genius', laptop.domain, laptop.profiles[0], '--out', out);
    expect(few.code).toBe(2);
    expect(few.stderr).toMatch(/genius: expected the domain file, then one profile per party \(at least 2\), got 2 files/);
    const swapped = await parley('import', 'genius', laptop.profiles[0], laptop.domain, laptop.profiles[1], '--out', out);
    expect(swapped.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
