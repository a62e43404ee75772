/**
 * `parley check` against the solution points published with the ANL 2023 domains
 * (github.com/brenting/ANL-2023-example-agent 9ddf9fb, domains/domain00–19; copied to
 * models/anchors/geniusweb/): for each domain, its `specials.json` gives the Nash point, the Kalai
 * point and the Pareto front, each bid with both parties' utilities.
 *
 * Each domain goes through parley as a user's would: `parley import geniusweb` of its domain and two
 * profiles (importAnac), validation and compilation of the model, then one run under the nash and
 * one under the kalai-smorodinsky mechanism (solutions/nash-product.ts, kalai-smorodinsky.ts) and
 * the Pareto front of the run's bargaining problem (solutions/pareto-front.ts). Compared: each
 * point's two utilities (within 1e-9: the published utilities are Python float sums, parley's
 * sums of the same products with the weights rescaled by their sum, 1 within 1e-16), its package
 * against the published bid (issues differing: none), and the fronts as sets of utility pairs (a
 * pair on either side with no pair within 1e-9 on the other: none).
 *
 * Definitions, as ANL's utils/create_domains.py computes the points: utilities Σ w·v; the front
 * keeps one bid per undominated utility pair (parley keeps every package, equal pairs alike, so
 * fronts compare as sets of pairs); Nash maximizes u_A·u_B over the front with disagreement point
 * 0 — parley's with the reservation utilities, which are 0 here because no profile has a
 * reservation bid (with one, parley would measure gains from its utility and drop the packages
 * below it); Kalai is the front point with the least |u_A − u_B|. The Kalai–Smorodinsky solution
 * parley computes maximizes the least share of the ideal gain, min(u_A, u_B) here (ideals 1,
 * disagreement 0); in 16 of the 20 domains that is ANL's point, and in the others the expected
 * value is the max–min point of the published front, with ANL's point in the note. Ties: ANL keeps
 * the first point in its order (ascending u_A), parley the larger sum, then the lower package id;
 * none of these domains has two front points whose products or minima lie within 1e-12.
 */
import { readFileSync } from 'node:fs';
import { compileScenario } from '../negotiation/compile.ts';
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { Status } from '../negotiation/run-result.ts';
import { createBargainingProblem, poseBargainingProblem } from '../negotiation/solutions/bargaining-problem.ts';
import { paretoFront } from '../negotiation/solutions/pareto-front.ts';
import { importAnac } from '../import/import-model.ts';
import { formatImportProblem } from '../import/spatial-data.ts';
import { parseScenarioText } from '../scenario/load.ts';
import { parseOverrides } from '../scenario/overrides.ts';
import { createRunContext, simulateRun, type RunContext } from '../simulation/batch.ts';
import { anchorFiles } from './anchors.ts';
import { skippedCase, type CheckCase, type CheckSuite } from './check-case.ts';

export const ANL_DOMAINS = Array.from({ length: 20 }, (_, k) => `domain${String(k).padStart(2, '0')}`);
const SOURCE = 'ANL 2023 specials.json';
/** Published utilities are float sums; parley's differ from them by float noise only. */
const UTILITY_TOLERANCE = 1e-9;

interface PublishedPoint {
  bid: Record<string, string>;
  utility: [number, number];
}

interface Specials {
  nash: PublishedPoint;
  kalai: PublishedPoint;
  pareto_front: PublishedPoint[];
}

/** One run of the imported domain under `protocol`: the context (its table holds the run's utilities) and the agreed package. */
function play(yaml: string, protocol: string, file: string): { compiled: CompiledScenario; ctx: RunContext; packageId: number } {
  const overrides = parseOverrides([`negotiation.protocol=${protocol}`]);
  if (typeof overrides === 'string') throw new Error(overrides);
  const parsed = parseScenarioText(yaml, file, overrides);
  if (!parsed.ok) throw new Error(`${file}: the imported model does not validate: ${parsed.problems.map((p) => p.message).join('; ')}`);
  const compiled = compileScenario(parsed.scenario);
  const ctx = createRunContext(compiled);
  const result = simulateRun(ctx, 'check', 0);
  return { compiled, ctx, packageId: result.status === Status.Deal ? result.packageId : -1 };
}

/** [u_A, u_B] of package p in the run's table. */
function utilitiesOf(ctx: RunContext, p: number): [number, number] {
  const { utility, packageCount } = ctx.table.instance;
  return p < 0 ? [Number.NaN, Number.NaN] : [utility[p], utility[packageCount + p]];
}

/** How many issues of package p differ from the published bid (issue label → value label). */
function issuesDiffering(compiled: CompiledScenario, p: number, bid: Record<string, string>): number {
  const I = compiled.issues.length;
  if (p < 0) return I;
  return compiled.issues.filter((issue, i) => issue.options[compiled.packageOptions[p * I + i]].label !== bid[issue.label]).length;
}

const near = (x: [number, number], y: [number, number]) => Math.abs(x[0] - y[0]) <= UTILITY_TOLERANCE && Math.abs(x[1] - y[1]) <= UTILITY_TOLERANCE;
const shown = (u: [number, number]) => `(${u.map((x) => x.toFixed(10)).join(', ')})`;

/** The textbook Kalai–Smorodinsky point of a front with ideals 1 and disagreement 0: max min(u_A, u_B), ties the larger sum. */
function maxMinPoint(front: PublishedPoint[]): PublishedPoint {
  const key = (p: PublishedPoint) => [Math.min(...p.utility), p.utility[0] + p.utility[1]];
  return front.reduce((best, p) => {
    const [m, s] = key(p);
    const [bm, bs] = key(best);
    return m > bm || (m === bm && s > bs) ? p : best;
  });
}

function pointCases(
  domain: string,
  solution: string,
  compiled: CompiledScenario,
  ctx: RunContext,
  p: number,
  expected: PublishedPoint,
  source: string,
  note?: string,
): CheckCase[] {
  const ours = utilitiesOf(ctx, p);
  return [
    { name: `${domain}: ${solution}, u_A`, source, expected: expected.utility[0], actual: ours[0], tolerance: UTILITY_TOLERANCE, note },
    { name: `${domain}: ${solution}, u_B`, source, expected: expected.utility[1], actual: ours[1], tolerance: UTILITY_TOLERANCE },
    {
      name: `${domain}: ${solution}, package: issues unlike the published bid`,
      source,
      expected: 0,
      actual: issuesDiffering(compiled, p, expected.bid),
      tolerance: 0,
    },
  ];
}

function domainCases(domain: string): CheckCase[] {
  const dir = `geniusweb/${domain}/`;
  const files = anchorFiles(`${dir}${domain}.json`, `${dir}profileA.json`, `${dir}profileB.json`, `${dir}specials.json`);
  if ('missing' in files) return [skippedCase(`${domain}: Nash, Kalai–Smorodinsky and the Pareto front`, SOURCE, files.missing)];
  const [domainFile, profileA, profileB, specialsFile] = files.paths;
  const read = (file: string) => ({ text: readFileSync(file, 'utf8'), file });
  const imported = importAnac('geniusweb', read(domainFile), [read(profileA), read(profileB)]);
  if (!imported.ok) throw new Error(imported.problems.map(formatImportProblem).join('\n'));
  const specials = JSON.parse(readFileSync(specialsFile, 'utf8')) as Specials;

  const nash = play(imported.yaml, 'nash', `${domain}.yaml`);
  const ks = play(imported.yaml, 'kalai-smorodinsky', `${domain}.yaml`);
  const front = paretoFront(poseBargainingProblem(createBargainingProblem(nash.compiled), nash.ctx.table));
  const ourPairs = Array.from(front, (p) => utilitiesOf(nash.ctx, p));
  const published = specials.pareto_front.map((p) => p.utility);
  const unmatched = published.filter((u) => !ourPairs.some((v) => near(u, v))).length + ourPairs.filter((v) => !published.some((u) => near(u, v))).length;
  const distinct = ourPairs.filter((v, k) => !ourPairs.slice(0, k).some((w) => near(v, w))).length;

  const textbook = maxMinPoint(specials.pareto_front);
  const sameKalai = near(textbook.utility, specials.kalai.utility);
  const ksExpected = sameKalai ? specials.kalai : textbook;
  const ksSource = sameKalai ? SOURCE : `${SOURCE}: max–min of its front`;
  const ksNote = sameKalai
    ? undefined
    : `ANL's kalai point ${shown(specials.kalai.utility)} is the front point closest to the diagonal (least |u_A − u_B|); the Kalai–Smorodinsky point of the discrete front, max min(u_A, u_B) with ideals 1 and disagreement 0, is ${shown(textbook.utility)}, and that is what parley computes.`;
  return [
    ...pointCases(domain, 'Nash', nash.compiled, nash.ctx, nash.packageId, specials.nash, SOURCE),
    ...pointCases(domain, 'Kalai–Smorodinsky', ks.compiled, ks.ctx, ks.packageId, ksExpected, ksSource, ksNote),
    {
      name: `${domain}: Pareto front: utility pairs unmatched within 1e-9, either side`,
      source: SOURCE,
      expected: 0,
      actual: unmatched,
      tolerance: 0,
      note:
        domain === ANL_DOMAINS[0]
          ? `published: ${published.length} points, one bid per utility pair; parley's front: ${front.length} packages, ${distinct} distinct pairs.`
          : undefined,
    },
  ];
}

export const anacSuite: CheckSuite = {
  title: 'ANAC: Nash, Kalai–Smorodinsky and Pareto fronts of the ANL 2023 GeniusWeb domains against their published points',
  cases: () => ANL_DOMAINS.flatMap(domainCases),
};
