/**
 * Whether an offer on the table is agreed, under the scenario's decision rule (decision-rule.ts):
 * every actor whose consent the package needs (veto players, the guarantors of its options)
 * accepts — asking stops at the first refusal — and, under a vote, the voters who accept form a
 * winning coalition (every voter is asked; a consenting voter's answer is the one it gave).
 *
 * The answers are public: they are left in the table (`answers`, one per actor: 1 accepted, 0
 * refused, −1 not asked), and a proposer turned down is told (`Negotiator.turnedDown`), so a seat
 * that learns from refusals (beliefs that learn) reads who refused.
 */
import type { CompiledScenario, PackageId } from '../compiled-scenario.ts';
import { winningAmong } from '../decision-rule.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import type { Negotiator } from '../negotiator.ts';

/** Whether every needed actor accepts `offer` in `round` and, under a vote, a winning coalition does; a pass (−1) is a rejected round. */
export function agreed(table: NegotiationTable, seats: readonly Negotiator[], round: number, offer: PackageId): boolean {
  const { compiled, answers } = table;
  // A loop, not answers.fill(−1): the builtin's call costs more than a few actors' stores, every round.
  for (let a = 0; a < answers.length; a++) answers[a] = -1;
  if (offer < 0) return false;
  if (!consentersAccept(compiled, seats, round, offer, answers)) return false;
  const rule = compiled.decisionRule;
  if (rule.voters.length === 0) return true;
  for (const a of rule.voters) if (answers[a] < 0) answers[a] = seats[a].respond(round, offer) ? 1 : 0;
  return winningAmong(rule, answers);
}

/** Asks the actors whose consent `offer` needs, in actor order, until one refuses; notes each answer. */
function consentersAccept(compiled: CompiledScenario, seats: readonly Negotiator[], round: number, offer: PackageId, answers: Int8Array): boolean {
  const needed = compiled.consentMask[offer];
  const { consenters } = compiled;
  for (let k = 0; k < consenters.length; k++) {
    if ((needed & (1 << k)) === 0) continue;
    const a = consenters[k];
    const accepts = seats[a].respond(round, offer);
    answers[a] = accepts ? 1 : 0;
    if (!accepts) return false;
  }
  return true;
}

/** Tells the proposer of a refused offer (not a pass) who refused it (table.answers). */
export function tellTurnedDown(table: NegotiationTable, proposer: Negotiator, round: number, offer: PackageId): void {
  if (offer >= 0) proposer.turnedDown?.(round, offer, table.answers);
}
