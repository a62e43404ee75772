/**
 * An ANAC scenario (AnacData, from GENIUS XML or GeniusWeb JSON) → a parley model.
 *
 * Mapping:
 *   - a discrete issue → a categorical issue, one option per value (id: a slug of the value, label:
 *     the value), in the domain's order;
 *   - a number issue → a continuous issue on its range with `levels` points (a GeniusWeb or
 *     integer grid of ≤ 101 points: every point; a longer grid: evenly spaced points of it; a real
 *     issue: the most levels ≤ 101 that keep the packages within MAX_PACKAGES, or --levels) when
 *     every party's value function is parley's linear ideal-point shape 1 − |x − ideal| / width
 *     on those points; otherwise an ordinal issue with one option per point and each party's
 *     values there;
 *   - each profile → an actor: its issue weights → salience, its value functions → option values
 *     (or an ideal point), its reservation value → reservation utility, GENIUS's discount factor d
 *     (applied as d^t, t the share of the deadline gone) → patience d^(1/R) per round over the R
 *     rounds (so the discount at the deadline is d), no discount → patience 1;
 *   - every party is a veto player: ANAC's protocol needs every party's acceptance;
 *   - what ANAC files do not say is an assumption, marked so in its source: alternating offers over
 *     R = 100 rounds (ANAC's deadline is time), no breakdown risk, capability 1, time-based
 *     negotiators with linear concession, complete information.
 */
import { MAX_PACKAGES } from '../scenario/limits.ts';
import { FORMAT_NAMES, gridPoints, levelPoints, valueAt, type AnacData, type AnacIssue, type AnacValuation } from './anac-data.ts';
import { MAX_LEVELS, MIN_LEVELS } from './levels.ts';
import type { ModelDocument } from './render-yaml.ts';
import { slugify, uniqueSlugs } from './slug.ts';
import type { ImportProblem } from './spatial-data.ts';
import { DEFAULT_CONCESSION, type ImportedActor, type ImportedIdeal, type SourcedNumber } from './to-scenario.ts';
import { thousands } from '../format/numbers.ts';

/** Rounds of alternating offers an imported ANAC scenario gets (ANAC's deadline is a time). */
export const ANAC_ROUNDS = 100;
/** A value function matches parley's ideal-point shape if it does so within this, at every level. */
const SHAPE_TOLERANCE = 1e-12;

export interface AnacImportOptions {
  /** Levels of each real-valued issue instead of the most that fit. */
  levels?: number;
}

export type AnacModelIssue =
  | { label: string; kind: 'categorical' | 'ordinal'; options: Record<string, { label: string }>; source: string }
  | { label: string; kind: 'continuous'; range: [number, number]; levels: number; source: string };

/** Per issue: option values (a discrete or ordinal issue) or an ideal point (a continuous one). */
export type AnacModelPreference = Record<string, number> | ImportedIdeal;

export type AnacModelActor = ImportedActor<AnacModelPreference>;

export interface AnacModelScenario {
  name: string;
  title: string;
  description: string;
  source: string;
  negotiation: { protocol: 'alternating-offers'; rounds: number; breakdownRisk: SourcedNumber; source: string };
  vetoPlayers: string[];
  issues: Record<string, AnacModelIssue>;
  actors: Record<string, AnacModelActor>;
}

export interface AnacModel extends ModelDocument {
  scenario: AnacModelScenario;
}

export type AnacModelResult = { ok: true; model: AnacModel } | { ok: false; problems: ImportProblem[] };

/** The points a number issue is played on, or a problem. */
interface NumberPlan {
  points: number[];
  /** Set when the points are not all of the issue's values: why. */
  note?: string;
}

/** The largest L ≤ 101 such that every ((n − 1)/(L − 1))-th point of an n-point grid ends on its last. */
function evenSubgrid(n: number): number {
  for (let levels = Math.min(n, MAX_LEVELS); levels > MIN_LEVELS; levels--) if ((n - 1) % (levels - 1) === 0) return levels;
  return MIN_LEVELS;
}

function planNumberIssues(issues: AnacIssue[], options: AnacImportOptions, where: string): { plans: Map<number, NumberPlan> } | { problem: ImportProblem } {
  let fixed = 1;
  const plans = new Map<number, NumberPlan>();
  const real: number[] = [];
  issues.forEach((issue, i) => {
    if (issue.kind === 'discrete') fixed *= issue.values.length;
    else if (issue.step === undefined) real.push(i);
    else {
      const grid = gridPoints({ ...issue, step: issue.step });
      const levels = evenSubgrid(grid.length);
      const stride = (grid.length - 1) / (levels - 1);
      const points = Array.from({ length: levels }, (_, k) => grid[k * stride]);
      plans.set(i, {
        points,
        ...(levels < grid.length
          ? { note: `${levels} of its ${grid.length} values, every ${stride}th (parley plays at most ${MAX_LEVELS} levels of an issue)` }
          : {}),
      });
      fixed *= levels;
    }
  });
  if (fixed > MAX_PACKAGES) {
    return {
      problem: {
        file: where,
        message: `the domain has ${thousands(fixed)} packages; parley enumerates at most ${thousands(MAX_PACKAGES)}`,
      },
    };
  }
  if (real.length > 0) {
    const fits = (levels: number) => fixed * levels ** real.length <= MAX_PACKAGES;
    let levels = options.levels ?? MAX_LEVELS;
    if (options.levels === undefined) while (levels > MIN_LEVELS && !fits(levels)) levels--;
    if (!Number.isInteger(levels) || levels < MIN_LEVELS || levels > MAX_LEVELS || !fits(levels)) {
      return {
        problem: {
          file: `--levels ${levels}`,
          message: `expected a whole number from ${MIN_LEVELS} to ${MAX_LEVELS} that keeps the packages within ${thousands(MAX_PACKAGES)} (${thousands(fixed)} without the real-valued issues)`,
        },
      };
    }
    for (const i of real) {
      const { low, high } = issues[i] as AnacIssue & { kind: 'number' };
      plans.set(i, {
        points: levelPoints(low, high, levels),
        note: `a real-valued issue, played on ${levels} evenly spaced levels${options.levels === undefined ? ' (the most that fit)' : ' (--levels)'}`,
      });
    }
  }
  return { plans };
}

/** The ideal point c with v(x) = 1 − |x − c| / width at every point, or undefined if there is none. */
function idealPoint(valuation: AnacValuation, points: number[]): number | undefined {
  if (valuation.kind !== 'pieces') return undefined;
  const width = points[points.length - 1] - points[0];
  const values = points.map((x) => valueAt(valuation.points, x));
  const candidates = [points[0], points[points.length - 1], ...valuation.points.filter(([, v]) => v >= 1 - SHAPE_TOLERANCE).map(([x]) => x)];
  return candidates.find(
    (c) => c >= points[0] && c <= points[points.length - 1] && values.every((v, k) => Math.abs(v - (1 - Math.abs(points[k] - c) / width)) <= SHAPE_TOLERANCE),
  );
}

/** A label for a level: the number, rounded to 12 significant digits. */
function levelLabel(x: number): string {
  return String(Number(x.toPrecision(12)));
}

/** The profiles' distinguishing words: "camera_buyer_utility" and "camera_seller_utility" → "buyer", "seller". */
function distinguishingNames(names: string[]): string[] {
  const tokens = names.map((n) => n.split(/[^A-Za-z0-9]+/).filter((t) => t !== ''));
  const shortest = Math.min(...tokens.map((t) => t.length));
  const same = (pick: (t: string[]) => string) => tokens.every((t) => pick(t) === pick(tokens[0]));
  let prefix = 0;
  while (prefix < shortest && same((t) => t[prefix])) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && same((t) => t[t.length - 1 - suffix])) suffix++;
  const rest = tokens.map((t) => t.slice(prefix, t.length - suffix).join(' '));
  return rest.every((r) => r !== '') ? rest : names;
}

/**
 * The domain's issues as parley's: a discrete one categorical; a number one continuous on its levels
 * when every party's value there is 1 − |x − ideal| / width, else ordinal with one option per level.
 */
function mapIssues(data: AnacData, plans: Map<number, NumberPlan>, issueIds: string[], domainFile: string) {
  const issues: Record<string, AnacModelIssue> = {};
  /** [issue] the option ids (undefined for a continuous issue). */
  const optionIds: (string[] | undefined)[] = [];
  /** [issue][profile] the ideal point, when the issue is continuous. */
  const ideals: (number[] | undefined)[] = [];
  const notes: string[] = [];
  data.issues.forEach((issue, i) => {
    const where = `${domainFile}${issue.line === undefined ? '' : `:${issue.line}`}`;
    if (issue.kind === 'discrete') {
      const ids = uniqueSlugs(issue.values, 'option');
      optionIds[i] = ids;
      issues[issueIds[i]] = {
        label: issue.name,
        kind: 'categorical',
        options: Object.fromEntries(issue.values.map((value, k) => [ids[k], { label: value }])),
        source: `${where}: a discrete issue`,
      };
      return;
    }
    const plan = plans.get(i) as NumberPlan;
    const { points } = plan;
    if (plan.note) notes.push(`Issue "${issue.name}": ${plan.note}.`);
    const profileIdeals = data.profiles.map((p) => idealPoint(p.valuations[i], points));
    if (profileIdeals.every((c) => c !== undefined)) {
      ideals[i] = profileIdeals;
      issues[issueIds[i]] = {
        label: issue.name,
        kind: 'continuous',
        range: [points[0], points[points.length - 1]],
        levels: points.length,
        source: `${where}: a number issue from ${issue.low} to ${issue.high}`,
      };
      return;
    }
    const labels = points.map(levelLabel);
    const ids = uniqueSlugs(labels, 'option');
    optionIds[i] = ids;
    notes.push(
      `Issue "${issue.name}": some party's value function is not parley's ideal-point shape 1 − |x − ideal| / width, so it is an ordinal issue with one option per level, each party's value there.`,
    );
    issues[issueIds[i]] = {
      label: issue.name,
      kind: 'ordinal',
      options: Object.fromEntries(labels.map((label, k) => [ids[k], { label }])),
      source: `${where}: a number issue from ${issue.low} to ${issue.high}, its levels as options`,
    };
  });
  return { issues, optionIds, ideals, notes };
}

/** Each profile as an actor: weights → salience, value functions → option values or an ideal point, reservation, discount → patience. */
function mapActors(
  data: AnacData,
  plans: Map<number, NumberPlan>,
  ids: { issueIds: string[]; actorIds: string[] },
  mapped: ReturnType<typeof mapIssues>,
  rounds: number,
) {
  const { issueIds, actorIds } = ids;
  const { optionIds, ideals } = mapped;
  const formatName = FORMAT_NAMES[data.format];
  const actors: Record<string, AnacModelActor> = {};
  data.profiles.forEach((profile, a) => {
    const fileName = profile.file.split(/[\\/]/).pop() ?? profile.file;
    const preferences: Record<string, AnacModelPreference> = {};
    data.issues.forEach((issue, i) => {
      const ideal = ideals[i]?.[a];
      if (ideal !== undefined) {
        preferences[issueIds[i]] = {
          ideal,
          shape: 'linear',
          source: `${fileName}: its value function on "${issue.name}" falls linearly from 1 at ${levelLabel(ideal)}`,
        };
        return;
      }
      const valuation = profile.valuations[i];
      const ids = optionIds[i] ?? [];
      const values = valuation.kind === 'table' ? valuation.utilities : (plans.get(i) as NumberPlan).points.map((x) => valueAt(valuation.points, x));
      preferences[issueIds[i]] = Object.fromEntries(ids.map((id, k) => [id, values[k]]));
    });
    const discount = profile.discount;
    actors[actorIds[a]] = {
      label: profile.name,
      capability: { value: 1, source: 'assumption: ANAC profiles say nothing of bargaining power; equal (it matters only for random-proposer recognition)' },
      reservation: profile.reservation,
      patience: discount
        ? {
            value: discount.value ** (1 / rounds),
            source: `${discount.source}: d = ${discount.value} at the deadline, so d^(1/${rounds}) per round over ${rounds} rounds (GENIUS discounts by d^t, t the share of the deadline gone)`,
          }
        : {
            value: 1,
            source:
              data.format === 'genius'
                ? `${fileName}: no discount_factor in (0, 1), so no discounting`
                : 'GeniusWeb profiles carry no discount: no discounting',
          },
      concession: DEFAULT_CONCESSION,
      strategy: 'time-based',
      salience: Object.fromEntries(data.issues.map((_, i) => [issueIds[i], profile.weights[i]])),
      preferences,
      source: `${fileName} (${formatName} profile)`,
    };
  });
  return actors;
}

/** The model file's header: where it came from, the notes, and how each part of it was mapped. */
function importHeader(data: AnacData, notes: readonly string[], rounds: number): string[] {
  const formatName = FORMAT_NAMES[data.format];
  const profileFiles = data.profiles.map((p) => p.file);
  const discounted = data.profiles.some((p) => p.discount !== undefined);
  const header = [
    `Imported by \`parley import ${data.format}\` from ${data.domainFile} and ${profileFiles.join(', ')} (${formatName}).`,
    ...data.notes,
    ...notes,
    'Mapping:',
    "- Issues: a discrete issue → a categorical issue, one option per value; a number issue → a continuous issue on its levels when every party's value is 1 − |x − ideal| / width there, else an ordinal issue with one option per level.",
    '- Each profile → an actor: issue weights → salience, value functions → option values (or an ideal point), reservation value → reservation utility, discount factor d at the deadline → patience d^(1/rounds) per round.',
    "- Veto players: every party (ANAC's protocol needs each party's acceptance).",
    ...(discounted
      ? [
          '- GENIUS discounts utility and reservation value alike (u·d^t); parley discounts the gain over the reservation, r + δ^(k−1)(u − r): the same when the reservation is 0.',
        ]
      : []),
    `- Assumptions (the files say nothing of these, each marked "assumption:" in its source): alternating offers over ${rounds} rounds (ANAC's deadline is a time), no breakdown risk, capability 1, time-based negotiators with linear concession, and complete information — ANAC agents do not see each other's profiles; set negotiation.beliefNoise to model that.`,
  ];
  return header;
}

export function anacToScenario(data: AnacData, options: AnacImportOptions = {}): AnacModelResult {
  const formatName = FORMAT_NAMES[data.format];
  if (data.profiles.length < 2) {
    return {
      ok: false,
      problems: [{ file: data.domainFile, message: `expected at least 2 profiles (one per party) after the domain, got ${data.profiles.length}` }],
    };
  }
  const planned = planNumberIssues(data.issues, options, data.domainFile);
  if ('problem' in planned) return { ok: false, problems: [planned.problem] };
  const { plans } = planned;
  const rounds = ANAC_ROUNDS;
  const domainFile = data.domainFile.split(/[\\/]/).pop() ?? data.domainFile;
  const issueIds = uniqueSlugs(
    data.issues.map((i) => i.name),
    'issue',
  );
  const actorIds = uniqueSlugs(distinguishingNames(data.profiles.map((p) => p.name)), 'party');

  const mapped = mapIssues(data, plans, issueIds, domainFile);
  const { issues, notes } = mapped;
  const actors = mapActors(data, plans, { issueIds, actorIds }, mapped, rounds);
  const vetoPlayers = Object.keys(actors);
  const header = importHeader(data, notes, rounds);
  const scenario: AnacModelScenario = {
    name: slugify(data.domainName, 'anac'),
    title: data.title,
    description: `ANAC scenario ${data.title}: ${data.issues.length} issue${data.issues.length === 1 ? '' : 's'}, ${data.profiles.length} parties (${data.profiles.map((p) => p.name).join(', ')}), imported from ${formatName}. Issues, preferences, reservation values and discounting come from the files; the protocol's rounds, capability and negotiators are assumptions (see each source).`,
    source: `${data.domainFile} (${formatName})`,
    negotiation: {
      protocol: 'alternating-offers',
      rounds,
      breakdownRisk: { value: 0, source: 'ANAC negotiations end by agreement or at the deadline: no risk of breakdown' },
      source: `assumption: ${rounds} rounds of alternating offers, proposers in profile order (ANAC's stacked alternating offers protocol; its deadline is a time, not a number of rounds)`,
    },
    vetoPlayers,
    issues,
    actors,
  };
  return { ok: true, model: { scenario, header, vetoComment: "every party must accept, as in ANAC's protocol (each profile is a party)" } };
}
