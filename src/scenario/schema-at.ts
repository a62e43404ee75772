/**
 * The model-file schema at a field path: which fields an object there may have and which values
 * a field there allows. Read from the zod schema itself (schema.ts), so suggestions for a mistyped
 * field and the ranges `parley show --paths` prints cannot drift from what validation checks.
 *
 * Where the schema branches (an issue's `kind`, a parameter's `dist`, a preference that is
 * option values or an ideal point), the document's own value at that point picks the branch.
 */
import type { z } from 'zod';
import { betaDist, bernoulliDist, fixedDist, normalDist, paramSchemas, triangularDist, uniformDist, type ParamRange } from './param.ts';
import { valueAt, type FieldPath } from './problems.ts';
import { scenarioSchema } from './schema.ts';

type Schema = z.ZodType;

/** The fields of each distribution (`dist` picks one; no `dist` means fixed). */
const DISTRIBUTION_FIELDS: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries({ fixed: fixedDist, uniform: uniformDist, normal: normalDist, beta: betaDist, triangular: triangularDist, bernoulli: bernoulliDist }).map(
    ([name, s]) => [name, Object.keys(s.shape)],
  ),
);

/** The schema's definition, read through zod 4's public `def`. */
interface Def {
  type: string;
  innerType?: Schema;
  shape?: Record<string, Schema>;
  valueType?: Schema;
  element?: Schema;
  items?: Schema[];
  options?: Schema[];
  discriminator?: string;
  entries?: Record<string, string>;
  values?: unknown[];
}

function def(s: Schema): Def {
  return (s as unknown as { def: Def }).def;
}

function child(value: unknown, key: string | number): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
}

/** Strips defaults and optionals (a parameter, a pipe, is kept whole). */
function unwrap(s: Schema): Schema {
  let out = s;
  for (let d = def(out); (d.type === 'default' || d.type === 'optional' || d.type === 'nullable') && d.innerType; d = def(out)) out = d.innerType;
  return out;
}

/** Whether `s` accepts `value` as the literal or enum member it holds. */
function admits(s: Schema, value: unknown): boolean {
  const d = def(unwrap(s));
  if (d.type === 'literal') return (d.values ?? []).includes(value);
  if (d.type === 'enum') return Object.values(d.entries ?? {}).includes(value as string);
  return false;
}

/** The branch of a union that `value` (the document's value there) belongs to; `key` helps when it is absent. */
function branch(s: Schema, value: unknown, key?: string | number): Schema {
  const d = def(s);
  const options = d.options ?? [];
  if (d.discriminator !== undefined) {
    const tag = child(value, d.discriminator);
    return options.find((o) => admits(def(unwrap(o)).shape?.[d.discriminator!] ?? o, tag)) ?? options[0];
  }
  // An object branch that has the key (or that the value looks like), else a record, else the first.
  const objectBranch = options.find((o) => {
    const shape = def(unwrap(o)).shape;
    if (shape === undefined) return false;
    if (key !== undefined) return Object.hasOwn(shape, key);
    return value !== null && typeof value === 'object' && Object.keys(value).some((k) => Object.hasOwn(shape, k) && k !== 'source');
  });
  return objectBranch ?? options.find((o) => def(unwrap(o)).type === 'record') ?? options.find((o) => paramSchemas.has(unwrap(o))) ?? options[0];
}

/** Resolves unions (by the value there) down to a concrete schema. */
function resolve(s: Schema, value: unknown, key?: string | number): Schema {
  let out = unwrap(s);
  while (def(out).type === 'union') out = unwrap(branch(out, value, key));
  return out;
}

/** The schema of the field at `path` in a document whose content is `raw`, or undefined if the format has no such field. */
export function schemaAt(path: FieldPath, raw: unknown): Schema | undefined {
  let s: Schema = scenarioSchema;
  let value = raw;
  for (const key of path) {
    const here = resolve(s, value, key);
    const d = def(here);
    let next: Schema | undefined;
    if (paramSchemas.has(here)) return undefined; // a distribution's own fields are plain numbers
    if (d.type === 'object') next = Object.hasOwn(d.shape ?? {}, key) ? d.shape![key] : undefined;
    else if (d.type === 'record') next = d.valueType;
    else if (d.type === 'array') next = d.element;
    else if (d.type === 'tuple') next = typeof key === 'number' ? d.items?.[key] : undefined;
    if (next === undefined) return undefined;
    s = next;
    value = child(value, key);
  }
  return s;
}

/**
 * The field names an object at `path` may have (a fixed set: an actor's, a distribution's), or
 * undefined where the keys are names of the model's own (actor, issue, option ids) or there is no object.
 */
export function fieldNamesAt(path: FieldPath, raw: unknown): string[] | undefined {
  const s = schemaAt(path, raw);
  if (s === undefined) return undefined;
  const value = valueAt(raw, path);
  const here = resolve(s, value);
  if (paramSchemas.has(here)) {
    const dist = child(value, 'dist');
    return [...(DISTRIBUTION_FIELDS[typeof dist === 'string' ? dist : 'fixed'] ?? DISTRIBUTION_FIELDS.fixed)];
  }
  const d = def(here);
  return d.type === 'object' ? Object.keys(d.shape ?? {}) : undefined;
}

/** What the field at `path` means: the schema's description (of the field or what it wraps). */
export function descriptionAt(path: FieldPath, raw: unknown): string {
  let s = schemaAt(path, raw);
  while (s !== undefined) {
    if (s.description) return s.description;
    const inner: Schema | undefined = def(s).innerType;
    s = inner;
  }
  return '';
}

function formatRange(r: ParamRange): string {
  return `${r.minExclusive ? '(' : '['}${r.min}, ${r.max}]`;
}

/** The parameter range at `path` (a number or distribution field), if it is one. */
export function paramRangeAt(path: FieldPath, raw: unknown): ParamRange | undefined {
  const s = schemaAt(path, raw);
  if (s === undefined) return undefined;
  const here = unwrap(s);
  if (paramSchemas.has(here)) return paramSchemas.get(here)!.range;
  const param = (def(here).options ?? []).map(unwrap).find((o) => paramSchemas.has(o));
  return param === undefined ? undefined : paramSchemas.get(param)!.range;
}

/** What the field at `path` allows, in words: `[0, 1] (a number or a distribution within)`, `one of: a, b`, `whole number in [1, 1000]`. */
export function allowedAt(path: FieldPath, raw: unknown): string {
  const s = schemaAt(path, raw);
  return s === undefined ? 'no such field' : describeAllowed(unwrap(s));
}

function describeAllowed(s: Schema): string {
  const param = paramSchemas.get(s);
  if (param !== undefined) return `${formatRange(param.range)} (or a distribution within)`;
  const d = def(s);
  switch (d.type) {
    case 'enum':
      return `one of: ${Object.values(d.entries ?? {}).join(', ')}`;
    case 'literal':
      return (d.values ?? []).map(String).join(', ');
    case 'number': {
      const n = s as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
      const kind = n.isInt ? 'whole number' : 'number';
      const bounded = Number.isFinite(n.minValue ?? NaN) && Number.isFinite(n.maxValue ?? NaN);
      return bounded ? `${kind} in [${n.minValue}, ${n.maxValue}]` : kind;
    }
    case 'string':
      return 'text';
    case 'tuple':
      return `[${(d.items ?? []).map((item) => describeAllowed(unwrap(item))).join(', ')}]`;
    case 'array':
      return `a list of ${describeAllowed(unwrap(d.element!))}`;
    case 'record':
      return `{name: ${describeAllowed(unwrap(d.valueType!))}, …}`;
    case 'union':
      return (d.options ?? []).map((o) => describeAllowed(unwrap(o))).join(', or ');
    default:
      return d.type;
  }
}

/**
 * The words the field at `path` takes as they are (enum members and string literals, through
 * unions), in the schema's order: a mechanism, a strategy, `none` for the deadline; [] if none.
 */
export function wordsAt(path: FieldPath, raw: unknown): string[] {
  const s = schemaAt(path, raw);
  return s === undefined ? [] : wordsOf(unwrap(s));
}

function wordsOf(s: Schema): string[] {
  const d = def(s);
  if (d.type === 'enum') return Object.values(d.entries ?? {});
  if (d.type === 'literal') return (d.values ?? []).filter((v): v is string => typeof v === 'string');
  if (d.type === 'union') return [...new Set((d.options ?? []).flatMap((o) => wordsOf(unwrap(o))))];
  return [];
}

/** The bounds of the plain number the field at `path` takes (through unions: the deadline's rounds), if it takes one. */
export function numberAt(path: FieldPath, raw: unknown): { min: number; max: number; integer: boolean } | undefined {
  const s = schemaAt(path, raw);
  return s === undefined ? undefined : numberOf(unwrap(s));
}

function numberOf(s: Schema): { min: number; max: number; integer: boolean } | undefined {
  const d = def(s);
  if (d.type === 'number') {
    const n = s as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
    return { min: n.minValue ?? -Infinity, max: n.maxValue ?? Infinity, integer: n.isInt };
  }
  if (d.type !== 'union') return undefined;
  for (const o of d.options ?? []) {
    const found = numberOf(unwrap(o));
    if (found !== undefined) return found;
  }
  return undefined;
}
