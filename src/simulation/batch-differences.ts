/**
 * What differs between the batches of a comparison, from what each batch recorded: its settings
 * (model file and SHA-256, variant, overrides, mechanism, seed, runs; from manifest.json) and,
 * parameter by parameter, every settable field of the scenario as the batch ran it (its
 * scenario.json, variant and overrides applied), read through scenario/settable-paths.ts — so a
 * variant, a `--set`, a `~=` rescaling or an edited copy of the model all show as the fields they
 * changed, each value written as `--set` would write it.
 */
import { constraintText, conditionText } from '../scenario/model-tables.ts';
import { settablePaths } from '../scenario/settable-paths.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Provenance } from './provenance.ts';
import { thousands } from '../format/numbers.ts';

/** One batch as a comparison knows it. */
export interface BatchRecord {
  label: string;
  provenance: Provenance;
  mechanism: string;
  seed: string;
  runs: number;
  /** The scenario as the batch ran it; null when the folder holds none (then no parameter is compared). */
  scenario: Scenario | null;
}

/** A field whose value is not the same in every batch: its value in each, in batch order (null: not set, or unknown). */
export interface FieldDifference {
  field: string;
  values: (string | null)[];
}

export interface BatchDifferences {
  /** Settings that differ (model file, SHA-256, variant, overrides, mechanism, seed, runs). */
  settings: FieldDifference[];
  /** Scenario fields that differ, in the order `parley show --paths` lists them, then the hard rules (constraints, infeasible combinations) in force in some batches only. */
  parameters: FieldDifference[];
  /** Batches whose folder held no scenario.json (their parameters are not compared). */
  unknownScenario: string[];
}

function differing(field: string, values: (string | null)[]): FieldDifference[] {
  return values.every((v) => v === values[0]) ? [] : [{ field, values }];
}

export function batchDifferences(batches: readonly BatchRecord[]): BatchDifferences {
  const settings = [
    ...differing(
      'model file',
      batches.map((b) => b.provenance.model?.file ?? null),
    ),
    ...differing(
      'model SHA-256',
      batches.map((b) => b.provenance.model?.sha256 ?? null),
    ),
    ...differing(
      'variant',
      batches.map((b) => b.provenance.variant),
    ),
    ...differing(
      'overrides',
      batches.map((b) => (b.provenance.overrides.length === 0 ? null : b.provenance.overrides.map((o) => `--set ${o}`).join(' '))),
    ),
    ...differing(
      'mechanism',
      batches.map((b) => b.mechanism),
    ),
    ...differing(
      'seed',
      batches.map((b) => b.seed),
    ),
    ...differing(
      'runs',
      batches.map((b) => thousands(b.runs)),
    ),
  ];
  const known = batches.filter((b) => b.scenario !== null);
  const tables = known.map((b) => new Map(settablePaths(b.scenario!).map((p) => [p.path, p.text])));
  // Every path any batch has, in first-seen order (a copied model may add an actor or an issue).
  const paths = [...new Set(tables.flatMap((t) => [...t.keys()]))];
  const parameters =
    known.length < 2
      ? []
      : paths.flatMap((path) =>
          differing(
            path,
            tables.map((t) => t.get(path) ?? null),
          ),
        );
  const rules = known.length < 2 ? [] : ruleDifferences(known.map((b) => b.scenario!));
  // Values per batch in batch order, null for the batches without a scenario.
  const spread = (d: FieldDifference): FieldDifference => {
    let k = 0;
    return { field: d.field, values: batches.map((b) => (b.scenario === null ? null : d.values[k++])) };
  };
  return { settings, parameters: [...parameters, ...rules].map(spread), unknownScenario: batches.filter((b) => b.scenario === null).map((b) => b.label) };
}

/**
 * The hard rules (constraints, infeasible combinations) that are not in force in every batch — a
 * variant's `constraints:` adds them, and no settable field shows it: one row per rule, named by
 * what it excludes as `parley show` writes it, "in force" in the batches that have it. Its
 * description and source do not count.
 */
function ruleDifferences(scenarios: readonly Scenario[]): FieldDifference[] {
  const rulesOf = (s: Scenario) => [
    ...s.infeasible.map((x) => `excluded: ${conditionText(x.when)}`),
    ...s.constraints.map((c) => `excluded: ${constraintText(c)}`),
  ];
  const sets = scenarios.map((s) => new Set(rulesOf(s)));
  const all = [...new Set(sets.flatMap((set) => [...set]))];
  return all.flatMap((rule) =>
    differing(
      rule,
      sets.map((set) => (set.has(rule) ? 'in force' : null)),
    ),
  );
}

/** One sentence for a comparison's headline: how many fields differ and the first few. */
export function differencesSentence(d: BatchDifferences, shown = 4): string {
  const fields = [...d.settings.filter((s) => s.field !== 'overrides' && s.field !== 'model SHA-256').map((s) => s.field), ...d.parameters.map((p) => p.field)];
  if (fields.length === 0) return 'The batches ran the same model with the same settings.';
  const more = fields.length > shown ? ` and ${fields.length - shown} more` : '';
  return `What differs between the batches: ${fields.slice(0, shown).join(', ')}${more} (the report lists each value).`;
}
