/**
 * The time-based concession negotiator.
 *
 * Proposes: among the packages that still meet its aspiration asp(round) (see aspiration.ts),
 * the one best for the others — the highest least normalized gain among the other actors whose
 * consent it needs (ties: its own utility, then the lower package id). With private information
 * (negotiation.beliefNoise > 0) it judges the others' gains by its beliefs about their reservation
 * utilities (believed-gains.ts), so it can aim at a package they do not accept.
 *
 * Accepts an offer u when u ≥ r and u − r ≥ δ · (1 − q) · (asp(round + 1) − r): taking the offer
 * now is worth at least what holding out for its next aspiration is worth one round later, δ
 * being its patience and q the risk that talks collapse in between (the responder's rule of
 * Rubinstein 1982 and Binmore, Rubinstein & Wolinsky 1986, applied to an aspiration instead of an
 * equilibrium value). Impatient actors therefore accept less, and no one accepts below r.
 *
 * Speed: an offer is found one of two ways, with the same result. Scanning all P packages costs
 * P cheap comparisons per offer — best when an actor offers a few times per run (7 actors, 30
 * rounds). When it offers often (2 actors, 100 rounds), it instead files each package once per run
 * under the first round whose aspiration it meets (aspirations only fall, so a lookup table by
 * utility and a step or two forward) and carries the best forward: O(P + T) per run, then one
 * lookup per offer.
 */
import type { ActorIndex, PackageId } from '../compiled-scenario.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import { UTILITY_EPSILON, type Negotiator } from '../negotiator.ts';
import { concessionShape } from './aspiration.ts';
import { believedOthersLeastGain } from '../believed-gains.ts';

/** Offers per run above which filing all packages once beats scanning them at every offer. */
const FILING_MIN_OFFERS = 12;
/** Slices of [reservation, best] in the round-lookup table used when filing: about one per package, within bounds. */
const MIN_SLICES = 16;
const MAX_SLICES = 1024;

export class TimeBasedNegotiator implements Negotiator {
  readonly actor: ActorIndex;
  private table!: NegotiationTable;
  private reservation = 0;
  /** δ(1 − q): the share of a later gain that is worth as much as a gain now. */
  private holdOutFactor = 1;
  private rounds = 0;
  private row = 0;
  /** [round], 0 … rounds: this run's aspiration, and 1 − t^e for the exponent e it was computed for. */
  private aspirations = new Float64Array(0);
  private shape = new Float64Array(0);
  private shapeExponent = NaN;
  /** [round]: the offer of each round once filed (−1 before), its gain for the others and its own utility. */
  private offers = new Int32Array(0);
  private offerGain = new Float64Array(0);
  private offerOwn = new Float64Array(0);
  private offersFiled = false;
  /** Whether this seat offers often enough per run to file packages (see the top comment). */
  private offersOften = false;
  /** Whether it files this run: it offers often and its aspiration falls (best ≥ reservation). */
  files = false;
  private best = 0;
  private firstRoundBySlice = new Int32Array(0);
  /** [p] the others' least gain as this seat believes it, in runs with private information; else null (the table's). */
  private believedGain: Float64Array | null = null;
  private believedGainStore = new Float64Array(0);

  constructor(actor: ActorIndex) {
    this.actor = actor;
  }

  begin(table: NegotiationTable): void {
    const a = this.actor;
    const { instance, compiled } = table;
    this.table = table;
    this.reservation = instance.reservation[a];
    this.holdOutFactor = instance.patience[a] * (1 - instance.breakdownRisk);
    this.row = a * instance.packageCount;
    const rounds = compiled.rounds;
    if (this.rounds !== rounds) {
      this.rounds = rounds;
      this.aspirations = new Float64Array(rounds + 1);
      this.shape = new Float64Array(rounds + 1);
      this.shapeExponent = NaN;
      this.offers = new Int32Array(rounds);
      this.offerGain = new Float64Array(rounds);
      this.offerOwn = new Float64Array(rounds);
      let offersPerRun = 0;
      for (let r = 0; r < rounds; r++) if (compiled.proposers[r % compiled.proposers.length] === a) offersPerRun++;
      this.offersOften = offersPerRun >= FILING_MIN_OFFERS;
      this.firstRoundBySlice = new Int32Array(Math.min(MAX_SLICES, Math.max(MIN_SLICES, instance.packageCount)));
    }
    this.best = instance.best[a];
    if (instance.beliefNoise > 0) {
      if (this.believedGainStore.length !== instance.packageCount) this.believedGainStore = new Float64Array(instance.packageCount);
      this.believedGain = believedOthersLeastGain(table, a, this.believedGainStore);
    } else {
      this.believedGain = null;
    }
    // Filing relies on a falling aspiration; if no package beats war it would rise, so scan.
    this.files = this.offersOften && this.best >= this.reservation;
    const exponent = this.concessionExponent(instance.concession[a]);
    // The curve's shape 1 − t^e changes only with e (often fixed): recompute its powers only then.
    if (exponent !== this.shapeExponent) {
      for (let r = 0; r <= rounds; r++) this.shape[r] = concessionShape(exponent, r, rounds);
      this.shapeExponent = exponent;
    }
    const span = instance.best[a] - this.reservation;
    for (let r = 0; r <= rounds; r++) this.aspirations[r] = this.reservation + span * this.shape[r];
    this.offersFiled = false;
  }

  /** This run's aspiration in `round` (for transcripts). */
  aspirationAt(round: number): number {
    return this.aspirations[Math.min(round, this.rounds)];
  }

  /** The exponent of the aspiration curve (a hardliner overrides this to never concede). */
  protected concessionExponent(sampled: number): number {
    return sampled;
  }

  propose(round: number): PackageId {
    if (!this.files) return this.scanForOffer(round);
    if (!this.offersFiled) this.fileOffers();
    return this.offers[round];
  }

  /** The best offer meeting asp(round), by a scan of all packages (same order of preference as filing). */
  scanForOffer(round: number): PackageId {
    const { utility, packageCount } = this.table.instance;
    const { leastGain, leastGainActor, secondLeastGain } = this.table;
    const believed = this.believedGain;
    const threshold = this.aspirations[round] - UTILITY_EPSILON;
    let chosen = -1;
    let chosenGain = -Infinity;
    let chosenOwn = -Infinity;
    for (let p = 0; p < packageCount; p++) {
      const own = utility[this.row + p];
      if (own < threshold) continue;
      const gain = believed !== null ? believed[p] : leastGainActor[p] === this.actor ? secondLeastGain[p] : leastGain[p];
      if (chosen < 0 || gain > chosenGain || (gain === chosenGain && own > chosenOwn)) {
        chosen = p;
        chosenGain = gain;
        chosenOwn = own;
      }
    }
    return chosen;
  }

  /** The offer of `round` by filing (exposed so a test can check both ways agree). */
  filedOffer(round: number): PackageId {
    if (!this.offersFiled) this.fileOffers();
    return this.offers[round];
  }

  respond(round: number, offer: PackageId): boolean {
    const u = this.table.instance.utility[this.row + offer];
    if (u < this.reservation) return false;
    const holdOut = this.holdOutFactor * (this.aspirations[round + 1] - this.reservation);
    return u - this.reservation >= holdOut - UTILITY_EPSILON;
  }

  /**
   * Files every package under the first round whose aspiration it meets, keeping the best per
   * round (highest gain for the others, then own utility, then lower id — packages come in id
   * order, so a later one must be strictly better), then carries the best forward.
   */
  private fileOffers(): void {
    const { utility, packageCount } = this.table.instance;
    const { leastGain, leastGainActor, secondLeastGain } = this.table;
    const { aspirations, offers, offerGain, offerOwn, rounds, actor } = this;
    const believed = this.believedGain;
    offers.fill(-1);
    const lastAspiration = aspirations[rounds - 1];
    // A package's round is the first r with own ≥ asp(r). Rather than a binary search per package,
    // a table gives, for each slice of (best − own), the earliest round any package in it can
    // qualify; a package then steps forward from there (rarely more than a round or two).
    const best = this.best;
    const span = Math.max(best - this.reservation, UTILITY_EPSILON);
    const firstRound = this.firstRoundBySlice;
    const slices = firstRound.length;
    let r0 = 0;
    for (let b = 0; b < slices; b++) {
      const bestOwnInSlice = best - (b * span) / slices + UTILITY_EPSILON;
      while (r0 < rounds && bestOwnInSlice < aspirations[r0]) r0++;
      firstRound[b] = r0;
    }
    const toSlice = slices / span;
    for (let p = 0; p < packageCount; p++) {
      const own = utility[this.row + p];
      const ownTolerant = own + UTILITY_EPSILON;
      if (ownTolerant < lastAspiration) continue;
      // One slice down from where it falls, so rounding can never start it too late.
      let slice = Math.floor((best - own) * toSlice) - 1;
      slice = slice < 0 ? 0 : slice >= slices ? slices - 1 : slice;
      let lo = firstRound[slice];
      while (ownTolerant < aspirations[lo]) lo++;
      const gain = believed !== null ? believed[p] : leastGainActor[p] === actor ? secondLeastGain[p] : leastGain[p];
      if (offers[lo] < 0 || gain > offerGain[lo] || (gain === offerGain[lo] && own > offerOwn[lo])) {
        offers[lo] = p;
        offerGain[lo] = gain;
        offerOwn[lo] = own;
      }
    }
    for (let r = 1; r < rounds; r++) {
      const q = offers[r - 1];
      if (q < 0) continue;
      const p = offers[r];
      const carry = p < 0 || offerGain[r - 1] > offerGain[r] || (offerGain[r - 1] === offerGain[r] && (offerOwn[r - 1] > offerOwn[r] || (offerOwn[r - 1] === offerOwn[r] && q < p)));
      if (carry) {
        offers[r] = q;
        offerGain[r] = offerGain[r - 1];
        offerOwn[r] = offerOwn[r - 1];
      }
    }
    this.offersFiled = true;
  }
}
