/**
 * Every field of a scenario that changes what is simulated, as `--set PATH=VALUE` takes it: its
 * path, its current value (as JSON and as `--set` writes it), what it allows, and what it means
 * (from the schema's descriptions). Labels, descriptions and sources can be set too; they change
 * no number, so they are not listed.
 */
import { parse } from 'yaml';
import { formatDistributionCall } from './overrides.ts';
import type { Distribution } from './param.ts';
import { formatPath, type FieldPath } from './problems.ts';
import { allowedAt, descriptionAt } from './schema-at.ts';
import { DECISION_RULES, TIME_UNITS, type Scenario } from './schema.ts';

export interface SettablePath {
  /** As --set takes it: `actors.russia.reservation`, `interactions[0].effect.us`. */
  path: string;
  /** The current value as JSON (a parameter's whole object, source and label included); null if the field is not set. */
  value: unknown;
  /** The current value as `--set` reads it back (`uniform(0.88, 0.97)`, `boulware`, `[us, russia]`); null if not set. */
  text: string | null;
  /** What the field allows, in words. */
  allowed: string;
  /** What the field means (the model format's description). */
  description: string;
}

function isDistribution(x: unknown): x is Distribution {
  return x !== null && typeof x === 'object' && 'dist' in x;
}

/** A YAML scalar as --set reads it: plain, or quoted when YAML would read it as something else (`null`, `true`, `1e3`). */
function scalarText(x: string | number | boolean): string {
  if (typeof x !== 'string') return String(x);
  return parse(x) === x && x.trim() === x && x !== '' ? x : JSON.stringify(x);
}

/** A value as `--set` reads it back: numbers and ids plainly, lists and maps in YAML's flow style, a distribution as its call. */
export function setText(value: unknown): string {
  if (isDistribution(value)) return formatDistributionCall(value);
  if (Array.isArray(value)) return `[${value.map(setText).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${scalarText(k)}: ${setText(v)}`)
      .join(', ')}}`;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return scalarText(value);
  return 'null';
}

export function settablePaths(scenario: Scenario): SettablePath[] {
  const out: SettablePath[] = [];
  const actorIds = Object.keys(scenario.actors);
  const discreteIssues = Object.entries(scenario.issues).flatMap(([id, issue]) => (issue.kind === 'continuous' ? [] : [id]));
  const actorList = `a list of actors: ${actorIds.join(', ')}`;
  const add = (path: FieldPath, value: unknown, allowed?: string, note?: string) => {
    out.push({
      path: formatPath(path),
      value: value ?? null,
      text: value === undefined ? null : setText(value),
      allowed: allowed ?? allowedAt(path, scenario),
      description: `${descriptionAt(path, scenario)}${note === undefined ? '' : ` ${note}`}`,
    });
  };

  const n = scenario.negotiation;
  add(['negotiation', 'protocol'], n.protocol);
  add(['negotiation', 'rounds'], n.rounds);
  add(['negotiation', 'maxRounds'], n.maxRounds);
  add(['negotiation', 'roundLength'], n.roundLength, `a length of time: a number and a unit (${TIME_UNITS.join(', ')}, or their plurals), e.g. "2 weeks"`);
  add(['negotiation', 'breakdownRisk'], n.breakdownRisk);
  add(['negotiation', 'beliefNoise'], n.beliefNoise);
  add(['negotiation', 'proposers'], n.proposers, actorList);
  add(['negotiation', 'recognition'], n.recognition);
  add(['negotiation', 'mediator'], n.mediator, `neutral, or an actor: ${actorIds.join(', ')}`);
  add(['negotiation', 'decisionRule'], n.decisionRule, `unanimity, majority, or {rule: ${DECISION_RULES.join(' | ')}, voters, weights, threshold, population}`);
  add(['negotiation', 'beliefShape'], n.beliefShape);
  add(['saliences'], scenario.saliences);
  add(['vetoPlayers'], scenario.vetoPlayers, actorList);

  for (const [issueId, issue] of Object.entries(scenario.issues)) {
    if (issue.kind === 'continuous') {
      add(['issues', issueId, 'range'], issue.range, '[low, high], low < high');
      add(['issues', issueId, 'levels'], issue.levels);
      add(['issues', issueId, 'consent'], issue.consent, actorList);
    } else {
      for (const [optionId, option] of Object.entries(issue.options)) add(['issues', issueId, 'options', optionId, 'consent'], option.consent, actorList);
    }
  }

  for (const [actorId, actor] of Object.entries(scenario.actors)) {
    const at = ['actors', actorId];
    for (const field of ['capability', 'reservation', 'patience', 'concession', 'strategy'] as const) add([...at, field], actor[field]);
    for (const issueId of Object.keys(scenario.issues)) {
      add([...at, 'salience', issueId], actor.salience[issueId], undefined, "PATH~=W sets it and rescales the actor's other weights to keep their sum.");
    }
    for (const [issueId, preference] of Object.entries(actor.preferences)) {
      const issue = scenario.issues[issueId];
      if ('ideal' in preference && issue.kind === 'continuous') {
        add([...at, 'preferences', issueId, 'ideal'], preference.ideal, `[${issue.range.join(', ')}], the issue's range (or a distribution within)`);
        add([...at, 'preferences', issueId, 'shape'], preference.shape);
      } else {
        for (const [optionId, value] of Object.entries(preference as Record<string, Distribution>)) add([...at, 'preferences', issueId, optionId], value);
      }
    }
  }

  const conditionAllowed = `{issue: option or [options], …} over the discrete issues: ${discreteIssues.join(', ')}`;
  scenario.interactions.forEach((interaction, k) => {
    add(['interactions', k, 'when'], interaction.when, conditionAllowed);
    for (const [actorId, effect] of Object.entries(interaction.effect)) add(['interactions', k, 'effect', actorId], effect);
  });
  scenario.infeasible.forEach((combination, k) => {
    add(['infeasible', k, 'when'], combination.when, conditionAllowed);
  });
  return out;
}
