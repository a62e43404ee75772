/**
 * The scenario compiled once for simulation: the outcome space (every feasible package),
 * who must consent to each package, and a flat table of parameter slots that each run samples.
 *
 * Plain data and typed arrays only, so it is sent to each worker thread as it is
 * (structured clone) and every array is indexed without lookups on the hot path.
 */
import type { Distribution } from '../scenario/param.ts';
import type { DecisionRule } from './decision-rule.ts';
import type { MECHANISM_NAMES } from '../scenario/schema.ts';

/** The mechanism a batch is played under (one file each in mechanisms/). */
export type MechanismName = (typeof MECHANISM_NAMES)[number];

/** Index of a package in the outcome space. */
export type PackageId = number;
/** Index of an actor in `CompiledScenario.actors`. */
export type ActorIndex = number;

export type StrategyName = 'time-based' | 'hardliner' | 'equilibrium';
/** The strategies in the order a strategy slot's value indexes them. */
export const STRATEGY_NAMES: readonly StrategyName[] = ['time-based', 'hardliner', 'equilibrium'];

export interface CompiledActor {
  id: string;
  label: string;
  /** The strategy in the seat: the model's, or the first alternative of its choice (slots.strategy). */
  strategy: StrategyName;
}

/** A named order of proposers (actor indices), repeated round after round. */
export interface ProposerOrder {
  name: string;
  order: Uint8Array;
}

/** The calendar length of a round, if the model gives one. */
export interface RoundLength {
  value: number;
  unit: 'day' | 'week' | 'month' | 'year';
  /** The same length in months (a month is 1/12 of a 365.25-day year) and in weeks. */
  months: number;
  weeks: number;
  source?: string;
}

export interface CompiledIssue {
  id: string;
  label: string;
  kind: 'categorical' | 'ordinal' | 'continuous';
  /** Options (for a continuous issue: one per level, labelled with the level). */
  options: { id: string; label: string }[];
  /** For a continuous issue: the value of each level on the issue scale. */
  levels?: number[];
  unit?: string;
}

/** A numeric parameter of the model: where it is in the file and how it is drawn. */
export interface ParameterSlot {
  /** Field path in the model file, e.g. `actors.russia.patience`. */
  path: string;
  /** Short name for charts. */
  label: string;
  distribution: Distribution;
  /** Whether it varies between runs (its support is more than one point). */
  uncertain: boolean;
  /** The values the field allows (what `parley sensitivity --fixed` keeps a swing inside). */
  allowed: { min: number; max: number; integer?: boolean };
  /** Where the number comes from, as the model says (empty when it says nothing). */
  source: string;
  /** A structural choice (strategy, mechanism, proposer order, deadline, concession style): its
   * value indexes or encodes an alternative rather than measuring something. */
  structural?: boolean;
}

export interface CompiledInteraction {
  /** Packages containing the combination, ascending. */
  packages: Uint32Array;
  /** Per actor, the slot of the utility it adds (−1: none). */
  effectSlot: Int32Array;
}

export interface CompiledScenario {
  name: string;
  title: string;
  actors: CompiledActor[];
  issues: CompiledIssue[];
  /** Number of feasible packages, P. */
  packageCount: number;
  /** [p × issueCount + i] → option index of issue i in package p. */
  packageOptions: Uint16Array;
  /** [p × issueCount + i] → optionOffset[i] + that option index: where the option's value sits
   * in a flat per-actor option table, so a package's utility is I loads and adds. */
  packageOptionSlots: Int32Array;
  /** [p] → bit mask of the actors whose consent package p needs (veto players included): bit k
   * stands for actor `consenters[k]`. */
  consentMask: Uint32Array;
  /** The actors whose consent some package can need (veto players and guarantors), at most 32, in
   * actor order: bit k of a consent mask is actor consenters[k]. */
  consenters: Uint8Array;
  /** Who must accept a deal beyond the consent mask: unanimity (no vote), or a winning coalition of voters (decision-rule.ts). */
  decisionRule: DecisionRule;
  /** Number of packages before infeasible combinations were removed (the full product). */
  packagesBeforeFeasibility: number;
  /** [p] the position of package p in the full product, in odometer order (last issue fastest). */
  productIndex: Int32Array;
  /** The orders of proposers the model allows (one, unless `proposers` is a choice; slots.proposerOrder picks per run). */
  proposerOrders: ProposerOrder[];
  /** The mechanisms the model allows (one, unless `protocol` is a choice; slots.mechanism picks per run). */
  mechanisms: MechanismName[];
  /** The mechanism as a summary names it: the mechanism, or "choice(…)" of several. */
  mechanism: string;
  /** [a] the strategies actor a's seat can hold (one, unless its `strategy` is a choice). */
  strategies: StrategyName[][];
  /** Saliences are absolute (each on its own 0–1 scale): the spatial mechanisms use them unscaled. */
  absoluteSaliences: boolean;
  /** Private information: the shape of each actor's error about the others (beliefs.ts). */
  beliefShape: 'normal' | 'uniform';
  /** random-proposer: recognition probability proportional to capability, or equal. */
  recognition: 'capability' | 'equal';
  /** single-text: the mediating actor, or −1 for a neutral mediator. */
  mediator: number;
  /** The most rounds any run can take: the largest deadline, or `maxRounds` when a run can have none. */
  maxRounds: number;
  /** Whether a run can have no deadline (then talks stop at maxRounds, counted as stalled). */
  openEnded: boolean;
  /** The model's safety cap for runs without a deadline (negotiation.maxRounds). */
  capRounds: number;
  /** The deadline as the model gives it, in words for summaries ("30 rounds", "none", "choice(…)"). */
  deadlineText: string;
  /** The calendar length of a round, or null (time is counted in rounds). */
  roundLength: RoundLength | null;
  /** Rates given per week/month/year become per-round rates: q_round = 1 − (1 − q)^L and
   * δ_round = δ^L, L the round's length in the rate's unit (1 for a rate per round). */
  rateExponent: { breakdownRisk: number; patience: Float64Array };
  parameters: ParameterSlot[];
  /** Indices into `parameters` of the uncertain ones, in file order. */
  uncertainParameters: number[];
  slots: {
    breakdownRisk: number;
    /** Private information: the noise of beliefs about others (0: complete information). */
    beliefNoise: number;
    reservation: Int32Array;
    patience: Int32Array;
    concession: Int32Array;
    capability: Int32Array;
    /** [a × issueCount + i] */
    salience: Int32Array;
    /** [a × optionCount + optionOffset[i] + o] for discrete issues; −1 for continuous ones. */
    optionValue: Int32Array;
    /** [a × issueCount + i] for continuous issues; −1 for discrete ones. */
    ideal: Int32Array;
    /** The deadline in rounds (0: none). */
    deadline: number;
    /** Index into `mechanisms`. */
    mechanism: number;
    /** Index into `proposerOrders`. */
    proposerOrder: number;
    /** [a] index into `strategies[a]`. */
    strategy: Int32Array;
  };
  /** [a × issueCount + i]: 0 linear, 1 quadratic (continuous issues). */
  idealShape: Uint8Array;
  /** Offset of issue i's options in the flat per-actor option list; optionCount in total. */
  optionOffset: Int32Array;
  optionCount: number;
  interactions: CompiledInteraction[];
  /**
   * [slot] a value that replaces the slot's draw in every run (NaN: not pinned). Set by
   * `parley sweep` and `parley sensitivity`: every slot is still drawn as usual and then
   * overwritten, so the other parameters get the identical draws (common random numbers) —
   * which `--set PATH=fixed(x)` would not give, since a fixed parameter draws nothing.
   */
  pinned?: Float64Array;
}
