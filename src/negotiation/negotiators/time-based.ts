/**
 * The time-based concession negotiator.
 *
 * Proposes: among the packages that still meet its aspiration asp(round) (see aspiration.ts: it
 * falls to the reservation utility over a horizon set by the actor's patience and the risk of
 * collapse, or by a known deadline if that comes sooner),
 * the one best for the others — the highest least normalized gain among the other actors whose
 * consent it needs (ties: its own utility, then the lower package id). With private information
 * (negotiation.beliefNoise > 0) it judges the others' gains by its beliefs about their reservation
 * utilities (believed-gains.ts), so it can aim at a package they do not accept. Under a vote the
 * others who count are the needed actors and the worst-off member of its best winning coalition.
 *
 * Accepts an offer u when u ≥ r and u − r ≥ δ · (1 − q) · (asp(round + 1) − r): taking the offer
 * now is worth at least what holding out for its next aspiration is worth one round later, δ
 * being its patience and q the risk that talks collapse in between (the responder's rule of
 * Rubinstein 1982 and Binmore, Rubinstein & Wolinsky 1986, applied to an aspiration instead of an
 * equilibrium value). Impatient actors therefore accept less, and no one accepts below r.
 *
 * Once the horizon has passed its aspiration is its reservation utility and it behaves the same
 * in every later round (`stationaryFrom`), which lets an open-ended negotiation skip rounds that
 * can only repeat.
 *
 * Speed: an offer is found one of two ways, with the same result. Scanning all P packages costs
 * P cheap comparisons per offer — best when an actor offers a few times per run (7 actors, 30
 * rounds). When it offers often (2 actors, 100 rounds), it instead files each package once per run
 * under the first round whose aspiration it meets (aspirations only fall, so a lookup table by
 * utility and a step or two forward) and carries the best forward: O(P + T) per run, then one
 * lookup per offer. Aspirations are computed for the rounds a run asks about (a seat that
 * proposes every seventh round and responds in some needs a third of the rounds' powers); with an
 * exponent and horizon fixed across runs, the curve's shape is kept from run to run.
 */
import type { ActorIndex, PackageId } from '../compiled-scenario.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import { UTILITY_EPSILON, type Negotiator } from '../negotiator.ts';
import { concessionHorizon, concessionShape } from './aspiration.ts';
import { believedOthersLeastGain, type VoteScratch } from '../believed-gains.ts';

/** Run numbers restart from 1 after this many runs of one seat (aspirationRun). */
const MAX_RUN_NUMBER = 2 ** 31 - 1;
/** Offers per run above which filing all packages once beats scanning them at every offer. */
const FILING_MIN_OFFERS = 12;
/** Slices of [reservation, best] in the round-lookup table used when filing: about one per package, within bounds. */
const MIN_SLICES = 16;
const MAX_SLICES = 1024;
/** Packages from which filing in two steps pays (fewer: one pass files them all, the second step's bookkeeping would cost more). */
const TWO_STEP_MIN_PACKAGES = 256;

export class TimeBasedNegotiator implements Negotiator {
  readonly actor: ActorIndex;
  private table!: NegotiationTable;
  private reservation = 0;
  /** δ(1 − q): the share of a later gain that is worth as much as a gain now. */
  private holdOutFactor = 1;
  /** This run's limit on rounds (a deadline, or an open-ended run's cap). */
  private rounds = 0;
  private row = 0;
  /** This run's concession horizon H (rounds; Infinity: never concedes) and exponent e. */
  private horizon = Infinity;
  private exponent = 1;
  /** [round], 0 … rounds: this run's aspiration, valid where `aspirationRun[round]` is this run's number `run`:
   * computed for the rounds a run asks about (its seat proposes in a few and responds in some), not every round up to them. */
  private aspirations = new Float64Array(0);
  private aspirationRun = new Int32Array(0);
  private run = 0;
  /** [round] concessionShape(e, round, H), valid below `shapesKnown` for the e and H they were computed with:
   * kept from run to run while those stay the same (a fixed exponent and horizon), so Math.pow runs once per round per context. */
  private shapes = new Float64Array(0);
  private shapesKnown = 0;
  private shapesExponent = Number.NaN;
  private shapesHorizon = Number.NaN;
  /** Whether this run's e and H are the last run's, so `shapes` are worth filling and keeping; if not (drawn per run), each shape is computed when asked. */
  private keepShapes = false;
  /** Rounds whose offers differ: from `distinctRounds − 1` on, asp = r (or the run's last round). */
  private distinctRounds = 0;
  /** [round]: the offer of each round this seat proposes in once filed (and of the last distinct round). */
  private offers = new Int32Array(0);
  /** Filing's slots, one per round it proposes in: the round, its aspiration, the offer filed, its gain for the others and own utility. */
  private slotRound = new Int32Array(0);
  private slotAspiration = new Float64Array(0);
  private slotOffer = new Int32Array(0);
  private offerGain = new Float64Array(0);
  private offerOwn = new Float64Array(0);
  private offersFiled = false;
  /** This run's filing: how many slots, and the last round whose offer is filed (the rest is filed when a later round is asked). */
  private slots = 0;
  private filedThrough = -1;
  /** The deepest round (below distinctRounds) this seat was asked to offer in by filing, in this run or an earlier one. */
  private deepestRound = 0;
  /** Whether filing covers only the rounds in this seat's turns (alternating offers) rather than every round. */
  private turnsOnly = false;
  /** Whether this seat offers often enough per run to file packages (see the top comment). */
  private offersOften = false;
  /** Whether it files this run: it offers often and its aspiration falls (best ≥ reservation). */
  files = false;
  private best = 0;
  private firstRoundBySlice = new Int32Array(0);
  /** [p] the others' least gain as this seat believes it, in runs with private information; else null (the table's). */
  private believedGain: Float64Array | null = null;
  private believedGainStore = new Float64Array(0);
  private vote: VoteScratch | undefined;

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
    const rounds = instance.rounds;
    this.rounds = rounds;
    if (this.aspirations.length < compiled.maxRounds + 1) {
      const size = compiled.maxRounds + 1;
      this.aspirations = new Float64Array(size);
      this.aspirationRun = new Int32Array(size);
      this.run = 0;
      this.shapes = new Float64Array(size);
      this.shapesKnown = 0;
      this.offers = new Int32Array(size);
      this.slotRound = new Int32Array(size);
      this.slotAspiration = new Float64Array(size);
      this.slotOffer = new Int32Array(size);
      this.offerGain = new Float64Array(size);
      this.offerOwn = new Float64Array(size);
      this.firstRoundBySlice = new Int32Array(Math.min(MAX_SLICES, Math.max(MIN_SLICES, instance.packageCount)));
    }
    this.horizon = this.concessionHorizon(instance.patience[a], instance.breakdownRisk, instance.hasDeadline ? rounds : Infinity);
    this.exponent = this.concessionExponent(instance.concession[a]);
    this.keepShapes = this.exponent === this.shapesExponent && this.horizon === this.shapesHorizon;
    if (!this.keepShapes) {
      this.shapesExponent = this.exponent;
      this.shapesHorizon = this.horizon;
      this.shapesKnown = 0;
    }
    // A new run number makes every aspiration unknown (numbers restart before they overflow).
    if (this.run === MAX_RUN_NUMBER) {
      this.aspirationRun.fill(0);
      this.run = 0;
    }
    this.run++;
    // From round ⌈H⌉ on the aspiration is r: later rounds repeat that one (the last round too, as asp(rounds) = r).
    // Without a horizon (no deadline and no reason to concede) every round asks the same as the first.
    this.distinctRounds = Number.isFinite(this.horizon) ? Math.min(rounds, Math.ceil(this.horizon) + 1) : 1;
    this.offersOften = offersIn(instance.proposers, a, this.distinctRounds) >= FILING_MIN_OFFERS;
    this.best = instance.best[a];
    // Beliefs (private information) or a vote: the table's consenters-only least gain does not serve.
    if (instance.beliefNoise > 0 || compiled.decisionRule.voters.length > 0) {
      if (this.believedGainStore.length !== instance.packageCount) this.believedGainStore = new Float64Array(instance.packageCount);
      this.vote ??= { gain: new Float64Array(instance.actorCount), order: new Int32Array(compiled.decisionRule.voters.length) };
      this.believedGain = believedOthersLeastGain(table, a, this.believedGainStore, this.vote);
    } else {
      this.believedGain = null;
    }
    // Filing relies on a falling aspiration; if no package beats war it would rise, so scan.
    this.files = this.offersOften && this.best >= this.reservation;
    this.offersFiled = false;
    this.filedThrough = -1;
    // Under alternating offers it proposes only in its turns, so filing can skip the others' rounds.
    this.turnsOnly = compiled.mechanisms[instance.mechanism] === 'alternating-offers';
  }

  /** This run's aspiration in `round` (also for transcripts): r + (best − r)(1 − min(1, k/H)^e), r from the last round on. */
  aspirationAt(round: number): number {
    const k = Math.min(round, this.rounds);
    if (this.aspirationRun[k] !== this.run) this.knowAspiration(k);
    return this.aspirations[k];
  }

  /** Every aspiration from round 0 to k (filing needs them all). */
  private knowAspirationsTo(k: number): void {
    for (let r = 0; r <= k; r++) if (this.aspirationRun[r] !== this.run) this.knowAspiration(r);
  }

  private knowAspiration(k: number): void {
    const span = this.best - this.reservation;
    this.aspirations[k] = k >= this.rounds ? this.reservation : this.reservation + span * this.shapeAt(k);
    this.aspirationRun[k] = this.run;
  }

  /** concessionShape(e, k, H): from the kept table (filled up to k) while e and H stay the same, else computed. */
  private shapeAt(k: number): number {
    if (!this.keepShapes) return concessionShape(this.exponent, k, this.horizon);
    const { shapes } = this;
    for (let r = this.shapesKnown; r <= k; r++) shapes[r] = concessionShape(this.exponent, r, this.horizon);
    if (k >= this.shapesKnown) this.shapesKnown = k + 1;
    return shapes[k];
  }

  /** The round from which this seat proposes and responds the same in every round of the run. */
  stationaryFrom(): number {
    return Number.isFinite(this.horizon) ? Math.ceil(this.horizon) : Infinity;
  }

  /** The exponent of the aspiration curve (a hardliner overrides this to never concede). */
  protected concessionExponent(sampled: number): number {
    return sampled;
  }

  /** The concession horizon (aspiration.ts); a hardliner overrides this to hold out to the deadline. */
  protected concessionHorizon(patience: number, breakdownRisk: number, deadline: number): number {
    return concessionHorizon(patience, breakdownRisk, deadline);
  }

  propose(round: number): PackageId {
    if (!this.files) return this.scanForOffer(round);
    return this.filedOffer(round);
  }

  /** The best offer meeting asp(round), by a scan of all packages (same order of preference as filing). */
  scanForOffer(round: number): PackageId {
    const { utility, packageCount } = this.table.instance;
    const { leastGain, leastGainActor, secondLeastGain } = this.table;
    const believed = this.believedGain;
    const threshold = this.aspirationAt(round) - UTILITY_EPSILON;
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

  /** The offer of `round` by filing, for a round this seat proposes in or the last distinct one (exposed so a test can check both ways agree). */
  filedOffer(round: number): PackageId {
    const k = Math.min(round, this.distinctRounds - 1);
    if (k > this.deepestRound) this.deepestRound = k;
    if (k > this.filedThrough) this.fileThrough(k);
    // A round outside its turns (a caller replaying rounds) was not filed: scan it.
    if (!this.isFiled(k)) return this.scanForOffer(round);
    return this.offers[k];
  }

  /** Files offers through round k: this run's first step, or the second (kept apart so that filedOffer stays small enough to inline). */
  private fileThrough(k: number): void {
    if (!this.offersFiled) this.fileOffers();
    if (k > this.filedThrough) this.fileSlots(this.slotAfter(this.filedThrough), this.slots - 1);
  }

  /** The index of the slot after the one of round `round`. */
  private slotAfter(round: number): number {
    let j = 0;
    while (this.slotRound[j] <= round) j++;
    return j;
  }

  /** Whether filing covered round k (< distinctRounds). */
  private isFiled(k: number): boolean {
    if (!this.turnsOnly || k === this.distinctRounds - 1) return true;
    const { proposers } = this.table.instance;
    return proposers[k % proposers.length] === this.actor;
  }

  respond(round: number, offer: PackageId): boolean {
    const u = this.table.instance.utility[this.row + offer];
    if (u < this.reservation) return false;
    const holdOut = this.holdOutFactor * (this.aspirationAt(round + 1) - this.reservation);
    return u - this.reservation >= holdOut - UTILITY_EPSILON;
  }

  /**
   * Files every package under the first of this seat's proposing rounds whose aspiration it meets,
   * keeping the best per round (highest gain for the others, then own utility, then lower id —
   * packages come in id order, so a later one must be strictly better), then carries the best
   * forward. Under alternating offers only the rounds of its turns are filed (and the last distinct
   * round, which every later one repeats): a quarter of the rounds with four parties, so fewer
   * steps per package and fewer new bests to keep.
   *
   * In two steps: first the slots up to the deepest round this seat was asked about in earlier runs
   * (every package that meets their aspirations, the rest skipped by one comparison), then — only if
   * the run goes deeper — the packages left, into the later slots. Runs that end alike (NegMAS's
   * 4-party case agrees between rounds 307 and 357 of 400) never file the half of the packages that
   * only the last rounds' low aspirations admit. The offers are the same either way.
   */
  private fileOffers(): void {
    const { proposers } = this.table.instance;
    const { actor, slotRound, slotAspiration } = this;
    // Rounds from distinctRounds − 1 on all ask r (or hold the last round's aspiration): file the distinct ones.
    const rounds = this.distinctRounds;
    this.knowAspirationsTo(rounds);
    const aspirations = this.aspirations;
    const n = proposers.length;
    let slots = 0;
    for (let r = 0; r < rounds - 1; r++) {
      if (this.turnsOnly && proposers[r % n] !== actor) continue;
      slotRound[slots] = r;
      slotAspiration[slots++] = aspirations[r];
    }
    slotRound[slots] = rounds - 1;
    slotAspiration[slots++] = aspirations[rounds - 1];
    this.slots = slots;
    this.slotOffer.fill(-1, 0, slots);
    // A package's slot is the first j with own ≥ asp(slot j). Rather than a binary search per package,
    // a table gives, for each slice of (best − own), the earliest slot any package in it can
    // qualify; a package then steps forward from there (rarely more than a slot or two).
    const best = this.best;
    const span = Math.max(best - this.reservation, UTILITY_EPSILON);
    const firstSlot = this.firstRoundBySlice;
    const slices = firstSlot.length;
    let j0 = 0;
    for (let b = 0; b < slices; b++) {
      const bestOwnInSlice = best - (b * span) / slices + UTILITY_EPSILON;
      while (j0 < slots && bestOwnInSlice < slotAspiration[j0]) j0++;
      firstSlot[b] = j0;
    }
    // The first step's last slot: the first reaching the deepest round asked about before (all, with few packages).
    let last = slots - 1;
    if (this.table.instance.packageCount >= TWO_STEP_MIN_PACKAGES) {
      last = 0;
      while (last < slots - 1 && slotRound[last] < this.deepestRound) last++;
    }
    this.fileSlots(0, last);
    this.offersFiled = true;
  }

  /** Files the packages whose slot is in [from, to] (the earlier slots' already filed) and carries the best forward from slot from − 1. */
  private fileSlots(from: number, to: number): void {
    const { utility, packageCount } = this.table.instance;
    const { leastGain, leastGainActor, secondLeastGain } = this.table;
    const { offers, offerGain, offerOwn, actor, slotRound, slotAspiration, slotOffer } = this;
    const believed = this.believedGain;
    const best = this.best;
    const span = Math.max(best - this.reservation, UTILITY_EPSILON);
    const firstSlot = this.firstRoundBySlice;
    const slices = firstSlot.length;
    const toSlice = slices / span;
    // A package files in [from, to] when its own utility meets asp(to) but not asp(from − 1).
    const lowest = slotAspiration[to];
    const above = from > 0 ? slotAspiration[from - 1] : Infinity;
    for (let p = 0; p < packageCount; p++) {
      const own = utility[this.row + p];
      const ownTolerant = own + UTILITY_EPSILON;
      if (ownTolerant < lowest || ownTolerant >= above) continue;
      // One slice down from where it falls, so rounding can never start it too late.
      let slice = Math.floor((best - own) * toSlice) - 1;
      slice = slice < 0 ? 0 : slice >= slices ? slices - 1 : slice;
      let lo = firstSlot[slice];
      while (ownTolerant < slotAspiration[lo]) lo++;
      const gain = believed !== null ? believed[p] : leastGainActor[p] === actor ? secondLeastGain[p] : leastGain[p];
      if (slotOffer[lo] < 0 || gain > offerGain[lo] || (gain === offerGain[lo] && own > offerOwn[lo])) {
        slotOffer[lo] = p;
        offerGain[lo] = gain;
        offerOwn[lo] = own;
      }
    }
    if (from === 0) offers[slotRound[0]] = slotOffer[0];
    for (let j = Math.max(1, from); j <= to; j++) {
      const q = slotOffer[j - 1];
      const p = slotOffer[j];
      const carry =
        q >= 0 &&
        (p < 0 ||
          offerGain[j - 1] > offerGain[j] ||
          (offerGain[j - 1] === offerGain[j] && (offerOwn[j - 1] > offerOwn[j] || (offerOwn[j - 1] === offerOwn[j] && q < p))));
      if (carry) {
        slotOffer[j] = q;
        offerGain[j] = offerGain[j - 1];
        offerOwn[j] = offerOwn[j - 1];
      }
      offers[slotRound[j]] = slotOffer[j];
    }
    this.filedThrough = slotRound[to];
  }
}

/** How many of the first `rounds` rounds `actor` proposes in, under this proposer order. */
function offersIn(proposers: Uint8Array, actor: ActorIndex, rounds: number): number {
  const n = proposers.length;
  let perCycle = 0;
  for (let s = 0; s < n; s++) if (proposers[s] === actor) perCycle++;
  let count = Math.floor(rounds / n) * perCycle;
  for (let s = 0; s < rounds % n; s++) if (proposers[s] === actor) count++;
  return count;
}
