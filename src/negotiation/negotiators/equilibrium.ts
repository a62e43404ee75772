/**
 * The equilibrium negotiator: subgame-perfect play of the complete-information bargaining game
 * as this actor sees it (Rubinstein 1982; Binmore, Rubinstein & Wolinsky 1986; Baron & Ferejohn
 * 1989), with continuation values by backward induction from the deadline
 * (continuation-values.ts, for the scenario's mechanism).
 *
 * Proposes: the package best for itself among those that give every actor whose consent the
 * package needs (and, under a vote, a winning coalition) at least what that actor expects from
 * rejecting — its continuation value r + (1 − q)δ(V(k+1) − r) — or passes when even that package
 * is worth less to it than a failed round. Accepts an offer iff it is worth at least its own
 * continuation value (and at least its reservation utility).
 *
 * The continuation values are solved with one continuous issue as a true continuum when the
 * scenario has one that qualifies (continuum-layout.ts), so they do not depend on its reporting
 * `levels`; the seat then offers the best package on the model's levels that those values admit
 * — within one level of the continuum offer, in the responders' favour.
 *
 * It assumes every other actor plays this way too, and it solves the game from its own beliefs
 * about the others' reservation utilities and patience (its own values are the truth; beliefs.ts).
 * With complete information (beliefNoise 0) every equilibrium seat would solve the same game, so
 * they share one solution (`CommonKnowledge`), solved once per run. With private information each
 * solves its own from the means of its beliefs, which learn: it proposes the package with the best
 * expected payoff against its belief distribution (screening-offer.ts), and when turned down it
 * narrows its beliefs by Bayes' rule (learning-beliefs.ts) and solves again — so an offer can be
 * refused, and the next one is better aimed.
 */
import type { ActorIndex, CompiledScenario, PackageId } from '../compiled-scenario.ts';
import { solveContinuationValues } from '../continuation-values.ts';
import { continuationValuesFor, NOT_PROPOSING, rowOf, type ContinuationValues } from '../continuation-table.ts';
import { continuumLayout, type ContinuumLayout } from '../continuum-layout.ts';
import { offerAt } from '../grid-offers.ts';
import { allocateLearnedBeliefs, beliefMean, learnAnswer, resetBeliefs, type LearnedBeliefs } from '../learning-beliefs.ts';
import { allocateScreeningScratch, screeningOffer, type ScreeningScratch } from '../screening-offer.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import { UTILITY_EPSILON, type Negotiator } from '../negotiator.ts';

/**
 * The solution of the game with everyone's true values, shared by the equilibrium seats of one
 * run context. Any seat's `begin` marks it out of date; the first seat that needs it then solves
 * it — once per run, since every seat begins before any offer is made.
 */
export class CommonKnowledge {
  private values: ContinuationValues | undefined;
  private table: NegotiationTable | undefined;
  private current = false;
  private layoutOf: CompiledScenario | undefined;
  private continuum: ContinuumLayout | null = null;

  invalidate(): void {
    this.current = false;
  }

  /** The scenario's continuum layout (continuum-layout.ts; null: solved on its packages), found once per scenario. */
  layout(compiled: CompiledScenario): ContinuumLayout | null {
    if (this.layoutOf !== compiled) {
      this.continuum = continuumLayout(compiled);
      this.layoutOf = compiled;
    }
    return this.continuum;
  }

  solution(table: NegotiationTable): ContinuationValues {
    if (!this.current || this.table !== table) {
      const { instance } = table;
      this.values = continuationValuesFor(table.compiled, this.values, this.layout(table.compiled));
      solveContinuationValues(table, instance.reservation, instance.patience, 0, this.values);
      this.table = table;
      this.current = true;
    }
    return this.values!;
  }
}

/**
 * The complete-information solution of this run, if a seat plays equilibrium in it (for the
 * equilibrium report: what the seats' theory says, whatever each believes). Seats must have begun
 * this run (talks mechanisms begin every seat).
 */
export function equilibriumSolution(seats: readonly Negotiator[], table: NegotiationTable): ContinuationValues | null {
  for (const seat of seats) if (seat instanceof EquilibriumNegotiator) return seat.commonSolution(table);
  return null;
}

export class EquilibriumNegotiator implements Negotiator {
  readonly actor: ActorIndex;
  private readonly common: CommonKnowledge;
  /** Whether, under private information, it learns from answers and proposes by expected payoff (else by its point beliefs, as before learning; for comparisons). */
  readonly learns: boolean;
  private table!: NegotiationTable;
  /** This seat's own solution (private information), reused between runs. */
  private own: ContinuationValues | undefined;
  private ownSolved = false;
  /** Its offer of the round it last proposed in (−1 before any this run). */
  private proposedRound = -1;
  private proposed: PackageId = -1;
  /** Private information: what it believes of the others' reservation utilities, learning as it goes. */
  private beliefs: LearnedBeliefs | undefined;
  private screening: ScreeningScratch | undefined;

  constructor(actor: ActorIndex, common: CommonKnowledge = new CommonKnowledge(), learns = true) {
    this.actor = actor;
    this.common = common;
    this.learns = learns;
  }

  begin(table: NegotiationTable): void {
    this.table = table;
    this.common.invalidate();
    this.ownSolved = false;
    this.proposedRound = -1;
    if (this.learning()) {
      const A = table.instance.actorCount;
      this.beliefs ??= allocateLearnedBeliefs(A);
      if (this.screening?.order.length !== table.instance.packageCount) {
        this.screening = allocateScreeningScratch(table.compiled.decisionRule.voters.length, A, table.instance.packageCount);
      }
      this.screening.ordered = false;
      resetBeliefs(this.beliefs, table.compiled.beliefShape, table.instance.beliefNoise, table.believedReservation, this.actor * A);
    }
  }

  /** Whether this run it learns and screens: private information, and learning on. */
  private learning(): boolean {
    return this.learns && this.table.instance.beliefNoise > 0;
  }

  /** Its posterior beliefs this run (null under complete information or without learning). */
  learnedBeliefs(): LearnedBeliefs | null {
    return this.learning() ? this.beliefs! : null;
  }

  /** The solution of the game with everyone's true values (shared; solved once per run). */
  commonSolution(table: NegotiationTable): ContinuationValues {
    return this.common.solution(table);
  }

  /** The continuation values as this seat sees them this run (solved on first use). */
  continuationValues(): ContinuationValues {
    const table = this.table;
    if (table.instance.beliefNoise === 0) return this.common.solution(table);
    if (!this.ownSolved) {
      this.own = continuationValuesFor(table.compiled, this.own, this.common.layout(table.compiled));
      const A = table.instance.actorCount;
      solveContinuationValues(table, table.believedReservation, table.believedPatience, this.actor * A, this.own);
      this.ownSolved = true;
    }
    return this.own!;
  }

  propose(round: number): PackageId {
    const values = this.continuationValues();
    const k = rowOf(values, round);
    this.proposedRound = round;
    if (this.learning()) this.proposed = screeningOffer(this.table, values, this.beliefs!, this.actor, k, this.screening!);
    else {
      const offer = values.offers[k * values.actorCount + this.actor];
      this.proposed = offer === NOT_PROPOSING ? offerAt(this.table, values, this.actor, k) : offer;
    }
    return this.proposed;
  }

  /**
   * Bayes' rule on the answers to its refused offer (learning-beliefs.ts): each actor asked refused
   * (its reservation utility is above u − Δ) or accepted (at or below it); then the game is solved
   * again from the posterior means.
   */
  turnedDown(round: number, offer: PackageId, answers: Int8Array): void {
    if (!this.learning()) return;
    const beliefs = this.beliefs!;
    const values = this.continuationValues();
    const k = rowOf(values, round);
    const { instance, believedReservation } = this.table;
    const A = instance.actorCount;
    for (let b = 0; b < A; b++) {
      if (b === this.actor || answers[b] < 0) continue;
      const premium = values.threshold[k * A + b] - beliefMean(beliefs, b);
      learnAnswer(beliefs, b, instance.utility[b * instance.packageCount + offer] - premium, answers[b] === 1);
    }
    for (let b = 0; b < A; b++) if (b !== this.actor) believedReservation[this.actor * A + b] = beliefMean(beliefs, b);
    this.ownSolved = false;
  }

  /** With a stationary solution (no deadline) its play repeats with the proposer cycle from the first round — unless it learns. */
  stationaryFrom(): number {
    if (this.learning()) return Infinity;
    return this.continuationValues().period > 0 ? 0 : Infinity;
  }

  /** Accepts its own offer of this round (offerAt), else an offer worth at least its threshold. */
  respond(round: number, offer: PackageId): boolean {
    if (round === this.proposedRound && offer === this.proposed) return true;
    const { utility, packageCount } = this.table.instance;
    return utility[this.actor * packageCount + offer] >= this.aspirationAt(round) - UTILITY_EPSILON;
  }

  /** The least it accepts in `round`: its continuation value, at least its reservation utility (transcripts show it as the aspiration). */
  aspirationAt(round: number): number {
    const values = this.continuationValues();
    return values.threshold[rowOf(values, round) * values.actorCount + this.actor];
  }
}

/** The seat as the equilibrium negotiator it must be (for checks that read its solution); throws if it plays another strategy. */
export function equilibriumSeat(seat: Negotiator | undefined): EquilibriumNegotiator {
  if (!(seat instanceof EquilibriumNegotiator)) throw new Error('expected a seat that plays equilibrium');
  return seat;
}
