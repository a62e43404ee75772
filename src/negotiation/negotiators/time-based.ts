/**
 * The time-based concession negotiator.
 *
 * Proposes: among the packages that still meet its aspiration asp(round) (see aspiration.ts),
 * the one best for the others — the highest least normalized gain among the other actors whose
 * consent it needs (ties: its own utility, then the lower package id).
 *
 * Accepts an offer u when u ≥ r and u − r ≥ δ · (1 − q) · (asp(round + 1) − r): taking the offer
 * now is worth at least what holding out for its next aspiration is worth one round later, δ
 * being its patience and q the risk that talks collapse in between (the responder's rule of
 * Rubinstein 1982 and Binmore, Rubinstein & Wolinsky 1986, applied to an aspiration instead of an
 * equilibrium value). Impatient actors therefore accept less, and no one accepts below r.
 */
import type { ActorIndex, PackageId } from '../compiled-scenario.ts';
import { othersLeastGain, type NegotiationTable } from '../negotiation-table.ts';
import { UTILITY_EPSILON, type Negotiator } from '../negotiator.ts';
import { aspiration } from './aspiration.ts';

export class TimeBasedNegotiator implements Negotiator {
  readonly actor: ActorIndex;
  private table!: NegotiationTable;
  private reservation = 0;
  private best = 0;
  private exponent = 1;
  /** δ(1 − q): the share of a later gain that is worth as much as a gain now. */
  private holdOutFactor = 1;
  private rounds = 1;
  private row = 0;

  constructor(actor: ActorIndex) {
    this.actor = actor;
  }

  begin(table: NegotiationTable): void {
    const a = this.actor;
    const { instance, compiled } = table;
    this.table = table;
    this.reservation = instance.reservation[a];
    this.best = instance.best[a];
    this.exponent = this.concessionExponent(instance.concession[a]);
    this.holdOutFactor = instance.patience[a] * (1 - instance.breakdownRisk);
    this.rounds = compiled.rounds;
    this.row = a * instance.packageCount;
  }

  /** The exponent of the aspiration curve (a hardliner overrides this to never concede). */
  protected concessionExponent(sampled: number): number {
    return sampled;
  }

  protected aspirationAt(round: number): number {
    return aspiration(this.reservation, this.best, this.exponent, round, this.rounds);
  }

  propose(round: number): PackageId {
    const { utility, packageCount } = this.table.instance;
    const threshold = this.aspirationAt(round) - UTILITY_EPSILON;
    let chosen = -1;
    let chosenGain = -Infinity;
    let chosenOwn = -Infinity;
    for (let p = 0; p < packageCount; p++) {
      const own = utility[this.row + p];
      if (own < threshold) continue;
      const gain = othersLeastGain(this.table, p, this.actor);
      if (gain > chosenGain || (gain === chosenGain && own > chosenOwn)) {
        chosen = p;
        chosenGain = gain;
        chosenOwn = own;
      }
    }
    return chosen;
  }

  respond(round: number, offer: PackageId): boolean {
    const u = this.table.instance.utility[this.row + offer];
    if (u < this.reservation) return false;
    const holdOut = this.holdOutFactor * (this.aspirationAt(round + 1) - this.reservation);
    return u - this.reservation >= holdOut - UTILITY_EPSILON;
  }
}
