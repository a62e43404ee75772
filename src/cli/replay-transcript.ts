/**
 * The talks of a replayed run as a reader follows them: per round, who offers, the offer's terms
 * (in full the first time, then only what changed from the last offer), and only the response
 * that decides it — the actor who rejects it (asking stops there), or, when everyone asked
 * accepts, the closest call. Every actor's numbers go into one compact table at the end instead
 * of seven utility/aspiration pairs on every line.
 */
import { joinIntoLines } from '../charts/caption.ts';
import { describePackage, type CompiledScenario } from '../index.ts';
import type { Replay, RoundRecord } from '../simulation/replay.ts';
import { table } from './summary-table.ts';

/** Transcript lines are kept to about this many characters. */
export const TRANSCRIPT_WIDTH = 100;

const u3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');

/** The offer's terms as "Issue: option" pairs, in issue order. */
function termsOf(compiled: CompiledScenario, offer: number): [string, string][] {
  const { terms } = describePackage(compiled, offer);
  return compiled.issues.map((issue) => [issue.label, issue.options.find((o) => o.id === terms[issue.id])?.label ?? terms[issue.id]]);
}

/** The terms, or what changed since `previous` (the last package on the table), wrapped at TRANSCRIPT_WIDTH. */
function offerLines(compiled: CompiledScenario, offer: number, previous: { offer: number; round: number } | null): string[] {
  const now = termsOf(compiled, offer);
  const indent = '    ';
  if (previous === null)
    return joinIntoLines(
      now.map(([issue, option]) => `${issue}: ${option}`),
      ' · ',
      TRANSCRIPT_WIDTH - indent.length,
    ).map((l) => indent + l);
  if (previous.offer === offer) return [`${indent}the same package as in round ${previous.round}`];
  const before = termsOf(compiled, previous.offer);
  const changes = now.flatMap(([issue, option], i) => (option === before[i][1] ? [] : [`${issue}: ${before[i][1]} → ${option}`]));
  const head = `changed since round ${previous.round}: `;
  const lines = joinIntoLines(changes, ' · ', TRANSCRIPT_WIDTH - indent.length);
  if (head.length + lines[0].length <= TRANSCRIPT_WIDTH - indent.length) lines[0] = head + lines[0];
  else lines.unshift(head.trimEnd());
  return lines.map((l) => indent + l);
}

/** The response that decides the round, in words. */
function decidingLine(r: RoundRecord, labels: readonly string[]): string {
  if (r.responses.length === 0) return '    nobody was asked';
  const rejection = r.responses.find((x) => !x.accepts);
  const accepted = r.responses.filter((x) => x.accepts).length;
  if (rejection !== undefined) {
    const a = rejection.actor;
    const before = accepted > 0 ? ` (after ${accepted} accepted)` : '';
    return `    rejected by ${labels[a]}${before}: worth ${u3(r.utilities[a])} to it, below the ${u3(r.aspirations[a])} it asks`;
  }
  // Everyone asked accepts: the closest call is the one with the least to spare.
  const closest = r.responses.reduce((best, x) =>
    r.utilities[x.actor] - r.aspirations[x.actor] < r.utilities[best.actor] - r.aspirations[best.actor] ? x : best,
  );
  const a = closest.actor;
  return `    accepted by all ${r.responses.length} asked; the closest call: ${labels[a]} (${u3(r.utilities[a])} against ${u3(r.aspirations[a])} asked)`;
}

/** The talks round by round: the offer's terms and the response that decides it. */
export function talkLines(replay: Replay, labels: readonly string[]): string[] {
  const { compiled } = replay.context;
  const lines: string[] = [];
  let previous: { offer: number; round: number } | null = null;
  for (const r of replay.rounds) {
    if (r.offer < 0) {
      lines.push(`Round ${r.round}: ${r.proposer >= 0 ? labels[r.proposer] : 'the mediator'} passes (no package it would accept)`);
      continue;
    }
    lines.push(r.proposer >= 0 ? `Round ${r.round}: ${labels[r.proposer]} offers` : `Round ${r.round}: the text on the table`);
    lines.push(...offerLines(compiled, r.offer, previous), decidingLine(r, labels));
    previous = { offer: r.offer, round: r.round };
  }
  return lines;
}

/**
 * Every actor in one table: its fallback, its aspiration in the first and last round, its utility
 * of the last offer, what it got, its gain over the fallback, and how many offers it rejected.
 */
export function actorsTable(replay: Replay, labels: readonly string[], outcome: ArrayLike<number>): string {
  const { reservation } = replay.context.instance;
  const rounds = replay.rounds;
  const first = rounds.at(0);
  const last = rounds.at(-1);
  const rejected = labels.map((_, a) => rounds.filter((r) => r.responses.some((x) => x.actor === a && !x.accepts)).length);
  const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;
  return table([
    ['  actor', 'fallback', 'asked first', 'asked last', 'last offer', 'outcome', 'gain', 'rejected'],
    ...labels.map((l, a) => [
      `  ${l}`,
      u3(reservation[a]),
      first === undefined ? '–' : u3(first.aspirations[a]),
      last === undefined ? '–' : u3(last.aspirations[a]),
      last === undefined || last.offer < 0 ? '–' : u3(last.utilities[a]),
      u3(outcome[a]),
      signed(outcome[a] - reservation[a]),
      String(rejected[a]),
    ]),
  ]);
}

/** What the table's columns mean, said once under it. */
export const ACTORS_TABLE_NOTE =
  '  Utilities are on each actor’s own scale (0 = its worst package, 1 = its best). fallback: its\n' +
  '  value of no deal; asked: its aspiration, the least it accepts that round; last offer: its value\n' +
  '  of the last package on the table; outcome: with a deal in round k, r + δ^(k−1)(u − r), the\n' +
  "  package's gain over the fallback r discounted by its patience δ for the rounds the deal took\n" +
  '  (the fallback without a deal); gain: outcome minus fallback; rejected: offers it turned down.';
