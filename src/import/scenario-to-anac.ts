/**
 * A parley scenario → an ANAC scenario (AnacData) for `parley export genius|geniusweb`: the
 * inverse of anac-to-scenario.ts on what both can say, so export → import gives the model back.
 *
 * What GENIUS and GeniusWeb cannot say is refused (nothing is written) or approximated, and the
 * notes say which:
 *   - refused: interactions (their utilities are linear-additive), infeasible combinations (every
 *     bid is a possible agreement) and actors who are not veto players, which covers the consent
 *     of third parties such as guarantors (every party must accept an agreement);
 *   - a parameter with a distribution is written as its mean;
 *   - weights are written rescaled to sum to 1, as parley uses them;
 *   - a continuous issue whose every actor values it linearly from an ideal point at one end
 *     becomes a number issue (GENIUS: integer when its levels are the integers of its range,
 *     else real, whose levels parley picks again on import; GeniusWeb: a range with its levels'
 *     step); any other continuous issue becomes a discrete issue whose values are its levels;
 *   - GENIUS: patience δ per round becomes the discount factor δ^rounds at the deadline;
 *     GeniusWeb profiles have no discount, so patience is not written;
 *   - GeniusWeb holds a reservation as a bid: the bid with the largest utility not above the
 *     reservation utility (a reservation ≤ 0: no bid);
 *   - not written at all: the protocol, rounds, breakdown risk, belief noise, proposers,
 *     capability and the negotiators' strategies and concession.
 */
import { distributionMean, isUncertain } from '../scenario/distribution-math.ts';
import type { Distribution } from '../scenario/param.ts';
import type { FieldProblem } from '../scenario/semantic-checks.ts';
import { fixedDeadline, type Scenario } from '../scenario/schema.ts';
import { levelPoints, valueAt, type AnacData, type AnacFormat, type AnacIssue, type AnacProfile, type AnacValuation } from './anac-data.ts';

export type ExportMapping = { ok: true; data: AnacData; notes: string[] } | { ok: false; problems: FieldProblem[] };

/** An ideal point counts as the range's end within this share of the range's width. */
const END_TOLERANCE = 1e-12;

/** A parameter's value as exported: its mean, with a note when it is uncertain. */
function meanOf(d: Distribution, path: string, notes: string[]): number {
  const mean = distributionMean(d);
  if (isUncertain(d)) notes.push(`${path}: the ${d.dist} distribution is written as its mean, ${mean}.`);
  return mean;
}

function refusals(scenario: Scenario): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  if (scenario.interactions.length > 0) {
    problems.push({
      path: ['interactions'],
      message: `${count(scenario.interactions.length, 'interaction')} cannot be exported: GENIUS and GeniusWeb utilities are linear-additive (Σ weight × value), with no effect of a combination of terms; remove them (e.g. in a variant) to export`,
    });
  }
  if (scenario.infeasible.length > 0) {
    problems.push({
      path: ['infeasible'],
      message: `${count(scenario.infeasible.length, 'infeasible combination')} cannot be exported: in GENIUS and GeniusWeb every combination of values is a possible agreement`,
    });
  }
  const outside = Object.keys(scenario.actors).filter((id) => !scenario.vetoPlayers.includes(id));
  if (outside.length > 0) {
    problems.push({
      path: ['vetoPlayers'],
      message: `${outside.join(', ')} ${outside.length === 1 ? 'is not a veto player' : 'are not veto players'}: in GENIUS and GeniusWeb every party must accept an agreement, so an actor whose consent is not needed — or needed only for some options, as a guarantor's — cannot be exported; make every actor a veto player (or leave the others out) to export`,
    });
  }
  return problems;
}

/** A continuous issue's value at level x for an ideal point and shape: 1 − d or 1 − d², d = |x − ideal| / width. */
function idealValue(x: number, ideal: number, width: number, shape: 'linear' | 'quadratic'): number {
  const d = Math.min(1, Math.abs(x - ideal) / width);
  return shape === 'quadratic' ? 1 - d * d : 1 - d;
}

/** A label for a level: the number, rounded to 12 significant digits (as on import). */
function levelLabel(x: number): string {
  return String(Number(x.toPrecision(12)));
}

/** The utility of every bid, in odometer order (last issue fastest), by a profile's weights and valuations. */
function bidUtilities(
  issues: AnacIssue[],
  profile: Pick<AnacProfile, 'weights' | 'valuations'>,
  levels: number[][],
): { utility: Float64Array; sizes: number[] } {
  const columns = issues.map((issue, i) => {
    const valuation = profile.valuations[i];
    const w = profile.weights[i].value;
    return valuation.kind === 'table' ? valuation.utilities.map((u) => w * u) : levels[i].map((x) => w * valueAt(valuation.points, x));
  });
  const sizes = columns.map((c) => c.length);
  let utility = new Float64Array([0]);
  for (const column of columns) {
    const next = new Float64Array(utility.length * column.length);
    for (let p = 0; p < utility.length; p++) for (let k = 0; k < column.length; k++) next[p * column.length + k] = utility[p] + column[k];
    utility = next;
  }
  return { utility, sizes };
}

/** The bid (value indices per issue) with the largest utility ≤ `reservation`, or undefined. */
function reservationBid(utility: Float64Array, sizes: number[], reservation: number): number[] | undefined {
  let best = -1;
  for (let p = 0; p < utility.length; p++) if (utility[p] <= reservation + 1e-12 && (best < 0 || utility[p] > utility[best])) best = p;
  if (best < 0) return undefined;
  const bid = new Array<number>(sizes.length);
  for (let i = sizes.length - 1, rest = best; i >= 0; i--) {
    bid[i] = rest % sizes[i];
    rest = Math.floor(rest / sizes[i]);
  }
  return bid;
}

type ScenarioIssue = Scenario['issues'][string];
type ContinuousIssue = Extract<ScenarioIssue, { kind: 'continuous' }>;
type OptionIssue = Exclude<ScenarioIssue, { kind: 'continuous' }>;

/** One issue as exported: the ANAC issue, each actor's valuation of it, and the points a number issue's valuations are read at. */
interface ExportedIssue {
  issue: AnacIssue;
  /** [actor] the valuation. */
  valuations: AnacValuation[];
  /** The issue's levels when it is a number issue, else empty. */
  levels: number[];
}

/** A categorical or ordinal issue as a discrete one: its option labels (ids when two labels clash) and each actor's mean option values. */
function optionIssue(scenario: Scenario, issueId: string, issue: OptionIssue, actorIds: readonly string[], notes: string[]): ExportedIssue {
  const optionIds = Object.keys(issue.options);
  const labels = optionIds.map((id) => issue.options[id].label);
  const distinct = new Set(labels).size === labels.length;
  if (!distinct) notes.push(`Issue "${issue.label}": two options share a label, so its values are the option ids.`);
  return {
    issue: { kind: 'discrete', name: issue.label, values: distinct ? labels : optionIds },
    levels: [],
    valuations: actorIds.map((a) => {
      const table = scenario.actors[a].preferences[issueId] as Record<string, Distribution>;
      return { kind: 'table', utilities: optionIds.map((o) => meanOf(table[o], `actors.${a}.preferences.${issueId}.${o}`, notes)) };
    }),
  };
}

/**
 * A continuous issue: a number issue when every actor's value falls linearly from an ideal point at
 * one end (GENIUS integer or real, GeniusWeb a range with its levels' step), else a discrete issue
 * whose values are its levels, with each actor's exact values there.
 */
function continuousIssue(
  scenario: Scenario,
  issueId: string,
  issue: ContinuousIssue,
  actorIds: readonly string[],
  format: AnacFormat,
  notes: string[],
): ExportedIssue {
  const [low, high] = issue.range;
  const width = high - low;
  const points = levelPoints(low, high, issue.levels);
  const shapes = actorIds.map((a) => {
    const preference = scenario.actors[a].preferences[issueId] as { ideal: Distribution; shape: 'linear' | 'quadratic' };
    return { ideal: meanOf(preference.ideal, `actors.${a}.preferences.${issueId}.ideal`, notes), shape: preference.shape };
  });
  const atEnd = (x: number) => Math.abs(x - low) <= END_TOLERANCE * width || Math.abs(x - high) <= END_TOLERANCE * width;
  if (shapes.every((s) => s.shape === 'linear' && atEnd(s.ideal))) {
    const integers = format === 'genius' && Number.isInteger(low) && Number.isInteger(high) && high - low === issue.levels - 1;
    const step = format === 'geniusweb' || integers ? width / (issue.levels - 1) : undefined;
    if (step === undefined)
      notes.push(
        `Issue "${issue.label}": a GENIUS real-valued issue has no levels; importing it again picks them anew (the most ≤ 101 that fit, or --levels ${issue.levels}).`,
      );
    return {
      issue: { kind: 'number', name: issue.label, low, high, ...(step === undefined ? {} : { step }) },
      levels: points,
      valuations: shapes.map((s) => ({ kind: 'pieces', points: [low, high].map((x): [number, number] => [x, idealValue(x, s.ideal, width, 'linear')]) })),
    };
  }
  notes.push(
    `Issue "${issue.label}": some actor's value is not linear from an ideal point at an end of the range, which ${format === 'genius' ? 'GENIUS' : 'GeniusWeb'} number issues cannot hold; written as a discrete issue whose values are its ${issue.levels} levels.`,
  );
  return {
    issue: { kind: 'discrete', name: issue.label, values: points.map(levelLabel) },
    levels: [],
    valuations: shapes.map((s) => ({ kind: 'table', utilities: points.map((x) => idealValue(x, s.ideal, width, s.shape)) })),
  };
}

/**
 * GeniusWeb's reservation bid for a reservation utility > 0: the bid worth the most not above it,
 * set on `profile`; the notes say when it is worth less, or when there is none.
 */
function setReservationBid(
  profile: AnacProfile,
  actorId: string,
  reservation: number,
  exported: { issues: AnacIssue[]; levels: number[][] },
  notes: string[],
): void {
  const { utility, sizes } = bidUtilities(exported.issues, profile, exported.levels);
  const bid = reservationBid(utility, sizes, reservation);
  if (bid === undefined) {
    notes.push(`actors.${actorId}.reservation ${reservation}: every bid is worth more, so no reservationBid is written (a reservation of 0).`);
    return;
  }
  const held = utility[bid.reduce((p, v, i) => p * sizes[i] + v, 0)];
  if (Math.abs(held - reservation) > 1e-9)
    notes.push(
      `actors.${actorId}.reservation ${reservation}: GeniusWeb holds a reservation as a bid; written as the bid worth ${held}, the most not above it.`,
    );
  profile.reservationBid = bid;
}

/** An actor as a profile: its mean weights rescaled to sum to 1, its valuations, its reservation and (GENIUS) its discount δ^rounds. */
function exportProfile(
  scenario: Scenario,
  actorId: string,
  actorValuations: AnacValuation[],
  exported: { issues: AnacIssue[]; levels: number[][]; format: AnacFormat; rounds: number },
  notes: string[],
): AnacProfile {
  const { format, rounds } = exported;
  const actor = scenario.actors[actorId];
  const issueIds = Object.keys(scenario.issues);
  const raw = issueIds.map((issueId) => meanOf(actor.salience[issueId], `actors.${actorId}.salience.${issueId}`, notes));
  const sum = raw.reduce((t, w) => t + w, 0);
  if (Math.abs(sum - 1) > 1e-9) notes.push(`actors.${actorId}.salience: the weights sum to ${sum}; written rescaled to sum to 1, as parley uses them.`);
  const weights = raw.map((w, i) => ({ value: sum > 0 ? w / sum : 1 / raw.length, source: `actors.${actorId}.salience.${issueIds[i]}` }));
  const reservation = meanOf(actor.reservation, `actors.${actorId}.reservation`, notes);
  const patience = meanOf(actor.patience, `actors.${actorId}.patience`, notes);
  const profile: AnacProfile = {
    name: actor.label,
    file: actorId,
    weights,
    valuations: actorValuations,
    reservation: { value: reservation, source: `actors.${actorId}.reservation` },
  };
  if (format === 'genius' && patience < 1) profile.discount = { value: patience ** rounds, source: `actors.${actorId}.patience` };
  if (format === 'geniusweb' && patience < 1) notes.push(`actors.${actorId}.patience ${patience}: GeniusWeb profiles have no discount, so it is not written.`);
  if (format === 'geniusweb' && reservation > 0) setReservationBid(profile, actorId, reservation, exported, notes);
  if (format === 'geniusweb' && reservation < 0)
    notes.push(
      `actors.${actorId}.reservation ${reservation}: GeniusWeb holds a reservation as a bid, and no bid is worth less than 0; none is written (a reservation of 0).`,
    );
  return profile;
}

export function scenarioToAnac(scenario: Scenario, format: AnacFormat): ExportMapping {
  const problems = refusals(scenario);
  if (problems.length > 0) return { ok: false, problems };
  const notes: string[] = [];
  const actorIds = Object.keys(scenario.actors);
  const issueIds = Object.keys(scenario.issues);
  const deadline = fixedDeadline(scenario);
  // Without a fixed deadline the discount at "the deadline" is read at the safety cap.
  const rounds = deadline ?? scenario.negotiation.maxRounds;
  if (deadline === null)
    notes.push(`negotiation.rounds is not a fixed number: the discount factor is patience^${rounds}, at the safety cap negotiation.maxRounds.`);

  const exportedIssues = issueIds.map((issueId) => {
    const issue = scenario.issues[issueId];
    return issue.kind === 'continuous'
      ? continuousIssue(scenario, issueId, issue, actorIds, format, notes)
      : optionIssue(scenario, issueId, issue, actorIds, notes);
  });
  const issues = exportedIssues.map((e) => e.issue);
  const levels = exportedIssues.map((e) => e.levels);
  const profiles = actorIds.map((a, k) =>
    exportProfile(
      scenario,
      a,
      exportedIssues.map((e) => e.valuations[k]),
      { issues, levels, format, rounds },
      notes,
    ),
  );
  notes.push(
    "Not written (GENIUS and GeniusWeb profiles do not hold them): the protocol, rounds, breakdown risk, belief noise, proposers, capability, and the negotiators' strategies and concession.",
  );
  return { ok: true, data: { format, domainName: scenario.name, title: scenario.title, domainFile: '', issues, profiles, notes: [] }, notes };
}
