/**
 * Spatial data (actors, capabilities, positions, saliences) → a parley scenario.
 *
 * Mapping:
 *   - one continuous issue per position dimension, on the data's position scale; each actor's
 *     ideal point is its position, with linear utility 1 − |x − ideal| / (high − low);
 *   - salience: kept as the data give it, on a 0–1 scale (`saliences: absolute`): each issue's
 *     salience to the actor on its own (BDM's s); utilities over packages rescale an actor's
 *     weights to sum to 1, and the spatial mechanisms (expected-utility, compromise) use them as
 *     they are, as BDM, KTAB and decide do;
 *   - capability: the data's capability / power / resources;
 *   - levels: the largest equal count per issue (≤ 101) whose product fits MAX_PACKAGES;
 *   - veto players: the fewest most capable actors holding more than half the capability;
 *   - what the data lack (reservation, patience, concession, rounds, breakdown risk) gets an
 *     explicit default whose `source` says it is an assumption and why;
 *   - ids: slugs of the file's keys (or names), unique; the names are kept as labels.
 */
import { tablePercent, thousands } from '../format/numbers.ts';
import { basename, extname } from 'node:path';
import { MAX_PACKAGES } from '../scenario/limits.ts';
import { largestEqualLevels, levelsProblem, packageCount } from './levels.ts';
import { slugify, uniqueSlugs } from './slug.ts';
import type { ImportProblem, SpatialActor, SpatialData } from './spatial-data.ts';
import { capabilityMajority, MAX_VETO_PLAYERS } from './veto-players.ts';

export interface SourcedNumber {
  value: number;
  source: string;
}

export interface ImportedIssue {
  label: string;
  kind: 'continuous';
  range: [number, number];
  levels: number;
  unit?: string;
  description?: string;
  source: string;
}

/** An ideal point on a continuous issue, linear utility 1 − |x − ideal| / width. */
export interface ImportedIdeal {
  ideal: number;
  shape: 'linear';
  source: string;
}

/** An imported actor; `Preference` is what it holds per issue (spatial data: an ideal point). */
export interface ImportedActor<Preference = ImportedIdeal> {
  label: string;
  description?: string;
  capability: SourcedNumber;
  reservation: SourcedNumber;
  patience: SourcedNumber;
  concession: SourcedNumber;
  strategy: 'time-based';
  salience: Record<string, SourcedNumber>;
  preferences: Record<string, Preference>;
  source: string;
}

/** A scenario as the model file will hold it (the shape scenarioSchema reads). */
export interface ImportedScenario {
  name: string;
  title: string;
  description: string;
  source: string;
  saliences: 'absolute';
  negotiation: {
    protocol: 'alternating-offers';
    rounds: number;
    breakdownRisk: { dist: 'uniform'; min: number; max: number; label: string; source: string };
    source: string;
  };
  vetoPlayers: string[];
  issues: Record<string, ImportedIssue>;
  actors: Record<string, ImportedActor>;
}

export interface ImportedModel {
  scenario: ImportedScenario;
  /** Lines of the file's header comment: where the data come from and how they were mapped. */
  header: string[];
  /** Comments to put beside `levels` and `vetoPlayers`. */
  levelsComment: string;
  vetoComment: string;
}

export interface ImportOptions {
  /** Levels per issue instead of the largest count that fits. */
  levels?: number;
}

export const DEFAULT_RESERVATION: SourcedNumber = {
  value: 0.3,
  source:
    "assumption: the data give no utility for no agreement; at 0.3 any deal closer to the actor's ideal points than 70% of each scale (salience-weighted) beats none",
};
export const DEFAULT_PATIENCE: SourcedNumber = { value: 0.95, source: 'assumption: the data say nothing about time preference; a moderate discount per round' };
export const DEFAULT_CONCESSION: SourcedNumber = {
  value: 1,
  source: 'assumption: linear concession (exponent 1); the data say nothing about how firmly an actor holds out',
};
export const DEFAULT_BREAKDOWN_RISK = { min: 0.01, max: 0.03 } as const;
export const MIN_ROUNDS = 30;

/** Rounded for the file; the sum of an actor's weights stays within 1e-5 of 1. */
function round(x: number): number {
  return Number(x.toFixed(6));
}

/** One actor: its data (capability, positions, saliences on a 0–1 scale) and the defaults. */
function toActor(actor: SpatialActor, data: SpatialData, issueIds: readonly string[], fileName: string): ImportedActor {
  const salience: Record<string, SourcedNumber> = {};
  const preferences: ImportedActor['preferences'] = {};
  actor.stances.forEach((stance, k) => {
    const id = issueIds[k];
    if (stance === undefined) {
      salience[id] = { value: 0, source: 'assumption: the file has no data for this actor on this issue; weight 0' };
      const [low, high] = data.issues[k].range;
      preferences[id] = {
        ideal: (low + high) / 2,
        shape: 'linear',
        source: 'assumption: no data on this issue (weight 0), so the ideal point does not matter; the midpoint of the scale',
      };
      return;
    }
    // Absolute saliences on a 0–1 scale (a 0–100 file is divided by 100).
    const scale = data.salienceScale === '0–100' ? 100 : 1;
    const weight = stance.salience / scale;
    const why = `line ${stance.line}: salience ${stance.salience} on the file's ${data.salienceScale} scale`;
    salience[id] = { value: round(weight), source: why };
    preferences[id] = { ideal: stance.position, shape: 'linear', source: `line ${stance.line}: position` };
  });
  return {
    label: actor.name,
    ...(actor.description && actor.description !== actor.name ? { description: actor.description } : {}),
    capability: { value: actor.capability, source: actor.capabilitySource },
    reservation: DEFAULT_RESERVATION,
    patience: DEFAULT_PATIENCE,
    concession: DEFAULT_CONCESSION,
    strategy: 'time-based',
    salience,
    preferences,
    source: `${fileName}, line ${actor.line}`,
  };
}

/** Levels per issue (--levels, else the largest equal count that fits), or why the file's issues cannot be played. */
function chooseLevels(issueCount: number, file: string, options: ImportOptions): { levels: number } | { problem: ImportProblem } {
  const levels = options.levels ?? largestEqualLevels(issueCount);
  const badLevels = levelsProblem(levels, issueCount);
  if (badLevels !== undefined && packageCount(2, issueCount) > MAX_PACKAGES) {
    // Not even two levels per issue fit: the file has too many issues, whatever --levels says.
    const most = Math.floor(Math.log(MAX_PACKAGES) / Math.log(2));
    return {
      problem: {
        file,
        message: `${issueCount} issues: even 2 levels each make 2^${issueCount} packages, more than the ${thousands(MAX_PACKAGES)} parley enumerates; import at most ${most} issues (remove issues from the file)`,
      },
    };
  }
  if (badLevels !== undefined) return { problem: { file: `--levels ${levels}`, message: `${badLevels} (${file} has ${issueCount} issues)` } };
  return { levels };
}

/** The comment beside `levels`: how the count was chosen and how many packages it makes. */
function levelsNote(levels: number, issueCount: number, options: ImportOptions): string {
  const packages = packageCount(levels, issueCount);
  return options.levels === undefined
    ? `${levels} levels per issue: the largest equal count (at most 101) with ${levels}^${issueCount} = ${thousands(packages)} packages ≤ ${thousands(MAX_PACKAGES)}; fewer levels run faster: --levels N`
    : `${levels} levels per issue, chosen with --levels (${thousands(packages)} packages)`;
}

/** One continuous issue per position dimension, on the data's scale with `levels` levels. */
function mapIssues(data: SpatialData, issueIds: readonly string[], levels: number, fileName: string): Record<string, ImportedIssue> {
  const issues: Record<string, ImportedIssue> = {};
  data.issues.forEach((issue, k) => {
    issues[issueIds[k]] = {
      label: issue.name,
      kind: 'continuous',
      range: issue.range,
      levels,
      ...(issue.unit ? { unit: issue.unit } : {}),
      ...(issue.description ? { description: issue.description } : {}),
      source: `${fileName}: range = ${issue.rangeSource}`,
    };
  });
  return issues;
}

/** The veto players (the fewest most capable actors holding more than half the capability, at most MAX_VETO_PLAYERS) and the comment saying so. */
function chooseVetoPlayers(data: SpatialData, actorIds: readonly string[]): { vetoPlayers: string[]; vetoComment: string } {
  const coalition = capabilityMajority(
    data.actors.map((a) => a.capability),
    MAX_VETO_PLAYERS,
  );
  const vetoPlayers = coalition.members.map((i) => actorIds[i]);
  const vetoComment = coalition.capped
    ? `assumption: the ${MAX_VETO_PLAYERS} most capable actors (at most ${MAX_VETO_PLAYERS} can hold a veto: parley keeps consent in 32-bit masks); they hold ${tablePercent(coalition.share)} of the capability, short of a majority`
    : `assumption: the fewest most capable actors that together hold more than half the capability (${vetoPlayers.length} with ${tablePercent(coalition.share)}); the data name no veto players`;
  return { vetoPlayers, vetoComment };
}

/** The model file's header: where it came from, the format's notes, and how each part was mapped or assumed. */
function importHeader(data: SpatialData, file: string, format: string, choices: { levelsComment: string; vetoComment: string; rounds: number }): string[] {
  const { levelsComment, vetoComment, rounds } = choices;
  return [
    `Imported by \`parley import ${format}\` from ${file} (${data.formatName}).`,
    ...data.notes,
    'Mapping:',
    "- Issues: one continuous issue per position dimension; each ideal point is the actor's position, linear utility 1 − |x − ideal| / (high − low).",
    "- Salience: as in the data, on a 0–1 scale (saliences: absolute). Utilities over packages rescale each actor's weights to sum to 1; the expected-utility and compromise mechanisms use them as they are.",
    `- Capability: ${data.capabilityMeaning}.`,
    `- Levels: ${levelsComment}.`,
    `- Veto players: ${vetoComment}.`,
    `- Assumptions (the data have none of these, each marked "assumption:" in its source): reservation ${DEFAULT_RESERVATION.value}, patience ${DEFAULT_PATIENCE.value}, linear concession, time-based negotiators, ${rounds} rounds, breakdown risk uniform(${DEFAULT_BREAKDOWN_RISK.min}, ${DEFAULT_BREAKDOWN_RISK.max}). Revisit them before trusting a result.`,
  ];
}

/** The assumed protocol: alternating offers over `rounds` rounds with a small uniform breakdown risk. */
function assumedNegotiation(rounds: number): ImportedScenario['negotiation'] {
  return {
    protocol: 'alternating-offers',
    rounds,
    breakdownRisk: {
      dist: 'uniform',
      min: DEFAULT_BREAKDOWN_RISK.min,
      max: DEFAULT_BREAKDOWN_RISK.max,
      label: 'Talks collapse risk',
      source: 'assumption: a small per-round chance that talks collapse; the data give no rate',
    },
    source: `assumption: ${rounds} rounds (at least ${MIN_ROUNDS}, and enough for every actor to propose once); proposers in file order. The data describe positions, not a procedure.`,
  };
}

export function toScenario(
  data: SpatialData,
  file: string,
  format: string,
  options: ImportOptions = {},
): { ok: true; model: ImportedModel } | { ok: false; problems: ImportProblem[] } {
  const issueCount = data.issues.length;
  const chosen = chooseLevels(issueCount, file, options);
  if ('problem' in chosen) return { ok: false, problems: [chosen.problem] };
  const { levels } = chosen;
  const totalCapability = data.actors.reduce((t, a) => t + a.capability, 0);
  if (!(totalCapability > 0))
    return { ok: false, problems: [{ file, message: 'expected some actor with a capability above 0 (every capability is 0), to choose the veto players by' }] };

  const fileName = basename(file);
  const issueIds = uniqueSlugs(
    data.issues.map((i) => i.key ?? (i.name.replace(/\s*position$/i, '') || i.name)),
    'issue',
  );
  const actorIds = uniqueSlugs(
    data.actors.map((a) => a.key ?? a.name),
    'actor',
  );
  const issues = mapIssues(data, issueIds, levels, fileName);
  const actors: Record<string, ImportedActor> = {};
  data.actors.forEach((actor, a) => {
    actors[actorIds[a]] = toActor(actor, data, issueIds, fileName);
  });
  const { vetoPlayers, vetoComment } = chooseVetoPlayers(data, actorIds);
  const rounds = Math.min(1000, Math.max(MIN_ROUNDS, data.actors.length));
  const levelsComment = levelsNote(levels, issueCount, options);
  const header = importHeader(data, file, format, { levelsComment, vetoComment, rounds });

  const scenario: ImportedScenario = {
    name: slugify(basename(fileName, extname(fileName)), 'imported'),
    title: data.title ?? `${fileName} (${data.formatName})`,
    description:
      `${data.description ? `${data.description}. ` : ''}Imported from ${fileName} (${data.formatName}): positions, saliences and capabilities come from the data; ` +
      'reservation, patience, concession, rounds, breakdown risk and veto players are assumptions (see each source).',
    source: `${file} (${data.formatName})`,
    saliences: 'absolute',
    negotiation: assumedNegotiation(rounds),
    vetoPlayers,
    issues,
    actors,
  };
  return { ok: true, model: { scenario, header, levelsComment, vetoComment } };
}
