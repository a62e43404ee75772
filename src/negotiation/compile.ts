/**
 * Scenario → CompiledScenario: enumerates the outcome space (the Cartesian product of issue
 * options, less declared infeasible combinations), folds consent rules into one bit mask per
 * package, and lays every numeric parameter out as a slot to be sampled per run.
 */
import { concessionPresets, type Condition, type Scenario } from '../scenario/schema.ts';
import { isUncertain } from '../scenario/distribution-math.ts';
import type { Distribution } from '../scenario/param.ts';
import type { CompiledInteraction, CompiledIssue, CompiledScenario, ParameterSlot } from './compiled-scenario.ts';

/** Larger outcome spaces are refused: utilities are held as actors × packages doubles. */
export const MAX_PACKAGES = 1_000_000;

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

/** For each issue, a mask over its options: which options a condition admits (all when unnamed). */
function conditionMasks(when: Condition, issues: CompiledIssue[]): boolean[][] {
  return issues.map((issue) => {
    const named = Object.hasOwn(when, issue.id) ? when[issue.id] : undefined;
    if (named === undefined) return issue.options.map(() => true);
    const list = typeof named === 'string' ? [named] : named;
    return issue.options.map((o) => list.includes(o.id));
  });
}

function matches(masks: boolean[][], choice: Uint16Array | number[]): boolean {
  for (let i = 0; i < masks.length; i++) if (!masks[i][choice[i]]) return false;
  return true;
}

/** Size of the Cartesian product of the issues' options (before infeasible combinations). */
export function countPackages(scenario: Scenario): number {
  return Object.values(scenario.issues).reduce((n, issue) => n * (issue.kind === 'continuous' ? issue.levels : Object.keys(issue.options).length), 1);
}

export function compileScenario(scenario: Scenario): CompiledScenario {
  const issues = compileIssues(scenario);
  const actorIds = Object.keys(scenario.actors);
  const actorIndex = new Map(actorIds.map((id, a) => [id, a]));
  // Consent masks have a bit per actor whose consent some package can need, in actor order.
  const consenting = new Set<string>(scenario.vetoPlayers);
  for (const issue of Object.values(scenario.issues)) {
    if (issue.kind === 'continuous') for (const id of issue.consent ?? []) consenting.add(id);
    else for (const o of Object.values(issue.options)) for (const id of o.consent ?? []) consenting.add(id);
  }
  const consenters = actorIds.flatMap((id, a) => (consenting.has(id) ? [a] : []));
  if (consenters.length > 32) throw new RangeError(`${consenters.length} actors can be asked to consent; at most 32 are supported`);
  const consentBit = new Map(consenters.map((a, k) => [actorIds[a], k]));
  const maskOf = (ids: readonly string[] | undefined) => (ids ?? []).reduce((m, id) => (m | (1 << consentBit.get(id)!)) >>> 0, 0);
  const I = issues.length;
  const A = actorIds.length;

  const total = countPackages(scenario);
  if (total > MAX_PACKAGES) throw new RangeError(`the outcome space has ${total} packages; at most ${MAX_PACKAGES} are supported`);

  // Consent needed by each option (and by any package, for the veto players and per-issue consent).
  const baseMask = maskOf(scenario.vetoPlayers);
  const optionMask = issues.map((issue) => {
    const spec = scenario.issues[issue.id];
    if (spec.kind === 'continuous') return issue.options.map(() => maskOf(spec.consent));
    return Object.values(spec.options).map((o) => maskOf(o.consent));
  });
  const infeasible = scenario.infeasible.map((c) => conditionMasks(c.when, issues));

  // Enumerate the Cartesian product in odometer order (last issue fastest), keeping feasible ones.
  const packageOptions: number[] = [];
  const consentMask: number[] = [];
  const productIndex: number[] = [];
  const choice = new Array<number>(I).fill(0);
  for (let n = 0; n < total; n++) {
    if (!infeasible.some((masks) => matches(masks, choice))) {
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
  const packageCount = consentMask.length;
  const packageOptionsArray = Uint16Array.from(packageOptions);

  // Parameter slots, in a fixed order: the order of sampling in every run.
  const parameters: ParameterSlot[] = [];
  const slot = (path: string, distribution: Distribution, label?: string): number => {
    parameters.push({ path, label: distribution.label ?? label ?? path, distribution, uncertain: isUncertain(distribution) });
    return parameters.length - 1;
  };

  const breakdownRisk = slot('negotiation.breakdownRisk', scenario.negotiation.breakdownRisk, 'Breakdown risk per round');
  // A fixed parameter draws nothing, so this slot leaves other parameters' draws unchanged.
  const beliefNoise = slot('negotiation.beliefNoise', scenario.negotiation.beliefNoise ?? { dist: 'fixed', value: 0 }, 'Noise of beliefs about others');
  const optionOffset = new Int32Array(I);
  let optionCount = 0;
  issues.forEach((issue, i) => {
    optionOffset[i] = optionCount;
    optionCount += issue.options.length;
  });

  const reservation = new Int32Array(A);
  const patience = new Int32Array(A);
  const concession = new Int32Array(A);
  const capability = new Int32Array(A);
  const salience = new Int32Array(A * I).fill(-1);
  const optionValue = new Int32Array(A * optionCount).fill(-1);
  const ideal = new Int32Array(A * I).fill(-1);
  const idealShape = new Uint8Array(A * I);

  actorIds.forEach((actorId, a) => {
    const actor = scenario.actors[actorId];
    const at = `actors.${actorId}`;
    capability[a] = slot(`${at}.capability`, actor.capability, `${actor.label}: capability`);
    reservation[a] = slot(`${at}.reservation`, actor.reservation, `${actor.label}: value of no deal`);
    patience[a] = slot(`${at}.patience`, actor.patience, `${actor.label}: patience`);
    const c = actor.concession;
    concession[a] = slot(`${at}.concession`, typeof c === 'string' ? { dist: 'fixed', value: concessionPresets[c] } : c, `${actor.label}: concession exponent`);
    issues.forEach((issue, i) => {
      salience[a * I + i] = slot(`${at}.salience.${issue.id}`, actor.salience[issue.id], `${actor.label}: weight of ${issue.label}`);
      const pref = actor.preferences[issue.id];
      if (issue.kind === 'continuous') {
        if (!('ideal' in pref)) throw new Error(`${at}.preferences.${issue.id}: expected an ideal point`);
        ideal[a * I + i] = slot(`${at}.preferences.${issue.id}.ideal`, pref.ideal as Distribution, `${actor.label}: ideal ${issue.label}`);
        idealShape[a * I + i] = pref.shape === 'quadratic' ? 1 : 0;
      } else {
        if ('ideal' in pref) throw new Error(`${at}.preferences.${issue.id}: expected option values`);
        const values = pref as Record<string, Distribution>;
        issue.options.forEach((o, k) => {
          optionValue[a * optionCount + optionOffset[i] + k] = slot(`${at}.preferences.${issue.id}.${o.id}`, values[o.id], `${actor.label}: value of ${o.label}`);
        });
      }
    });
  });

  const interactions: CompiledInteraction[] = scenario.interactions.map((interaction, k) => {
    const masks = conditionMasks(interaction.when, issues);
    const packages: number[] = [];
    for (let p = 0; p < packageCount; p++) {
      if (matches(masks, packageOptionsArray.subarray(p * I, p * I + I))) packages.push(p);
    }
    const effectSlot = new Int32Array(A).fill(-1);
    for (const [actorId, d] of Object.entries(interaction.effect)) {
      const a = actorIndex.get(actorId)!;
      effectSlot[a] = slot(`interactions[${k}].effect.${actorId}`, d, `${scenario.actors[actorId].label}: ${interaction.description ?? `interaction ${k + 1}`}`);
    }
    return { packages: Uint32Array.from(packages), effectSlot };
  });

  const packageOptionSlots = new Int32Array(packageCount * I);
  for (let p = 0; p < packageCount; p++) {
    for (let i = 0; i < I; i++) packageOptionSlots[p * I + i] = optionOffset[i] + packageOptionsArray[p * I + i];
  }

  const proposerIds = scenario.negotiation.proposers ?? actorIds;
  return {
    name: scenario.name,
    title: scenario.title,
    actors: actorIds.map((id) => ({ id, label: scenario.actors[id].label, strategy: scenario.actors[id].strategy })),
    issues,
    packageCount,
    packageOptions: packageOptionsArray,
    packageOptionSlots,
    consentMask: Uint32Array.from(consentMask),
    consenters: Uint8Array.from(consenters),
    packagesBeforeFeasibility: total,
    productIndex: Int32Array.from(productIndex),
    proposers: Uint8Array.from(proposerIds.map((id) => actorIndex.get(id)!)),
    mechanism: scenario.negotiation.protocol,
    absoluteSaliences: scenario.saliences === 'absolute',
    recognition: scenario.negotiation.recognition,
    mediator: scenario.negotiation.mediator === 'neutral' ? -1 : actorIndex.get(scenario.negotiation.mediator)!,
    rounds: scenario.negotiation.rounds,
    parameters,
    uncertainParameters: parameters.flatMap((p, k) => (p.uncertain ? [k] : [])),
    slots: { breakdownRisk, beliefNoise, reservation, patience, concession, capability, salience, optionValue, ideal },
    idealShape,
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
