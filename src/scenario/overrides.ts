/**
 * `--set PATH=VALUE`: changes one field of a model before validation, so an override gets the
 * same checks and messages as the file.
 *
 * PATH is the field path as validation prints it (`actors.russia.patience`, `interactions[0].effect.us`
 * or `interactions.0.effect.us`). VALUE is a number, a distribution written as a call —
 * `uniform(0.9, 0.99)`, `normal(mean, sd, min, max)`, `beta(alpha, beta[, min, max])`,
 * `triangular(min, mode, max)`, `bernoulli(p[, ifTrue, ifFalse])`, `fixed(x)` — or any YAML value
 * (`boulware`, `[us, russia]`, `{dist: uniform, min: 0, max: 1}`).
 *
 * `PATH~=VALUE` (in a variant, a key `PATH~`) sets an issue weight, `actors.A.salience.I`, and
 * rescales the actor's other weights to keep their sum (rebalance.ts).
 */
import { parse } from 'yaml';
import type { Distribution } from './param.ts';
import { didYouMean } from './closest-names.ts';

export interface Override {
  path: (string | number)[];
  value: unknown;
  text: string;
  /** `PATH~=VALUE`: a salience whose actor's other weights are rescaled to keep their sum (rebalance.ts). */
  rebalance?: boolean;
}

/** The distributions that have a call form (a choice has none), with their arguments in order. */
type CallName = Exclude<Distribution['dist'], 'choice' | undefined>;

export const DISTRIBUTIONS: Record<CallName, { required: string[]; optional: string[] }> = {
  fixed: { required: ['value'], optional: [] },
  uniform: { required: ['min', 'max'], optional: [] },
  normal: { required: ['mean', 'sd', 'min', 'max'], optional: [] },
  beta: { required: ['alpha', 'beta'], optional: ['min', 'max'] },
  triangular: { required: ['min', 'mode', 'max'], optional: [] },
  bernoulli: { required: ['p'], optional: ['ifTrue', 'ifFalse'] },
};

function isCallName(name: string): name is CallName {
  return Object.hasOwn(DISTRIBUTIONS, name);
}

/**
 * A distribution as the call `--set` reads back (`uniform(0.88, 0.97)`; a fixed value as its
 * number); `digits` rounds for display (to that many significant digits), else it is exact.
 */
export function formatDistributionCall(d: Distribution, digits?: number): string {
  const n = (x: number) => String(digits === undefined ? x : Number(x.toPrecision(digits)));
  if (d.dist === 'fixed') return n(d.value);
  // A choice has no call form: it is written as the YAML value --set reads.
  if (d.dist === 'choice') return choiceText(d.choice, digits);
  const spec = DISTRIBUTIONS[d.dist];
  const fields = d as unknown as Record<string, number>;
  return `${d.dist}(${[...spec.required, ...spec.optional].map((name) => n(fields[name])).join(', ')})`;
}

/** A choice as the YAML flow mapping a model file or --set takes: `{choice: {boulware: 0.5, linear: 0.5}}`. */
export function choiceText(choice: Record<string, number>, digits?: number): string {
  const n = (x: number) => String(digits === undefined ? x : Number(x.toPrecision(digits)));
  return `{choice: {${Object.entries(choice)
    .map(([name, p]) => `${/^[a-z0-9][a-z0-9-]*$/.test(name) ? name : JSON.stringify(name)}: ${n(p)}`)
    .join(', ')}}}`;
}

/** A `--set` path as field names and indices (`interactions[0].effect.us` → interactions, 0, effect, us), or why not. */
export function parsePath(text: string): (string | number)[] | string {
  const parts: (string | number)[] = [];
  for (const raw of text.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (raw === '') return `expected a field path like actors.russia.patience, got "${text}"`;
    parts.push(/^\d+$/.test(raw) ? Number(raw) : raw);
  }
  return parts;
}

/** A rebalancing override must name one issue weight of one actor. */
function rebalanceProblem(path: (string | number)[]): string | undefined {
  if (path.length === 4 && path[0] === 'actors' && path[2] === 'salience') return undefined;
  return `~= rescales an actor's other issue weights, so the path must be actors.ACTOR.salience.ISSUE; got ${path.join('.')} (use = to set it alone)`;
}

function parseValue(text: string): unknown {
  const call = /^\s*([a-z]+)\s*\(([^)]*)\)\s*$/.exec(text);
  if (call) {
    if (!isCallName(call[1])) throw new Error(`unknown distribution "${call[1]}"; expected one of: ${Object.keys(DISTRIBUTIONS).join(', ')}`);
    const spec = DISTRIBUTIONS[call[1]];
    const args = call[2]
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== '');
    const names = [...spec.required, ...spec.optional];
    if (args.length < spec.required.length || args.length > names.length) {
      throw new Error(`${call[1]}(…) takes ${spec.required.join(', ')}${spec.optional.length ? ` [, ${spec.optional.join(', ')}]` : ''}`);
    }
    const out: Record<string, unknown> = { dist: call[1] };
    args.forEach((a, k) => {
      const n = Number(a);
      if (!Number.isFinite(n)) throw new Error(`${call[1]}(…): expected a number for ${names[k]}, got "${a}"`);
      out[names[k]] = n;
    });
    return out;
  }
  return parse(text);
}

/** The overrides of a model's variant (`variants: {NAME: {set: {PATH: VALUE}}}`), or a message. */
export function variantOverrides(variants: unknown, name: string): Override[] | string {
  const all = variants !== null && typeof variants === 'object' ? (variants as Record<string, { set?: Record<string, unknown> }>) : {};
  if (!Object.hasOwn(all, name)) {
    const known = Object.keys(all);
    return `--variant: no variant "${name}" in the model;${known.length ? `${didYouMean(name, known)} expected one of: ${known.join(', ')}` : ' it defines none (add a variants: section)'}`;
  }
  const out: Override[] = [];
  for (const [key, value] of Object.entries(all[name].set ?? {})) {
    const rebalance = key.endsWith('~');
    const pathText = rebalance ? key.slice(0, -1).trim() : key;
    const path = parsePath(pathText);
    if (typeof path === 'string') return `variants.${name}.set: ${path}`;
    const notWeight = rebalance ? rebalanceProblem(path) : undefined;
    if (notWeight !== undefined) return `variants.${name}.set.${key}: ${notWeight}`;
    try {
      const text = `${pathText}${rebalance ? '~=' : '='}${typeof value === 'string' ? value : JSON.stringify(value)} (variant ${name})`;
      out.push({ path, value: typeof value === 'string' ? parseValue(value) : value, text, ...(rebalance ? { rebalance } : {}) });
    } catch (e) {
      return `variants.${name}.set.${pathText}: ${(e as Error).message}`;
    }
  }
  return out;
}

/** Parses `PATH=VALUE` texts; returns the overrides or the message for the first bad one. */
export function parseOverrides(texts: readonly string[]): Override[] | string {
  const out: Override[] = [];
  for (const text of texts) {
    const eq = text.indexOf('=');
    if (eq <= 0) return `--set: expected PATH=VALUE (e.g. actors.russia.patience=0.9), got "${text}"`;
    const rebalance = text[eq - 1] === '~';
    const path = parsePath(text.slice(0, rebalance ? eq - 1 : eq).trim());
    if (typeof path === 'string') return `--set: ${path}`;
    const notWeight = rebalance ? rebalanceProblem(path) : undefined;
    if (notWeight !== undefined) return `--set ${text}: ${notWeight}`;
    try {
      out.push({ path, value: parseValue(text.slice(eq + 1)), text, ...(rebalance ? { rebalance } : {}) });
    } catch (e) {
      return `--set ${text}: ${(e as Error).message}`;
    }
  }
  return out;
}
