/**
 * Every numeric parameter of a scenario, by field path, in the order the compiler lays out its
 * slots (negotiation, then each actor, then the interactions), each with the source that
 * applies to it: its own, or else the source of the element that holds it (a concession style
 * named by a word, a salience without a note of its own, takes the actor's).
 */
import { concessionParameter, concessionPresets, deadlineParameter, type Scenario } from './schema.ts';
import type { Distribution } from './param.ts';

export interface ModelParameter {
  /** Field path as --set takes it, e.g. `actors.russia.reservation`, `interactions[0].effect.us`. */
  path: string;
  distribution: Distribution;
  /** The concession style the number stands for (`boulware` → 4), when it was given by name. */
  preset?: keyof typeof concessionPresets;
  /** Absent from the model: the value the simulation uses in its place (beliefNoise 0). */
  absent?: boolean;
  /** The source that applies and the path of the element it belongs to (the parameter's own path when it has one, or none at all). */
  source?: string;
  sourceOf: string;
}

/** The source of the parameter if it has one, else its holder's. */
function sourced(path: string, distribution: Distribution, holder: { path: string; source?: string }): Pick<ModelParameter, 'source' | 'sourceOf'> {
  if (distribution.source !== undefined) return { source: distribution.source, sourceOf: path };
  if (holder.source !== undefined) return { source: holder.source, sourceOf: holder.path };
  return { sourceOf: path };
}

export function modelParameters(scenario: Scenario): ModelParameter[] {
  const out: ModelParameter[] = [];
  const add = (path: string, distribution: Distribution, holder: { path: string; source?: string }, extra: Partial<ModelParameter> = {}) =>
    out.push({ path, distribution, ...sourced(path, distribution, holder), ...extra });

  const negotiation = { path: 'negotiation', source: scenario.negotiation.source };
  add('negotiation.breakdownRisk', scenario.negotiation.breakdownRisk, negotiation);
  const noise = scenario.negotiation.beliefNoise;
  add('negotiation.beliefNoise', noise ?? { dist: 'fixed', value: 0 }, negotiation, noise === undefined ? { absent: true } : {});
  // The deadline in rounds (0: none): a number the answer can hang on, so it is listed with its source.
  add('negotiation.rounds', deadlineParameter(scenario), negotiation, scenario.negotiation.rounds === undefined ? { absent: true } : {});

  const issueIds = Object.keys(scenario.issues);
  for (const [actorId, actor] of Object.entries(scenario.actors)) {
    const at = `actors.${actorId}`;
    const holder = { path: at, source: actor.source };
    add(`${at}.capability`, actor.capability, holder);
    add(`${at}.reservation`, actor.reservation, holder);
    add(`${at}.patience`, actor.patience, holder);
    const c = actor.concession;
    add(`${at}.concession`, concessionParameter(actor), holder, typeof c === 'string' ? { preset: c } : {});
    for (const issueId of issueIds) {
      add(`${at}.salience.${issueId}`, actor.salience[issueId], holder);
      const preference = actor.preferences[issueId];
      if ('ideal' in preference) {
        const own = (preference as { source?: string }).source;
        add(`${at}.preferences.${issueId}.ideal`, preference.ideal, { path: `${at}.preferences.${issueId}`, source: own ?? actor.source });
      } else {
        const issue = scenario.issues[issueId];
        const optionIds = issue.kind === 'continuous' ? [] : Object.keys(issue.options);
        for (const optionId of optionIds) add(`${at}.preferences.${issueId}.${optionId}`, (preference as Record<string, Distribution>)[optionId], holder);
      }
    }
  }

  scenario.interactions.forEach((interaction, k) => {
    for (const [actorId, effect] of Object.entries(interaction.effect)) {
      add(`interactions[${k}].effect.${actorId}`, effect, { path: `interactions[${k}]`, source: interaction.source });
    }
  });
  return out;
}
