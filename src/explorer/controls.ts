/**
 * The explorer's controls, as data: one per settable path of the model (settable-paths.ts, what
 * `parley show --paths` lists), grouped by negotiation, issue and actor, with the parameter's label
 * and source, the range validation allows (schema-at.ts) and the kind of input that edits it —
 * a slider for a number, a type picker with one slider per field for a distribution, a picker for
 * a word (mechanism, strategy, shape), a text field (the value `--set` reads) for anything else.
 * Every control edits one `--set` line, so the page's state is always what the CLI takes.
 */
import {
  DISTRIBUTION_CALLS,
  formatDistributionCall,
  paramRangeAt,
  parseFieldPath,
  settablePaths,
  setText,
  TIME_UNITS,
  wordsAt,
  numberAt,
  type Distribution,
  type ParamRange,
  type Scenario,
} from '../core.ts';

/** The distributions a picker offers (a choice over alternatives is edited as text). */
export const PICKED_DISTRIBUTIONS = ['fixed', 'uniform', 'triangular', 'normal', 'beta', 'bernoulli'] as const;
export type PickedDistribution = (typeof PICKED_DISTRIBUTIONS)[number];

/** A plain number's bounds (a deadline's rounds, the levels of an issue). */
export interface NumberBounds {
  min: number;
  max: number;
  integer: boolean;
}

export type ControlInput =
  /** A number or a distribution within `range`; `words` the field also takes instead (a concession style). */
  | { kind: 'distribution'; range: ParamRange; words: string[] }
  | ({ kind: 'number' } & NumberBounds)
  /** One of `words`, or (with `number`) a number instead: the deadline is `none` or a number of rounds. */
  | { kind: 'word'; words: string[]; number?: NumberBounds }
  /** A choice over named alternatives: one probability each, the others rescaled to keep the sum 1. */
  | { kind: 'choice' }
  /** A length of time: a number and a unit (a round's length). */
  | { kind: 'duration'; units: readonly string[] }
  /** A list of actors, each in or out: who must consent, the veto players. */
  | { kind: 'actors'; actors: string[] }
  | { kind: 'text' };

export interface Control {
  /** As --set takes it. */
  path: string;
  /** "Negotiation", "Issue: Territory", an actor's label. */
  group: string;
  /** The field within its group: "reservation", "salience: territory". */
  name: string;
  /** The parameter's own label and source, from the model file (null when it has none). */
  label: string | null;
  source: string | null;
  description: string;
  allowed: string;
  /** The file's value as --set reads it (null: not set). */
  text: string | null;
  value: unknown;
  input: ControlInput;
  /** A salience: an edit may rescale the actor's other weights (`PATH~=W`). */
  rebalances: boolean;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function isPickedDistribution(x: unknown): x is Distribution & { dist: PickedDistribution } {
  return isRecord(x) && (PICKED_DISTRIBUTIONS as readonly unknown[]).includes(x.dist);
}

/** The group and the name of a path: "actors.russia.reservation" → Russia's label, "reservation". */
function placeOf(parts: (string | number)[], scenario: Scenario): { group: string; name: string } {
  const [head, id, ...rest] = parts.map(String);
  if (head === 'actors') return { group: Object.hasOwn(scenario.actors, id) ? scenario.actors[id].label : id, name: rest.join(': ') };
  if (head === 'issues')
    return { group: `Issue: ${Object.hasOwn(scenario.issues, id) ? scenario.issues[id].label : id}`, name: rest.filter((p) => p !== 'options').join(': ') };
  if (head === 'negotiation') return { group: 'Negotiation', name: [id, ...rest].join(': ') };
  return { group: 'Model', name: parts.join(': ') };
}

function inputOf(parts: (string | number)[], scenario: Scenario, value: unknown): ControlInput {
  const range = paramRangeAt(parts, scenario);
  const words = wordsAt(parts, scenario);
  const isWord = typeof value === 'string' && words.includes(value);
  if (range !== undefined && (typeof value === 'number' || isPickedDistribution(value) || isWord)) return { kind: 'distribution', range, words };
  const number = numberAt(parts, scenario);
  // The mediator is neutral or one of the actors (the schema knows only the word).
  if (parts.join('.') === 'negotiation.mediator' && typeof value === 'string') return { kind: 'word', words: ['neutral', ...Object.keys(scenario.actors)] };
  // A picker needs a choice: one word alone, with no number beside it, is edited as text.
  if ((words.length > 1 || number !== undefined) && (isWord || (typeof value === 'number' && number !== undefined)))
    return { kind: 'word', words, ...(number === undefined ? {} : { number }) };
  if (number !== undefined && typeof value === 'number') return { kind: 'number', ...number };
  const last = parts.at(-1);
  if (
    isRecord(value) &&
    (value.dist === undefined || value.dist === 'choice') &&
    isRecord(value.choice) &&
    Object.values(value.choice).every((p) => typeof p === 'number')
  )
    return { kind: 'choice' };
  if (last === 'roundLength' && isRecord(value) && typeof value.value === 'number' && typeof value.unit === 'string')
    return { kind: 'duration', units: TIME_UNITS };
  if ((last === 'consent' || (parts.length === 1 && last === 'vetoPlayers')) && (value === null || Array.isArray(value)))
    return { kind: 'actors', actors: Object.keys(scenario.actors) };
  return { kind: 'text' };
}

/** Every control of a scenario (the model file with its variant applied), in `parley show --paths`'s order. */
export function explorerControls(scenario: Scenario): Control[] {
  return settablePaths(scenario).map((p) => {
    const parts = parseFieldPath(p.path);
    if (typeof parts === 'string') throw new Error(parts);
    const meta = isRecord(p.value) ? p.value : {};
    return {
      path: p.path,
      ...placeOf(parts, scenario),
      label: typeof meta.label === 'string' ? meta.label : null,
      source: typeof meta.source === 'string' ? meta.source : null,
      description: p.description,
      allowed: p.allowed,
      text: p.text,
      value: p.value,
      input: inputOf(parts, scenario, p.value),
      rebalances: parts[0] === 'actors' && parts[2] === 'salience',
    };
  });
}

/** A distribution being edited: its type and its fields in call order. */
export interface DistributionEdit {
  dist: PickedDistribution;
  fields: Record<string, number>;
}

/** The fields of a distribution type, in the order its call takes them. */
export function distributionFields(dist: PickedDistribution): string[] {
  const call = DISTRIBUTION_CALLS[dist];
  return [...call.required, ...call.optional];
}

/** A number or a picked distribution as an edit. */
export function editOf(value: unknown): DistributionEdit | undefined {
  if (typeof value === 'number') return { dist: 'fixed', fields: { value } };
  if (!isPickedDistribution(value)) return undefined;
  const record = value as unknown as Record<string, number>;
  return { dist: value.dist, fields: Object.fromEntries(distributionFields(value.dist).map((f) => [f, record[f]])) };
}

/** The centre and the span of an edit, to start another type from. */
function centreAndSpan(edit: DistributionEdit, range: ParamRange): { centre: number; low: number; high: number } {
  const f = edit.fields;
  switch (edit.dist) {
    case 'fixed':
      return { centre: f.value, low: Math.max(range.min, f.value - 0.1), high: Math.min(range.max, f.value + 0.1) };
    case 'uniform':
      return { centre: (f.min + f.max) / 2, low: f.min, high: f.max };
    case 'triangular':
      return { centre: f.mode, low: f.min, high: f.max };
    case 'normal':
      return { centre: f.mean, low: f.min, high: f.max };
    case 'beta':
      return { centre: f.min + ((f.max - f.min) * f.alpha) / (f.alpha + f.beta), low: f.min, high: f.max };
    case 'bernoulli':
      return { centre: f.p * f.ifTrue + (1 - f.p) * f.ifFalse, low: Math.min(f.ifTrue, f.ifFalse), high: Math.max(f.ifTrue, f.ifFalse) };
  }
}

/** The edit switched to another type, keeping its centre and span. */
export function switchDistribution(edit: DistributionEdit, dist: PickedDistribution, range: ParamRange): DistributionEdit {
  const { centre, low, high } = centreAndSpan(edit, range);
  const lo = Math.min(low, centre);
  const hi = Math.max(high, centre);
  const fields: Record<string, Record<string, number>> = {
    fixed: { value: centre },
    uniform: { min: lo, max: hi },
    triangular: { min: lo, mode: centre, max: hi },
    normal: { mean: centre, sd: (hi - lo) / 4, min: lo, max: hi },
    beta: { alpha: 2, beta: 2, min: lo, max: hi },
    bernoulli: { p: 0.5, ifTrue: hi, ifFalse: lo },
  };
  return { dist, fields: fields[dist] };
}

/** An edit as the value `--set` reads: `triangular(0.38, 0.6, 0.7)`, a fixed value as its number. */
export function editText(edit: DistributionEdit): string {
  return formatDistributionCall({ dist: edit.dist, ...edit.fields } as unknown as Distribution);
}

/** The slider's extent for a field of a distribution: the parameter's range, a probability, or a shape. */
export function fieldExtent(field: string, range: ParamRange, value: number): { min: number; max: number } {
  if (field === 'p') return { min: 0, max: 1 };
  if (field === 'alpha' || field === 'beta') return { min: 0.1, max: Math.max(20, value) };
  if (field === 'sd') return { min: 0, max: Math.max(range.max - range.min, value) };
  // A range of a billion (capability) is no slider: up to a few times the value instead.
  if (range.max - range.min > 1000) return { min: Math.max(range.min, 0), max: Math.max(10, 4 * Math.abs(value)) };
  return { min: range.min, max: range.max };
}

/**
 * A choice with one alternative's probability set to `p` (clamped to [0, 1]) and the others
 * multiplied by one factor so the probabilities still sum to 1 and keep their ratios (shared
 * equally when they were all 0) — the rule `~=` applies to an actor's issue weights.
 */
export function rescaleChoice(choice: Record<string, number>, name: string, p: number): Record<string, number> {
  const x = Math.min(1, Math.max(0, p));
  const others = Object.keys(choice).filter((k) => k !== name);
  const rest = others.reduce((sum, k) => sum + choice[k], 0);
  const out: Record<string, number> = {};
  // Twelve significant digits: the line stays readable, and the sum stays 1 well within validation's tolerance.
  for (const k of Object.keys(choice)) out[k] = k === name ? x : Number((rest > 0 ? (choice[k] * (1 - x)) / rest : (1 - x) / others.length).toPrecision(12));
  return out;
}

/** A choice field's value with new probabilities, as `--set` reads it (its other keys, such as the proposers' orders, kept). */
export function choiceText(value: unknown, choice: Record<string, number>): string {
  return setText({ ...(isRecord(value) ? value : {}), choice });
}
