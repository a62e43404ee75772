/**
 * The single negotiating text (Raiffa 1982, "The Art and Science of Negotiation": the US draft
 * at Camp David in 1978, revised again and again), as NegMAS plays it in its single-text
 * (veto) mechanisms (`VetoSTMechanism`, `HillClimbingSTMechanism`): a mediator holds one text and
 * changes it one term at a time; a change is kept only if the parties prefer it to the current
 * text, so the text never gets worse for them. Instead of bargaining over each other's offers, the
 * parties only ever react to the mediator's draft.
 *
 * The mediator (`negotiation.mediator`) is an actor or neutral (compiled.mediator = −1):
 *
 * - Starting text. Neutral: the package nearest the middle of every ordered scale (continuous and
 *   ordinal issues), with an option of each categorical issue drawn at random (one uniform per
 *   categorical issue from the run's RNG) — a draft that favours nobody, needs no knowledge of
 *   anyone's preferences, and does not depend on the order a file lists the options in. An actor:
 *   its own best package (ties: the higher least normalized gain among the consenting actors,
 *   then the canonical order below).
 * - Amendments. Rounds k = 0, 1, …, rounds − 1; from round 1 on (after a round without a deal) the
 *   mediator proposes one amendment: a package that differs from the text in exactly one issue
 *   (any other option of it, if feasible) and that every actor whose consent the amended text needs
 *   strictly prefers to the current text (by its utility). Neutral: it proposes the one with the
 *   highest least normalized gain (u − r)/(best − r) among the consenting actors (the party worst
 *   served gains most; ties: the lower id). An actor: the one best for itself among those the
 *   others accept — its proposing is its consent, so it may give ground — but only a text it would
 *   sign itself in that round (its seat's respond), so a time-based mediator concedes no faster
 *   than its aspiration falls and a hardliner not at all (ties: the higher least normalized gain,
 *   then the lower id). Without such a change the text stays.
 * - Signing. Each round every actor whose consent the current text needs is asked, through its
 *   seat (respond(round, text): strategies and aspirations matter), whether it signs, and under a
 *   vote every voter (agreement.ts). Agreed → deal in round k + 1 (1-based), worth r + δ^k (u − r). Otherwise, except in the last round, the
 *   talks collapse with probability `breakdownRisk`; after the last round: deadline. Right before
 *   the signing the table's observer, if any (a replay's recorder), is told the text.
 *
 * Consequences: under a neutral mediator a kept amendment never lowers the utility of any actor
 * whose consent the amended text needs, so the veto players (whose consent every text needs) end
 * weakly better off than with the starting text; under an actor mediator the same holds for
 * everyone but the mediator. One term at a time cannot trade one issue against another (a
 * log-roll needs two changes at once, each of which alone hurts someone), so on issues where the
 * parties are opposed the starting text stays — the draft's author shapes the outcome. The run's
 * RNG is used for the neutral starting text and the breakdown draws.
 */
import type { CompiledScenario, PackageId } from '../compiled-scenario.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import { UTILITY_EPSILON, type Negotiator } from '../negotiator.ts';
import { Status, type RunResult } from '../run-result.ts';
import { clearlyGreater } from '../solutions/bargaining-problem.ts';
import { settle } from './settle.ts';
import { agreed } from './agreement.ts';
import { afterRejection, endOfTalks, repeatToEnd, stationaryFrom } from './talks.ts';
import { distanceTo, outcomeScales, type OutcomeScales } from './forecast.ts';
import type { Mechanism } from './mechanism.ts';
import type { Rng } from '../../scenario/sample.ts';

/** Per scenario: how to find one-term amendments, draw the neutral starting text, and break ties. */
export interface SingleTextLayout {
  compiled: CompiledScenario;
  /** [i] the step in the full product's index (odometer order, last issue fastest) of one option of issue i. */
  stride: Int32Array;
  /** [index in the full product] the feasible package there, or −1. */
  packageAt: Int32Array;
  /** Issue indices in the order of the issues' ids. */
  issuesById: Int32Array;
  /** [i][o] the rank of option o of issue i in the canonical order (by id for a categorical issue, by scale position otherwise). */
  rank: Int32Array[];
  /** [i] the options of issue i in canonical order. */
  byRank: Int32Array[];
  scales: OutcomeScales;
  /** Scratch: the neutral draft's point. */
  target: Float64Array;
}

export function singleTextLayout(compiled: CompiledScenario): SingleTextLayout {
  const { issues, productIndex, packageCount } = compiled;
  const I = issues.length;
  const stride = new Int32Array(I);
  let step = 1;
  for (let i = I - 1; i >= 0; i--) {
    stride[i] = step;
    step *= issues[i].options.length;
  }
  const packageAt = new Int32Array(compiled.packagesBeforeFeasibility).fill(-1);
  for (let p = 0; p < packageCount; p++) packageAt[productIndex[p]] = p;
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const issuesById = Int32Array.from(issues.keys()).sort((a, b) => byId(issues[a].id, issues[b].id));
  const byRank = issues.map((issue) => {
    const order = Int32Array.from(issue.options.keys());
    return issue.kind === 'categorical' ? order.sort((a, b) => byId(issue.options[a].id, issue.options[b].id)) : order;
  });
  const rank = byRank.map((order) => {
    const r = new Int32Array(order.length);
    order.forEach((o, k) => (r[o] = k));
    return r;
  });
  return { compiled, stride, packageAt, issuesById, rank, byRank, scales: outcomeScales(compiled), target: new Float64Array(I) };
}

/** Whether package p comes before q in the canonical order (issues by id; options by id, or by scale position). */
export function canonicallyBefore(layout: SingleTextLayout, p: PackageId, q: PackageId): boolean {
  const { packageOptions, issues } = layout.compiled;
  const I = issues.length;
  for (let k = 0; k < I; k++) {
    const i = layout.issuesById[k];
    const a = layout.rank[i][packageOptions[p * I + i]];
    const b = layout.rank[i][packageOptions[q * I + i]];
    if (a !== b) return a < b;
  }
  return false;
}

/** The mediator's first draft (a neutral one draws one uniform per categorical issue from `rng`). */
export function startingText(layout: SingleTextLayout, table: NegotiationTable, rng: Rng): PackageId {
  const { compiled, instance, leastGain } = table;
  const mediator = compiled.mediator;
  if (mediator < 0) return neutralText(layout, rng);
  const P = instance.packageCount;
  const row = mediator * P;
  let chosen = 0;
  for (let p = 1; p < P; p++) {
    const own = instance.utility[row + p];
    const chosenOwn = instance.utility[row + chosen];
    if (clearlyGreater(own, chosenOwn)) chosen = p;
    else if (
      !clearlyGreater(chosenOwn, own) &&
      (leastGain[p] > leastGain[chosen] || (leastGain[p] === leastGain[chosen] && canonicallyBefore(layout, p, chosen)))
    )
      chosen = p;
  }
  return chosen;
}

/** The middle of every ordered scale and a random option of each categorical issue; the feasible package nearest it (ties: canonical order). */
function neutralText(layout: SingleTextLayout, rng: Rng): PackageId {
  const { compiled, target } = layout;
  compiled.issues.forEach((issue, i) => {
    const n = issue.options.length;
    target[i] = issue.kind === 'categorical' ? layout.byRank[i][Math.min(n - 1, Math.floor(rng() * n))] : (n - 1) / 2;
  });
  let best = -1;
  let bestDistance = Infinity;
  for (let p = 0; p < compiled.packageCount; p++) {
    const d = distanceTo(layout.scales, p, target);
    if (d < bestDistance - 1e-12 || (Math.abs(d - bestDistance) <= 1e-12 && canonicallyBefore(layout, p, best))) {
      bestDistance = d;
      best = p;
    }
  }
  return best;
}

/** Whether every actor whose consent `amended` needs, the mediator aside, strictly prefers it to `text`. */
function othersPrefer(table: NegotiationTable, amended: PackageId, text: PackageId): boolean {
  const { compiled, instance } = table;
  const { consenters } = compiled;
  const P = instance.packageCount;
  const needed = compiled.consentMask[amended];
  for (let k = 0; k < consenters.length; k++) {
    if ((needed & (1 << k)) === 0) continue;
    const a = consenters[k];
    if (a === compiled.mediator) continue;
    if (!(instance.utility[a * P + amended] > instance.utility[a * P + text] + UTILITY_EPSILON)) return false;
  }
  return true;
}

/** The amendment the mediator proposes in `round` to `text` (a one-term change the others accept), or −1 if none. */
export function amendment(layout: SingleTextLayout, table: NegotiationTable, seats: readonly Negotiator[], round: number, text: PackageId): PackageId {
  const { compiled, instance, leastGain } = table;
  const { issues, packageOptions, productIndex } = compiled;
  const { stride, packageAt } = layout;
  const mediator = compiled.mediator;
  const row = mediator * instance.packageCount;
  const I = issues.length;
  const base = productIndex[text];
  let chosen = -1;
  for (let i = 0; i < I; i++) {
    const current = packageOptions[text * I + i];
    for (let o = 0; o < issues[i].options.length; o++) {
      if (o === current) continue;
      const candidate = packageAt[base + (o - current) * stride[i]];
      if (candidate < 0 || !othersPrefer(table, candidate, text)) continue;
      if (mediator >= 0 && !seats[mediator].respond(round, candidate)) continue;
      if (chosen < 0 || betterAmendment(layout, mediator < 0 ? null : instance.utility, row, leastGain, candidate, chosen)) chosen = candidate;
    }
  }
  return chosen;
}

/** The mediator's order of preference between two acceptable amendments (own utility if it has one, then the least gain, then the canonical order). */
function betterAmendment(layout: SingleTextLayout, utility: Float64Array | null, row: number, leastGain: Float64Array, p: PackageId, q: PackageId): boolean {
  if (utility !== null) {
    if (clearlyGreater(utility[row + p], utility[row + q])) return true;
    if (clearlyGreater(utility[row + q], utility[row + p])) return false;
  }
  if (leastGain[p] !== leastGain[q]) return leastGain[p] > leastGain[q];
  return canonicallyBefore(layout, p, q);
}

export function createSingleText(compiled: CompiledScenario): Mechanism {
  const layout = singleTextLayout(compiled);
  return (table, seats, rng, out) => singleText(layout, table, seats, rng, out);
}

export function singleText(layout: SingleTextLayout, table: NegotiationTable, seats: readonly Negotiator[], rng: Rng, out: RunResult): RunResult {
  const { instance } = table;
  const { rounds } = instance;
  for (let a = 0; a < instance.actorCount; a++) seats[a].begin(table);
  const settled = stationaryFrom(instance, seats);
  let text = startingText(layout, table, rng);
  for (let round = 0; round < rounds; round++) {
    let changed = false;
    if (round > 0) {
      const amended = amendment(layout, table, seats, round, text);
      if (amended >= 0) {
        text = amended;
        changed = true;
      }
    }
    table.observer?.textOnTable(round, text);
    if (agreed(table, seats, round, text)) return settle(out, Status.Deal, round + 1, text, table);
    const ended = afterRejection(table, rng, round, out);
    if (ended !== null) return ended;
    // An unchanged text refused by settled seats is refused again in every later round.
    if (round > settled && !changed) return repeatToEnd(table, rng, round, out);
  }
  return settle(out, endOfTalks(instance), rounds, -1, table);
}
