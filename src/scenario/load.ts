/**
 * Reading a model file (YAML or JSON; JSON is YAML 1.2) into a validated `Scenario`.
 * Every problem — syntax, schema, references, sums — is collected in one pass and returned
 * with its file, field path and line.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isNode, isScalar, isSeq, type Document } from 'yaml';
import { variantOverrides, type Override } from './overrides.ts';
import type { z } from 'zod';
import { scenarioSchema, type Scenario } from './schema.ts';
import { semanticProblems, type FieldProblem } from './semantic-checks.ts';
import { ScenarioValidationError, valueAt, type FieldPath, type ScenarioProblem } from './problems.ts';
import { didYouMean, unknownName } from './closest-names.ts';
import { fieldNamesAt } from './schema-at.ts';
import { overridePathProblem } from './override-path.ts';
import { rebalanceSaliences, type Rebalancing } from './rebalance.ts';

/** A valid scenario (with the issue weights `~=` rescaled, if any), or every problem found. */
export type ParseResult = { ok: true; scenario: Scenario; rebalanced?: Rebalancing[] } | { ok: false; problems: ScenarioProblem[] };

/** The strings a zod issue lists as allowed (an enum's options), if it lists any. */
function allowedStrings(issue: z.core.$ZodIssue): string[] | undefined {
  if (issue.code === 'invalid_value' && issue.values.every((v) => typeof v === 'string')) return issue.values as string[];
  return undefined;
}

/**
 * Flattens zod issues into field problems, descending into union branches for the best match.
 * A mistyped field, option or distribution name gets the closest valid names (`raw`, the parsed
 * document, tells which fields the object there may have).
 */
function zodProblems(issues: readonly z.core.$ZodIssue[], raw: unknown, base: FieldPath = []): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as (string | number)[])];
    const input = valueAt(raw, path);
    const allowed = allowedStrings(issue);
    // A discriminated union names its tag and the tags it knows (not in zod's issue types).
    const tagged = issue as { discriminator?: unknown; options?: unknown };
    if (issue.code === 'unrecognized_keys') {
      const fields = fieldNamesAt(path, raw) ?? [];
      for (const key of issue.keys) out.push({ path: [...path, key], message: unknownName('field', key, fields) });
    } else if (issue.code === 'invalid_union' && typeof input === 'string' && tagged.discriminator !== undefined && Array.isArray(tagged.options)) {
      // An unknown `dist` or `kind`: which of the known ones was meant.
      out.push({ path, message: unknownName(String(tagged.discriminator), input, tagged.options.map(String)) });
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch that got furthest: its problems are the fewest and deepest.
      const branches = issue.errors.map((e) => zodProblems(e, raw, path));
      branches.sort((a, b) => depth(b) - depth(a) || a.length - b.length);
      if (branches[0].length > 0 && depth(branches[0]) > path.length) {
        out.push(...branches[0]);
      } else {
        // A word close to one a branch allows (`bulware` for a concession style) says which.
        const words = issue.errors.flat().flatMap((e) => (e.path.length === 0 ? (allowedStrings(e) ?? []) : []));
        out.push({ path, message: `${issue.message}${typeof input === 'string' ? didYouMean(input, words).replace(/^ /, '; ') : ''}` });
      }
    } else if (allowed !== undefined && typeof input === 'string') {
      out.push({ path, message: unknownName('value', input, allowed) });
    } else {
      out.push({ path, message: issue.message });
    }
  }
  return out;
}

function depth(problems: FieldProblem[]): number {
  return problems.reduce((m, p) => Math.max(m, p.path.length), 0);
}

/** Validates a plain object (already parsed) as a scenario; `locate` maps a path to a line. */
export function validateScenario(
  raw: unknown,
  file: string,
  locate: (path: FieldPath) => { line: number; column: number } | undefined = () => undefined,
): ParseResult {
  const parsed = scenarioSchema.safeParse(raw);
  const fieldProblems = [...(parsed.success ? [] : zodProblems(parsed.error.issues, raw)), ...semanticProblems(raw)];
  const seen = new Set<string>();
  const problems: ScenarioProblem[] = [];
  for (const p of fieldProblems) {
    const key = `${p.path.join('\u0000')}|${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ file, path: p.path, message: p.message, ...locate(p.path) });
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, scenario: parsed.data };
}

/**
 * The line and column of the deepest existing node on `path`: the key that names it in its map
 * (so a field written as a block points at its own line, not its first child's), else the node.
 */
function locator(doc: Document, lines: LineCounter) {
  return (path: FieldPath) => {
    for (let n = path.length; n >= 0; n--) {
      const parent = n > 0 ? doc.getIn(path.slice(0, n - 1), true) : undefined;
      const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[n - 1])) : undefined;
      const node = isNode(pair?.key) ? pair.key : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const { line, col } = lines.linePos(node.range[0]);
        return { line, column: col };
      }
    }
    return undefined;
  };
}

/** Appends a variant's hard constraints (`variants.NAME.constraints`) to the model's `constraints` list. */
function addVariantConstraints(doc: Document, variant: string): void {
  const added = doc.getIn(['variants', variant, 'constraints'], true);
  if (!isSeq(added) || added.items.length === 0) return;
  const existing = doc.getIn(['constraints'], true);
  if (existing === undefined || existing === null) doc.setIn(['constraints'], doc.createNode([]));
  else if (!isSeq(existing)) return; // the schema reports a malformed constraints field
  for (const item of added.items) doc.addIn(['constraints'], item);
}

/** Parses model-file text; `file` is only used in messages. */
export function parseScenarioText(text: string, file: string, cliOverrides: readonly Override[] = [], variant?: string): ParseResult & { raw?: unknown } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return { file, path: [], message: `not valid YAML/JSON: ${e.message.split('\n')[0]}`, line: pos?.line, column: pos?.col };
      }),
    };
  }
  // A variant's overrides first, then --set, so the command line has the last word.
  let overrides: readonly Override[] = cliOverrides;
  if (variant !== undefined) {
    const variants = doc.toJS()?.variants;
    const fromVariant = variantOverrides(variants, variant);
    if (typeof fromVariant === 'string') return { ok: false, problems: [{ file, path: ['variants'], message: fromVariant }] };
    overrides = [...fromVariant, ...cliOverrides];
    addVariantConstraints(doc, variant);
  }
  const asWritten: unknown = doc.toJS();
  const overrideProblems: ScenarioProblem[] = [];
  for (const o of overrides) {
    const pathProblem = overridePathProblem(doc.toJS(), o.path);
    if (pathProblem !== undefined) {
      overrideProblems.push({ file: `--set ${o.text}`, path: o.path, message: pathProblem });
      continue;
    }
    doc.setIn(o.path, doc.createNode(o.value));
  }
  if (overrideProblems.length > 0) return { ok: false, problems: overrideProblems };
  // `~=`: rescale the other issue weights of the actors whose weights were set that way.
  const rebalancing = rebalanceSaliences(asWritten, doc.toJS(), overrides);
  if (rebalancing.problems.length > 0) return { ok: false, problems: rebalancing.problems.map((p) => ({ file: `--set ${p.override.text}`, path: p.path, message: p.message })) };
  for (const change of rebalancing.changes) doc.setIn(change.path, doc.createNode(change.value));
  const raw: unknown = doc.toJS();
  const result = validateScenario(raw, file, locator(doc, lines));
  if (result.ok) return { ...result, rebalanced: rebalancing.rebalanced, raw };
  if (overrides.length === 0) return { ...result, raw };
  // A problem inside an overridden field is the override's (the last to touch it): name it instead
  // of the file's line. A rebalancing override touches every weight of its actor. So is a problem
  // with a small section an override changed (the sum of an actor's weights after one was set).
  const within = (path: FieldPath, prefix: FieldPath) => prefix.length <= path.length && prefix.every((k, i) => String(k) === String(path[i]));
  const latest = [...overrides].reverse();
  const problems = result.problems.map((p) => {
    const o =
      latest.find((x) => within(p.path, x.rebalance ? x.path.slice(0, -1) : x.path)) ??
      (p.path.length >= 3 ? latest.find((x) => within(x.path, p.path)) : undefined);
    return o ? { file: `--set ${o.text}`, path: p.path, message: p.message } : p;
  });
  return { ok: false, problems, raw };
}

/** Reads and validates a model file; problems (including a missing file) come back as values. */
export function readScenarioFile(file: string, overrides: readonly Override[] = [], variant?: string): ParseResult & { text?: string; raw?: unknown } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'expected a file, got a directory' : `cannot read the file (${code ?? String(e)})`;
    return { ok: false, problems: [{ file, path: [], message }] };
  }
  return { ...parseScenarioText(text, file, overrides, variant), text };
}

/** Like `readScenarioFile` but throws `ScenarioValidationError` (for the programmatic API). */
export function loadScenario(file: string): Scenario {
  const result = readScenarioFile(file);
  if (!result.ok) throw new ScenarioValidationError(result.problems);
  return result.scenario;
}
