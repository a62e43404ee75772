/**
 * Scenario → CompiledScenario: enumerates the outcome space (the Cartesian product of issue
 * options, less declared infeasible combinations), folds consent rules into one bit mask per
 * package, and lays every numeric parameter out as a slot to be sampled per run.
 */
import { concessionParameter, deadlineParameter, MECHANISM_NAMES, type Scenario, type StructuralChoice } from '../scenario/schema.ts';
import { isUncertain } from '../scenario/distribution-math.ts';
import type { ChoiceDistribution, Distribution, RateUnit } from '../scenario/param.ts';
import {
  STRATEGY_NAMES,
  type CompiledInteraction,
  type CompiledIssue,
  type CompiledScenario,
  type MechanismName,
  type ParameterSlot,
  type ProposerOrder,
  type RoundLength,
  type StrategyName,
} from './compiled-scenario.ts';
import { conditionMasks, hasCombination, ruledOut } from './constraints.ts';
import { compileDecisionRule } from './decision-rule.ts';

import { MAX_PACKAGES } from '../scenario/limits.ts';

export { MAX_PACKAGES };

function formatLevel(x: number): string {
  return Number(x.toPrecision(6)).toString();
}

function compileIssues(scenario: Scenario): CompiledIssue[] {
  return Object.entries(scenario.issues).map(([id, issue]) => {
    if (issue.kind === 'continuous') {
      const [lo, hi] = issue.range;
      const levels = Array.from({ length: issue.levels }, (_, k) => lo + ((hi - lo) * k) / (issue.levels - 1));
      return {
        id,
        label: issue.label,
        kind: issue.kind,
        levels,
        unit: issue.unit,
        options: levels.map((x) => ({ id: formatLevel(x), label: formatLevel(x) })),
      };
    }
    return {
      id,
      label: issue.label,
      kind: issue.kind,
      options: Object.entries(issue.options).map(([optionId, o]) => ({ id: optionId, label: o.label })),
    };
  });
}

/** Size of the Cartesian product of the issues' options (before infeasible combinations). */
export function countPackages(scenario: Scenario): number {
  return Object.values(scenario.issues).reduce((n, issue) => n * (issue.kind === 'continuous' ? issue.levels : Object.keys(issue.options).length), 1);
}

/** Which actors' consent some package can need (the veto players and the consent of options), and each one's bit. */
function compileConsent(scenario: Scenario, actorIds: readonly string[]): { consenters: number[]; maskOf: (ids: readonly string[] | undefined) => number } {
  // Consent masks have a bit per actor whose consent some package can need, in actor order.
  const consenting = new Set<string>(scenario.vetoPlayers);
  for (const issue of Object.values(scenario.issues)) {
    if (issue.kind === 'continuous') for (const id of issue.consent ?? []) consenting.add(id);
    else for (const o of Object.values(issue.options)) for (const id of o.consent ?? []) consenting.add(id);
  }
  const consenters = actorIds.flatMap((id, a) => (consenting.has(id) ? [a] : []));
  if (consenters.length > 32) throw new RangeError(`${consenters.length} actors can be asked to consent; at most 32 are supported`);
  const consentBit = new Map(consenters.map((a, k) => [actorIds[a], k]));
  return { consenters, maskOf: (ids) => (ids ?? []).reduce((m, id) => (m | (1 << consentBit.get(id)!)) >>> 0, 0) };
}

interface PackageTable {
  /** Packages before infeasible combinations are dropped. */
  total: number;
  packageCount: number;
  /** [p × I + i] the option of issue i in feasible package p. */
  packageOptions: Uint16Array;
  /** [p] the consent bits package p needs. */
  consentMask: Uint32Array;
  /** [p] package p's index in the full product. */
  productIndex: Int32Array;
}

/** The feasible packages: the Cartesian product of the issues' options in odometer order (last issue fastest), with the consent each needs. */
function enumeratePackages(scenario: Scenario, issues: readonly CompiledIssue[], maskOf: (ids: readonly string[] | undefined) => number): PackageTable {
  const I = issues.length;
  const total = countPackages(scenario);
  if (total > MAX_PACKAGES) throw new RangeError(`the outcome space has ${total} packages; at most ${MAX_PACKAGES} are supported`);

  // Consent needed by each option (and by any package, for the veto players and per-issue consent).
  const baseMask = maskOf(scenario.vetoPlayers);
  const optionMask = issues.map((issue) => {
    const spec = scenario.issues[issue.id];
    if (spec.kind === 'continuous') return issue.options.map(() => maskOf(spec.consent));
    return Object.values(spec.options).map((o) => maskOf(o.consent));
  });
  const isRuledOut = ruledOut(scenario, issues);

  const packageOptions: number[] = [];
  const consentMask: number[] = [];
  const productIndex: number[] = [];
  const choice = new Array<number>(I).fill(0);
  for (let n = 0; n < total; n++) {
    if (!isRuledOut(choice)) {
      let mask = baseMask;
      for (let i = 0; i < I; i++) {
        packageOptions.push(choice[i]);
        mask = (mask | optionMask[i][choice[i]]) >>> 0;
      }
      consentMask.push(mask);
      productIndex.push(n);
    }
    for (let i = I - 1; i >= 0; i--) {
      if (++choice[i] < issues[i].options.length) break;
      choice[i] = 0;
    }
  }
  return {
    total,
    packageCount: consentMask.length,
    packageOptions: Uint16Array.from(packageOptions),
    consentMask: Uint32Array.from(consentMask),
    productIndex: Int32Array.from(productIndex),
  };
}

type AddSlot = (path: string, distribution: Distribution, label: string, allowed: ParameterSlot['allowed'], structural?: boolean) => number;

/** The parameter list and the function that appends a slot to it (slots are sampled in the order they are added). */
function parameterList(): { parameters: ParameterSlot[]; slot: AddSlot } {
  const parameters: ParameterSlot[] = [];
  const slot: AddSlot = (path, distribution, label, allowed, structural = false) => {
    if (distribution.dist === 'choice' && distribution.values === undefined) distribution = withNumericValues(distribution);
    parameters.push({
      path,
      label: distribution.label ?? label,
      distribution,
      uncertain: isUncertain(distribution),
      allowed,
      source: distribution.source ?? '',
      ...(structural ? { structural } : {}),
    });
    return parameters.length - 1;
  };
  return { parameters, slot };
}

/** [i] where issue i's options start in the flat option list, and the list's length. */
function optionLayout(issues: readonly CompiledIssue[]): { optionOffset: Int32Array; optionCount: number } {
  const optionOffset = new Int32Array(issues.length);
  let optionCount = 0;
  issues.forEach((issue, i) => {
    optionOffset[i] = optionCount;
    optionCount += issue.options.length;
  });
  return { optionOffset, optionCount };
}

/** Every actor's parameter slots (capability, reservation, patience, concession, strategy, weights, option values or ideal points), in actor order. */
function compileActors(
  scenario: Scenario,
  issues: readonly CompiledIssue[],
  structure: ReturnType<typeof compileStructure>,
  layout: { optionOffset: Int32Array; optionCount: number },
  roundLength: CompiledScenario['roundLength'],
  slot: AddSlot,
) {
  const actorIds = Object.keys(scenario.actors);
  const A = actorIds.length;
  const I = issues.length;
  const { optionOffset, optionCount } = layout;
  const out = {
    reservation: new Int32Array(A),
    patience: new Int32Array(A),
    concession: new Int32Array(A),
    capability: new Int32Array(A),
    strategy: new Int32Array(A),
    patienceExponent: new Float64Array(A),
    salience: new Int32Array(A * I).fill(-1),
    optionValue: new Int32Array(A * optionCount).fill(-1),
    ideal: new Int32Array(A * I).fill(-1),
    idealShape: new Uint8Array(A * I),
  };
  const unit = { min: 0, max: 1 };
  actorIds.forEach((actorId, a) => {
    const actor = scenario.actors[actorId];
    const at = `actors.${actorId}`;
    out.capability[a] = slot(`${at}.capability`, actor.capability, `${actor.label}: capability`, { min: 0, max: 1e9 });
    out.reservation[a] = slot(`${at}.reservation`, actor.reservation, `${actor.label}: value of no deal`, { min: -1, max: 1 });
    out.patience[a] = slot(`${at}.patience`, actor.patience, `${actor.label}: patience`, { min: 1e-9, max: 1 });
    out.patienceExponent[a] = rateExponent(actor.patience.per, roundLength);
    const concessionDistribution = concessionParameter(actor);
    out.concession[a] = slot(
      `${at}.concession`,
      concessionDistribution,
      `${actor.label}: concession exponent`,
      { min: 0.01, max: 100 },
      concessionDistribution.dist === 'choice',
    );
    out.strategy[a] = slot(
      `${at}.strategy`,
      structure.strategy[a],
      `${actor.label}: strategy`,
      { min: 0, max: structure.strategies[a].length - 1, integer: true },
      true,
    );
    issues.forEach((issue, i) => {
      out.salience[a * I + i] = slot(`${at}.salience.${issue.id}`, actor.salience[issue.id], `${actor.label}: weight of ${issue.label}`, unit);
      const pref = actor.preferences[issue.id];
      if (issue.kind === 'continuous') {
        if (!('ideal' in pref)) throw new Error(`${at}.preferences.${issue.id}: expected an ideal point`);
        const [lo, hi] = issue.levels ? [issue.levels[0], issue.levels[issue.levels.length - 1]] : [0, 1];
        out.ideal[a * I + i] = slot(`${at}.preferences.${issue.id}.ideal`, pref.ideal, `${actor.label}: ideal ${issue.label}`, { min: lo, max: hi });
        out.idealShape[a * I + i] = pref.shape === 'quadratic' ? 1 : 0;
      } else {
        if ('ideal' in pref) throw new Error(`${at}.preferences.${issue.id}: expected option values`);
        const values = pref as Record<string, Distribution>;
        issue.options.forEach((o, k) => {
          out.optionValue[a * optionCount + optionOffset[i] + k] = slot(
            `${at}.preferences.${issue.id}.${o.id}`,
            values[o.id],
            `${actor.label}: value of ${o.label}`,
            unit,
          );
        });
      }
    });
  });
  return out;
}

/** Each interaction: the packages holding its combination of options, and a slot per actor it affects. */
function compileInteractions(
  scenario: Scenario,
  issues: readonly CompiledIssue[],
  packages: PackageTable,
  actorIndex: ReadonlyMap<string, number>,
  slot: AddSlot,
): CompiledInteraction[] {
  const I = issues.length;
  const A = actorIndex.size;
  return scenario.interactions.map((interaction, k) => {
    const masks = conditionMasks(interaction.when, issues);
    const holding: number[] = [];
    for (let p = 0; p < packages.packageCount; p++) {
      if (hasCombination(masks, packages.packageOptions.subarray(p * I, p * I + I))) holding.push(p);
    }
    const effectSlot = new Int32Array(A).fill(-1);
    for (const [actorId, d] of Object.entries(interaction.effect)) {
      const a = actorIndex.get(actorId)!;
      effectSlot[a] = slot(
        `interactions[${k}].effect.${actorId}`,
        d,
        `${scenario.actors[actorId].label}: ${interaction.description ?? `interaction ${k + 1}`}`,
        { min: -1, max: 1 },
      );
    }
    return { packages: Uint32Array.from(holding), effectSlot };
  });
}

/**
 * A validated scenario as flat typed arrays, in four stages: who must consent, the feasible
 * packages, the parameter slots (in the fixed order every run samples them: the negotiation's,
 * then each actor's, then the interactions'), and the interactions' packages.
 */
export function compileScenario(scenario: Scenario): CompiledScenario {
  const issues = compileIssues(scenario);
  const actorIds = Object.keys(scenario.actors);
  const actorIndex = new Map(actorIds.map((id, a) => [id, a]));
  const I = issues.length;

  const { consenters, maskOf } = compileConsent(scenario, actorIds);
  const packages = enumeratePackages(scenario, issues, maskOf);
  const { packageCount, packageOptions } = packages;

  const { parameters, slot } = parameterList();
  const unit = { min: 0, max: 1 };
  const negotiation = scenario.negotiation;
  const breakdownRisk = slot('negotiation.breakdownRisk', negotiation.breakdownRisk, `Collapse risk per ${negotiation.breakdownRisk.per ?? 'round'}`, unit);
  // A fixed parameter draws nothing, so this slot leaves other parameters' draws unchanged.
  const beliefNoise = slot('negotiation.beliefNoise', negotiation.beliefNoise ?? { dist: 'fixed', value: 0 }, 'Noise of beliefs about others', unit);
  const structure = compileStructure(scenario, actorIds, actorIndex);
  const deadline = slot('negotiation.rounds', structure.deadline, 'Deadline (rounds)', { min: 1, max: 10_000, integer: true }, true);
  const mechanismSlot = slot('negotiation.protocol', structure.mechanism, 'Mechanism', { min: 0, max: structure.mechanisms.length - 1, integer: true }, true);
  const proposerOrder = slot(
    'negotiation.proposers',
    structure.proposerOrder,
    'Proposer order',
    { min: 0, max: structure.proposerOrders.length - 1, integer: true },
    true,
  );
  const layout = optionLayout(issues);
  const { optionOffset, optionCount } = layout;
  const roundLength = compileRoundLength(scenario);
  const actors = compileActors(scenario, issues, structure, layout, roundLength, slot);
  const interactions = compileInteractions(scenario, issues, packages, actorIndex, slot);

  const packageOptionSlots = new Int32Array(packageCount * I);
  for (let p = 0; p < packageCount; p++) {
    for (let i = 0; i < I; i++) packageOptionSlots[p * I + i] = optionOffset[i] + packageOptions[p * I + i];
  }

  const { reservation, patience, concession, capability, salience, optionValue, ideal, strategy } = actors;
  return {
    name: scenario.name,
    title: scenario.title,
    actors: actorIds.map((id, a) => ({ id, label: scenario.actors[id].label, strategy: structure.strategies[a][0] })),
    issues,
    packageCount,
    packageOptions,
    packageOptionSlots,
    consentMask: packages.consentMask,
    consenters: Uint8Array.from(consenters),
    decisionRule: compileDecisionRule(scenario, actorIndex),
    packagesBeforeFeasibility: packages.total,
    productIndex: packages.productIndex,
    proposerOrders: structure.proposerOrders,
    mechanisms: structure.mechanisms,
    mechanism: structure.mechanisms.length === 1 ? structure.mechanisms[0] : describeChoice(structure.mechanism as ChoiceDistribution),
    strategies: structure.strategies,
    absoluteSaliences: scenario.saliences === 'absolute',
    beliefShape: negotiation.beliefShape,
    recognition: negotiation.recognition,
    mediator: negotiation.mediator === 'neutral' ? -1 : actorIndex.get(negotiation.mediator)!,
    maxRounds: structure.maxRounds,
    openEnded: structure.openEnded,
    capRounds: negotiation.maxRounds,
    deadlineText: structure.deadlineText,
    roundLength,
    rateExponent: { breakdownRisk: rateExponent(negotiation.breakdownRisk.per, roundLength), patience: actors.patienceExponent },
    parameters,
    uncertainParameters: parameters.flatMap((p, k) => (p.uncertain ? [k] : [])),
    slots: {
      breakdownRisk,
      beliefNoise,
      reservation,
      patience,
      concession,
      capability,
      salience,
      optionValue,
      ideal,
      deadline,
      mechanism: mechanismSlot,
      proposerOrder,
      strategy,
    },
    idealShape: actors.idealShape,
    optionOffset,
    optionCount,
    interactions,
  };
}

/** A package as issue id → option id, and in words (option labels joined by " · "). */
export function describePackage(compiled: CompiledScenario, p: number): { terms: Record<string, string>; label: string } {
  const I = compiled.issues.length;
  const terms: Record<string, string> = {};
  const words: string[] = [];
  compiled.issues.forEach((issue, i) => {
    const option = issue.options[compiled.packageOptions[p * I + i]];
    terms[issue.id] = option.id;
    words.push(issue.kind === 'continuous' ? `${issue.label} ${option.label}` : option.label);
  });
  return { terms, label: words.join(' · ') };
}

/** A choice whose alternatives are numbers: each name's value is the number it spells. */
function withNumericValues(d: ChoiceDistribution): ChoiceDistribution {
  return withValues(d, Number);
}

/** A choice with each alternative's value (`value(name)`) attached for sampling. */
function withValues(d: StructuralChoice | ChoiceDistribution, value: (name: string) => number): ChoiceDistribution {
  const values: Record<string, number> = {};
  for (const name of Object.keys(d.choice)) values[name] = value(name);
  return { ...d, values };
}

/** "choice(a 50%, b 50%)" */
function describeChoice(d: ChoiceDistribution): string {
  return `choice(${Object.entries(d.choice)
    .filter(([, p]) => p > 0)
    .map(([name, p]) => `${name} ${Number((100 * p).toPrecision(6))}%`)
    .join(', ')})`;
}

/** A distribution that is one index: the only alternative of a field without a choice. */
function only(index = 0): Distribution {
  return { dist: 'fixed', value: index };
}

/**
 * The structural fields — deadline, mechanism, proposer order, each seat's strategy — as slots:
 * each is a number per run (rounds; an index into the alternatives), fixed or a choice.
 */
function compileStructure(scenario: Scenario, actorIds: string[], actorIndex: Map<string, number>) {
  const negotiation = scenario.negotiation;
  // Deadline: rounds (0 = none).
  const rounds = negotiation.rounds;
  const deadline = deadlineParameter(scenario);
  const deadlineText =
    rounds === undefined || rounds === 'none'
      ? 'none'
      : typeof rounds === 'number'
        ? `${rounds} rounds`
        : 'value' in rounds
          ? `${rounds.value} rounds`
          : describeChoice(rounds);
  const deadlines = deadline.dist === 'choice' ? Object.values(deadline.values ?? {}) : [deadline.dist === 'fixed' ? deadline.value : 0];
  const openEnded = deadlines.some((d) => d === 0);
  const maxRounds = Math.max(openEnded ? negotiation.maxRounds : 0, ...deadlines);

  // Mechanism.
  const protocol = negotiation.protocol;
  const mechanisms: MechanismName[] = typeof protocol === 'string' ? [protocol] : (Object.keys(protocol.choice) as MechanismName[]);
  for (const m of mechanisms) if (!(MECHANISM_NAMES as readonly string[]).includes(m)) throw new Error(`unknown mechanism ${m}`);
  const mechanism: ChoiceDistribution =
    typeof protocol === 'string'
      ? { dist: 'choice', choice: { [protocol]: 1 }, values: { [protocol]: 0 } }
      : withValues(protocol, (name) => mechanisms.indexOf(name as MechanismName));

  // Proposer order.
  const proposers = negotiation.proposers;
  const toOrder = (ids: readonly string[]) => Uint8Array.from(ids.map((id) => actorIndex.get(id)!));
  let proposerOrders: ProposerOrder[];
  let proposerOrder: Distribution;
  if (proposers === undefined || Array.isArray(proposers)) {
    proposerOrders = [{ name: 'order', order: toOrder(proposers ?? actorIds) }];
    proposerOrder = only();
  } else {
    const names = Object.keys(proposers.choice);
    proposerOrders = names.map((name) => ({ name, order: toOrder(proposers.orders[name]) }));
    proposerOrder = withValues({ dist: 'choice', choice: proposers.choice, source: proposers.source, label: proposers.label }, (name) => names.indexOf(name));
  }

  // Strategies.
  const strategies: StrategyName[][] = [];
  const strategy: Distribution[] = [];
  for (const id of actorIds) {
    const s = scenario.actors[id].strategy;
    if (typeof s === 'string') {
      strategies.push([s]);
      strategy.push(only());
    } else {
      const names = Object.keys(s.choice) as StrategyName[];
      for (const n of names) if (!STRATEGY_NAMES.includes(n)) throw new Error(`unknown strategy ${n}`);
      strategies.push(names);
      strategy.push(withValues(s, (name) => names.indexOf(name as StrategyName)));
    }
  }
  return {
    deadline,
    deadlineText,
    openEnded,
    maxRounds,
    mechanisms,
    mechanism: mechanism as Distribution,
    proposerOrders,
    proposerOrder,
    strategies,
    strategy,
  };
}

/** Months per unit of time (a month is 1/12 of a year of 365.25 days). */
const MONTHS_PER: Record<RoundLength['unit'], number> = { day: 12 / 365.25, week: (7 * 12) / 365.25, month: 1, year: 12 };

function compileRoundLength(scenario: Scenario): RoundLength | null {
  const length = scenario.negotiation.roundLength;
  if (length === undefined) return null;
  const months = length.value * MONTHS_PER[length.unit];
  return { value: length.value, unit: length.unit, months, weeks: months / MONTHS_PER.week, ...(length.source ? { source: length.source } : {}) };
}

/** L, the length of one round in the rate's unit (1 for a rate per round): a per-unit rate becomes a per-round one by the power L. */
function rateExponent(per: RateUnit | undefined, roundLength: RoundLength | null): number {
  if (per === undefined || per === 'round') return 1;
  if (roundLength === null) throw new Error(`a rate per ${per} needs negotiation.roundLength`);
  return roundLength.months / MONTHS_PER[per];
}
