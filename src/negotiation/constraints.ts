/**
 * Which packages a model rules out: its `infeasible` combinations and its hard `constraints`
 * (schema.ts), as one predicate over a package's options.
 *
 * - `infeasible: [{when: C}]` and `constraints: [{forbid: C}]`: a package with combination C is out.
 * - `constraints: [{require: C}]`: a package without C is out.
 * - `constraints: [{option: A, only-with: B}]`: a package with A but without B is out.
 *
 * A combination C names options of discrete issues (issue → option or list of options); a
 * package has it when every named issue takes one of the named options.
 */
import type { Condition, Scenario } from '../scenario/schema.ts';
import type { CompiledIssue } from './compiled-scenario.ts';

/** For each issue, which of its options a combination admits (all, for an issue it does not name). */
export type ConditionMasks = boolean[][];

export function conditionMasks(when: Condition, issues: readonly CompiledIssue[]): ConditionMasks {
  return issues.map((issue) => {
    const named = Object.hasOwn(when, issue.id) ? when[issue.id] : undefined;
    if (named === undefined) return issue.options.map(() => true);
    const list = typeof named === 'string' ? [named] : named;
    return issue.options.map((o) => list.includes(o.id));
  });
}

/** Whether a package (its option index on each issue) has the combination. */
export function hasCombination(masks: ConditionMasks, choice: ArrayLike<number>): boolean {
  for (let i = 0; i < masks.length; i++) if (!masks[i][choice[i]]) return false;
  return true;
}

interface Rule {
  /** The package is out if it has `present` (all, when null) and lacks `absent` (when given). */
  present: ConditionMasks | null;
  absent: ConditionMasks | null;
}

/** The model's rules as a predicate: true when the package (option indices) is ruled out. */
export function ruledOut(scenario: Scenario, issues: readonly CompiledIssue[]): (choice: ArrayLike<number>) => boolean {
  const masks = (c: Condition) => conditionMasks(c, issues);
  const rules: Rule[] = scenario.infeasible.map((c) => ({ present: masks(c.when), absent: null }));
  for (const c of scenario.constraints) {
    if ('forbid' in c) rules.push({ present: masks(c.forbid), absent: null });
    else if ('require' in c) rules.push({ present: null, absent: masks(c.require) });
    else rules.push({ present: masks(c.option), absent: masks(c['only-with']) });
  }
  return (choice) =>
    rules.some((rule) => (rule.present === null || hasCombination(rule.present, choice)) && (rule.absent === null || !hasCombination(rule.absent, choice)));
}
