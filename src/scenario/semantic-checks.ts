/**
 * Checks a schema cannot express: references between sections (actors, issues, options),
 * complete preference tables, and salience weights that sum to 1.
 *
 * Runs on the raw document, so it reports its problems in the same pass as the schema's even
 * when other parts of the file are malformed; anything of the wrong shape is left to the schema.
 */
import { writtenMean } from './distribution-math.ts';
import type { FieldPath } from './problems.ts';
import { unknownName } from './closest-names.ts';

export interface FieldProblem {
  path: FieldPath;
  message: string;
}

/** Salience weights of an actor must sum to 1 within this tolerance (by each weight's mean). */
export const SALIENCE_SUM_TOLERANCE = 0.01;
/** Proposer lists hold actor indices in bytes. */
export const MAX_ACTORS = 255;
/** Consent is held in 32-bit masks over the actors whose consent a package can need. */
export const MAX_CONSENTING_ACTORS = 32;

/**
 * Ids that every JavaScript object or function already has as a property. As keys they would be
 * dropped (`__proto__` sets an object's prototype instead of a key) or confused with what the
 * object inherits, so validation refuses them with their field path rather than lose them.
 */
export const RESERVED_IDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

type Dict = Record<string, unknown>;

function dict(x: unknown): Dict | undefined {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Dict) : undefined;
}

function list(x: unknown): unknown[] | undefined {
  return Array.isArray(x) ? x : undefined;
}

function quoteList(names: Iterable<string>): string {
  return [...names].join(', ');
}

/** Every key of the id-keyed maps of a model (actors, issues, options, …) with its field path. */
function idKeys(doc: Dict): { id: string; path: FieldPath }[] {
  const out: { id: string; path: FieldPath }[] = [];
  const keysOf = (x: unknown, path: FieldPath) => {
    for (const id of Object.keys(dict(x) ?? {})) out.push({ id, path: [...path, id] });
  };
  keysOf(doc.issues, ['issues']);
  for (const [issueId, issue] of Object.entries(dict(doc.issues) ?? {})) keysOf(dict(issue)?.options, ['issues', issueId, 'options']);
  keysOf(doc.actors, ['actors']);
  for (const [actorId, actor] of Object.entries(dict(doc.actors) ?? {})) {
    keysOf(dict(actor)?.salience, ['actors', actorId, 'salience']);
    keysOf(dict(actor)?.preferences, ['actors', actorId, 'preferences']);
    for (const [issueId, pref] of Object.entries(dict(dict(actor)?.preferences) ?? {})) keysOf(pref, ['actors', actorId, 'preferences', issueId]);
  }
  list(doc.interactions)?.forEach((x, i) => {
    keysOf(dict(x)?.when, ['interactions', i, 'when']);
    keysOf(dict(x)?.effect, ['interactions', i, 'effect']);
  });
  list(doc.infeasible)?.forEach((x, i) => {
    keysOf(dict(x)?.when, ['infeasible', i, 'when']);
  });
  keysOf(doc.variants, ['variants']);
  return out;
}

/** What the checks below share: the document's names, the problems found so far, and the checks of a reference. */
interface Names {
  doc: Dict;
  problems: FieldProblem[];
  issues: Dict;
  actors: Dict;
  actorIds: Set<string>;
  /** Issue ids, reserved ones left out (they are reported once, where they are defined). */
  issueIds: string[];
  /** Issue id → its option ids, for the discrete issues (filled by checkIssues). */
  optionIds: Map<string, string[]>;
  /**
   * Whether `actors` and `issues` are mappings. When one is missing or no mapping, the schema's
   * problem says so once, and the references to its names are not checked: every one would be
   * "unknown …; there are none".
   */
  actorsListed: boolean;
  issuesListed: boolean;
}

/**
 * The checks zod's schema cannot make: names that refer to other names (actors, issues, options,
 * proposer orders), counts, sums of weights, ranges of ideal points, and the combinations named by
 * interactions, infeasible packages and constraints. Problems come in the order of the stages.
 */
export function semanticProblems(raw: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const doc = dict(raw);
  if (doc === undefined) return problems;
  for (const { id, path } of idKeys(doc)) {
    if (RESERVED_IDS.has(id))
      problems.push({
        path,
        message: `"${id}" is reserved (every JavaScript object has it); choose another id, e.g. "${id.replace(/_/g, '')}-1" (a label may say anything)`,
      });
  }
  const issues = dict(doc.issues) ?? {};
  const actors = dict(doc.actors) ?? {};
  const names: Names = {
    doc,
    problems,
    issues,
    actors,
    actorIds: new Set(Object.keys(actors)),
    issueIds: Object.keys(issues).filter((id) => !RESERVED_IDS.has(id)),
    optionIds: new Map(),
    actorsListed: dict(doc.actors) !== undefined,
    issuesListed: dict(doc.issues) !== undefined,
  };

  checkCounts(names);
  checkActorList(names, doc.vetoPlayers, ['vetoPlayers']);
  checkProposers(names);
  checkRates(doc, problems);
  checkDecisionRule(doc, names, problems);
  const mediator = dict(doc.negotiation)?.mediator;
  if (mediator !== 'neutral') checkActorRef(names, mediator, ['negotiation', 'mediator']);
  checkConsenting(names);
  checkIssues(names);
  for (const [actorId, actorRaw] of Object.entries(actors)) {
    const actor = dict(actorRaw);
    if (actor === undefined) continue;
    checkSalience(names, actorId, dict(actor.salience));
    checkPreferences(names, actorId, dict(actor.preferences));
  }
  checkCombinations(names);
  return problems;
}

function checkActorRef(names: Names, value: unknown, path: FieldPath): void {
  if (names.actorsListed && typeof value === 'string' && !names.actorIds.has(value)) {
    names.problems.push({ path, message: unknownName('actor', value, [...names.actorIds]) });
  }
}

function checkActorList(names: Names, value: unknown, path: FieldPath): void {
  list(value)?.forEach((a, i) => {
    checkActorRef(names, a, [...path, i]);
  });
}

function checkCounts({ doc, problems, actorIds, issueIds }: Names): void {
  if (dict(doc.actors) !== undefined && actorIds.size < 2) problems.push({ path: ['actors'], message: 'expected at least 2 actors' });
  if (actorIds.size > MAX_ACTORS) problems.push({ path: ['actors'], message: `expected at most ${MAX_ACTORS} actors, got ${actorIds.size}` });
  if (dict(doc.issues) !== undefined && issueIds.length === 0) problems.push({ path: ['issues'], message: 'expected at least 1 issue' });
}

/** negotiation.proposers: a list of actors, or named orders with a probability each. */
function checkProposers(names: Names): void {
  const { doc, problems } = names;
  const proposers = dict(doc.negotiation)?.proposers;
  if (Array.isArray(proposers)) {
    checkActorList(names, proposers, ['negotiation', 'proposers']);
    return;
  }
  const choice = dict(dict(proposers)?.choice);
  const orders = dict(dict(proposers)?.orders);
  for (const [name, order] of Object.entries(orders ?? {})) checkActorList(names, order, ['negotiation', 'proposers', 'orders', name]);
  if (choice === undefined || orders === undefined) return;
  for (const name of Object.keys(choice)) {
    if (!Object.hasOwn(orders, name))
      problems.push({
        path: ['negotiation', 'proposers', 'choice', name],
        message: `no order named "${name}" under negotiation.proposers.orders; expected one of: ${quoteList(Object.keys(orders))}`,
      });
  }
  for (const name of Object.keys(orders)) {
    if (!Object.hasOwn(choice, name))
      problems.push({ path: ['negotiation', 'proposers', 'orders', name], message: `order "${name}" has no probability under negotiation.proposers.choice` });
  }
}

/** At most MAX_CONSENTING_ACTORS actors whose consent a deal can need (consent masks are 32-bit). */
function checkConsenting({ doc, problems, issues }: Names): void {
  const consenting = new Set<string>();
  const addConsenting = (value: unknown) => list(value)?.forEach((a) => typeof a === 'string' && consenting.add(a));
  addConsenting(doc.vetoPlayers);
  for (const issueRaw of Object.values(issues)) {
    addConsenting(dict(issueRaw)?.consent);
    for (const optionRaw of Object.values(dict(dict(issueRaw)?.options) ?? {})) addConsenting(dict(optionRaw)?.consent);
  }
  if (consenting.size > MAX_CONSENTING_ACTORS) {
    problems.push({
      path: ['vetoPlayers'],
      message: `expected at most ${MAX_CONSENTING_ACTORS} actors whose consent a deal can need (veto players and guarantors together), got ${consenting.size}`,
    });
  }
}

/** Each issue: its consent, a continuous range low < high, at least two options; records the option ids. */
function checkIssues(names: Names): void {
  const { problems, issues, optionIds } = names;
  for (const [issueId, issueRaw] of Object.entries(issues)) {
    const issue = dict(issueRaw);
    if (issue === undefined) continue;
    checkActorList(names, issue.consent, ['issues', issueId, 'consent']);
    const options = dict(issue.options);
    if (issue.kind === 'continuous') {
      const range = list(issue.range);
      if (range && typeof range[0] === 'number' && typeof range[1] === 'number' && !(range[0] < range[1])) {
        problems.push({ path: ['issues', issueId, 'range'], message: `expected [low, high] with low < high, got [${range[0]}, ${range[1]}]` });
      }
      continue;
    }
    if (options === undefined) continue;
    optionIds.set(issueId, Object.keys(options));
    if (Object.keys(options).length < 2) problems.push({ path: ['issues', issueId, 'options'], message: 'expected at least 2 options' });
    for (const [optionId, optionRaw] of Object.entries(options)) {
      checkActorList(names, dict(optionRaw)?.consent, ['issues', issueId, 'options', optionId, 'consent']);
    }
  }
}

/** An actor's weights: one per issue, no unknown issue, summing to 1 unless the model says saliences are absolute. */
function checkSalience({ doc, problems, issues, issueIds, issuesListed }: Names, actorId: string, salience: Dict | undefined): void {
  if (salience === undefined) return;
  for (const issueId of issueIds) {
    if (!Object.hasOwn(salience, issueId)) problems.push({ path: ['actors', actorId, 'salience'], message: `missing the weight of issue "${issueId}"` });
  }
  for (const key of Object.keys(salience)) {
    if (issuesListed && !Object.hasOwn(issues, key))
      problems.push({ path: ['actors', actorId, 'salience', key], message: unknownName('issue', key, issueIds) });
  }
  const means = Object.values(salience).map(writtenMean);
  if (doc.saliences !== 'absolute' && means.every((m) => m !== undefined) && means.length > 0) {
    const sum = means.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > SALIENCE_SUM_TOLERANCE) {
      problems.push({
        path: ['actors', actorId, 'salience'],
        message: `expected weights that sum to 1 (±${SALIENCE_SUM_TOLERANCE}), got ${Number(sum.toFixed(4))} (to change one weight and rescale the others to keep the sum: --set actors.${actorId}.salience.ISSUE~=WEIGHT)`,
      });
    }
  }
}

/** An actor's preferences: one entry per issue — an ideal point in range for a continuous issue, a value per option otherwise. */
function checkPreferences({ problems, issues, issueIds, optionIds, issuesListed }: Names, actorId: string, preferences: Dict | undefined): void {
  if (preferences === undefined) return;
  for (const issueId of issueIds) {
    if (!Object.hasOwn(preferences, issueId))
      problems.push({ path: ['actors', actorId, 'preferences'], message: `missing the preferences on issue "${issueId}"` });
  }
  for (const [issueId, prefRaw] of Object.entries(preferences)) {
    const issue = Object.hasOwn(issues, issueId) ? dict(issues[issueId]) : undefined;
    const path = ['actors', actorId, 'preferences', issueId];
    if (issue === undefined) {
      // Unknown only if the model has no such issue; one there but of the wrong kind is its own problem.
      if (issuesListed && !Object.hasOwn(issues, issueId)) problems.push({ path, message: unknownName('issue', issueId, issueIds) });
      continue;
    }
    const pref = dict(prefRaw);
    if (pref === undefined) continue;
    if (issue.kind === 'continuous') {
      if (!Object.hasOwn(pref, 'ideal')) problems.push({ path, message: 'expected {ideal, shape} for the continuous issue' });
      const range = list(issue.range);
      const ideal = writtenMean(pref.ideal);
      if (range && typeof range[0] === 'number' && typeof range[1] === 'number' && ideal !== undefined && (ideal < range[0] || ideal > range[1])) {
        problems.push({ path: [...path, 'ideal'], message: `expected an ideal point in the issue's range [${range[0]}, ${range[1]}], got ${ideal}` });
      }
      continue;
    }
    const options = optionIds.get(issueId);
    if (options === undefined) continue;
    if (Object.hasOwn(pref, 'ideal')) {
      problems.push({ path, message: `expected option values for the ${String(issue.kind)} issue (one of: ${quoteList(options)}), not an ideal point` });
      continue;
    }
    for (const optionId of options) {
      if (!Object.hasOwn(pref, optionId)) problems.push({ path, message: `missing the value of option "${optionId}"` });
    }
    for (const key of Object.keys(pref)) {
      if (!options.includes(key)) problems.push({ path: [...path, key], message: unknownName('option', key, options, `of issue "${issueId}"`) });
    }
  }
}

/** A combination of options (issue: option or [options]) names discrete issues and their options. */
function checkCondition({ problems, issues, issueIds, optionIds, issuesListed }: Names, when: unknown, path: FieldPath): void {
  const terms = dict(when);
  if (terms === undefined) return;
  if (Object.keys(terms).length === 0) problems.push({ path, message: 'expected at least one term (issue: option)' });
  for (const [issueId, value] of Object.entries(terms)) {
    const issue = Object.hasOwn(issues, issueId) ? dict(issues[issueId]) : undefined;
    if (issue === undefined) {
      if (issuesListed && !Object.hasOwn(issues, issueId)) problems.push({ path: [...path, issueId], message: unknownName('issue', issueId, issueIds) });
      continue;
    }
    const options = optionIds.get(issueId);
    if (issue.kind === 'continuous') {
      problems.push({ path: [...path, issueId], message: `expected a discrete issue; combinations cannot name levels of the continuous issue "${issueId}"` });
      continue;
    }
    // A discrete issue whose options are no mapping: that is its own problem, reported once.
    if (options === undefined) continue;
    const named = typeof value === 'string' ? [value] : (list(value) ?? []);
    named.forEach((o, i) => {
      if (typeof o === 'string' && !options.includes(o)) {
        const at = typeof value === 'string' ? [...path, issueId] : [...path, issueId, i];
        problems.push({ path: at, message: unknownName('option', o, options, `of issue "${issueId}"`) });
      }
    });
  }
}

/** The combinations named by interactions (and the actors they affect), infeasible packages and constraints (the model's and each variant's). */
function checkCombinations(names: Names): void {
  const { doc } = names;
  list(doc.interactions)?.forEach((raw, i) => {
    const interaction = dict(raw);
    if (interaction === undefined) return;
    checkCondition(names, interaction.when, ['interactions', i, 'when']);
    for (const actorId of Object.keys(dict(interaction.effect) ?? {})) {
      checkActorRef(names, actorId, ['interactions', i, 'effect', actorId]);
    }
  });
  list(doc.infeasible)?.forEach((raw, i) => {
    checkCondition(names, dict(raw)?.when, ['infeasible', i, 'when']);
  });
  const checkConstraints = (constraints: unknown, path: FieldPath) =>
    list(constraints)?.forEach((raw, i) => {
      const c = dict(raw);
      if (c === undefined) return;
      for (const key of ['forbid', 'require', 'option', 'only-with']) if (Object.hasOwn(c, key)) checkCondition(names, c[key], [...path, i, key]);
    });
  checkConstraints(doc.constraints, ['constraints']);
  for (const [name, variant] of Object.entries(dict(doc.variants) ?? {})) checkConstraints(dict(variant)?.constraints, ['variants', name, 'constraints']);
}

/** Rates per week, month or year (`per:`) need a round length, and only rates can have one. */
function checkRates(doc: Dict, problems: FieldProblem[]): void {
  // A `negotiation` that is there but no mapping is the schema's one problem, not every rate's.
  const hasLength = dict(doc.negotiation)?.roundLength !== undefined || (doc.negotiation !== undefined && dict(doc.negotiation) === undefined);
  const rates = new Set<string>(['negotiation.breakdownRisk']);
  for (const actorId of Object.keys(dict(doc.actors) ?? {})) rates.add(`actors.${actorId}.patience`);
  const visit = (node: unknown, path: FieldPath) => {
    const d = dict(node);
    if (d !== undefined) {
      if (Object.hasOwn(d, 'per') && typeof d.per === 'string' && (Object.hasOwn(d, 'dist') || Object.hasOwn(d, 'value') || Object.hasOwn(d, 'choice'))) {
        const at = path.join('.');
        if (!rates.has(at)) problems.push({ path: [...path, 'per'], message: 'only a rate has a time span: negotiation.breakdownRisk or an actor’s patience' });
        else if (d.per !== 'round' && !hasLength)
          problems.push({ path: [...path, 'per'], message: `a rate per ${d.per} needs negotiation.roundLength (e.g. roundLength: 2 weeks)` });
      }
      for (const [key, value] of Object.entries(d)) visit(value, [...path, key]);
    } else if (Array.isArray(node))
      node.forEach((value, i) => {
        visit(value, [...path, i]);
      });
  };
  for (const key of ['negotiation', 'actors', 'interactions']) visit(doc[key], [key]);
}

/**
 * The decision rule's references and fields: voters and weights name actors; a qualified majority
 * has a threshold and a simple majority none; under unanimity someone must hold a veto.
 */
function checkDecisionRule(doc: Dict, { actorIds, actorsListed }: Pick<Names, 'actorIds' | 'actorsListed'>, problems: FieldProblem[]): void {
  const raw = dict(doc.negotiation)?.decisionRule;
  const rule = typeof raw === 'string' ? raw : dict(raw)?.rule;
  const at: FieldPath = ['negotiation', 'decisionRule'];
  const vetoPlayers = list(doc.vetoPlayers);
  if ((rule === undefined || rule === 'unanimity') && vetoPlayers !== undefined && vetoPlayers.length === 0) {
    problems.push({
      path: ['vetoPlayers'],
      message: 'expected at least 1 veto player: under unanimity they are who must accept a deal (a majority rule, negotiation.decisionRule, can do without)',
    });
  }
  const spec = dict(raw);
  if (spec === undefined) return;
  const checkActors = (names: Iterable<string>, path: FieldPath) => {
    for (const name of names)
      if (actorsListed && !actorIds.has(name)) problems.push({ path: [...path, name], message: unknownName('actor', name, [...actorIds]) });
  };
  const voters = list(spec.voters);
  voters?.forEach((v, i) => {
    if (actorsListed && typeof v === 'string' && !actorIds.has(v))
      problems.push({ path: [...at, 'voters', i], message: unknownName('actor', v, [...actorIds]) });
  });
  const voterSet = new Set(voters === undefined ? actorIds : voters.filter((v): v is string => typeof v === 'string'));
  const checkWeights = (weights: unknown, path: FieldPath) => {
    const w = dict(weights);
    if (w === undefined) return;
    checkActors(Object.keys(w), path);
    for (const name of Object.keys(w)) {
      if (actorIds.has(name) && !voterSet.has(name))
        problems.push({ path: [...path, name], message: `"${name}" is not a voter (negotiation.decisionRule.voters); only voters have weights` });
    }
    const total = [...voterSet].reduce((sum, v) => sum + (typeof w[v] === 'number' ? w[v] : 0), 0);
    if (Object.values(w).every((x) => typeof x === 'number') && !(total > 0))
      problems.push({ path, message: 'expected weights with a positive total over the voters' });
  };
  checkWeights(spec.weights, [...at, 'weights']);
  checkWeights(dict(spec.population)?.weights, [...at, 'population', 'weights']);
  if (rule === 'unanimity') {
    for (const key of ['voters', 'weights', 'threshold', 'population']) {
      if (Object.hasOwn(spec, key))
        problems.push({
          path: [...at, key],
          message: `unanimity takes no ${key}: every veto player and guarantor must accept (choose majority or qualified-majority to vote)`,
        });
    }
  }
  if (rule === 'majority' && Object.hasOwn(spec, 'threshold'))
    problems.push({ path: [...at, 'threshold'], message: 'a simple majority needs more than half; for another share choose rule: qualified-majority' });
  if (rule === 'qualified-majority' && !Object.hasOwn(spec, 'threshold'))
    problems.push({ path: [...at, 'threshold'], message: 'expected the share of the voters’ weight a deal needs, e.g. threshold: 0.55' });
}
