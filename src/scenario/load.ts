/**
 * Model-file text (YAML or JSON; JSON is YAML 1.2) into a validated `Scenario`; no file access
 * (src/node/model-file.ts reads the file).
 * Every problem — syntax, schema, references, sums — is collected in one pass and returned
 * with its file, field path and line.
 */
import { LineCounter, parseDocument, isMap, isNode, isScalar, isSeq, visit, type Document } from 'yaml';
import { variantOverrides, type Override } from './overrides.ts';
import type { z } from 'zod';
import { scenarioSchema, type Scenario } from './schema.ts';
import { semanticProblems, type FieldProblem } from './semantic-checks.ts';
import { MAX_PROBLEMS_LISTED, valueAt, type FieldPath, type ScenarioProblem } from './problems.ts';
import { didYouMean, unknownName } from './closest-names.ts';
import { fieldNamesAt } from './schema-at.ts';
import { expectedWords, valueWords } from './type-words.ts';
import { overridePathProblem } from './override-path.ts';
import { rebalanceSaliences, type Rebalancing } from './rebalance.ts';
import { thousands } from '../format/numbers.ts';

/** A valid scenario (with the issue weights `~=` rescaled, if any), or every problem found. */
export type ParseResult = { ok: true; scenario: Scenario; rebalanced?: Rebalancing[] } | { ok: false; problems: ScenarioProblem[] };

/** Unknown keys of one object that get "did you mean" (the problems printed are at most MAX_PROBLEMS_LISTED). */
const SUGGESTED_KEYS = 2 * MAX_PROBLEMS_LISTED;

/** The strings a zod issue lists as allowed (an enum's options), if it lists any. */
function allowedStrings(issue: z.core.$ZodIssue): string[] | undefined {
  if (issue.code === 'invalid_value' && issue.values.every((v) => typeof v === 'string')) return issue.values;
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
      // Suggestions only for keys that can be among the problems printed: a file of 250,000 unknown
      // keys would otherwise spend seconds on names nobody reads.
      issue.keys.forEach((key, k) => out.push({ path: [...path, key], message: unknownName('field', key, fields, undefined, k < SUGGESTED_KEYS) }));
    } else if (issue.code === 'invalid_union' && typeof input === 'string' && typeof tagged.discriminator === 'string' && Array.isArray(tagged.options)) {
      // An unknown `dist` or `kind`: which of the known ones was meant.
      out.push({ path, message: unknownName(tagged.discriminator, input, tagged.options.map(String)) });
    } else if (issue.code === 'invalid_union' && input === undefined && typeof tagged.discriminator === 'string' && Array.isArray(tagged.options)) {
      // A mapping without its `dist` or `kind`: zod's "Invalid discriminator value" says neither.
      out.push({ path, message: `missing; expected one of: ${tagged.options.map(String).join(', ')}` });
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
    } else if (issue.code === 'invalid_key' && issue.issues.length > 0) {
      // A record key that is no id: say what an id is, not "Invalid key in record".
      out.push({ path, message: issue.issues[0].message });
    } else if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
      out.push({ path, message: `missing; expected ${expectedWords(issue.expected)}` });
    } else if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input: expected')) {
      // zod's own wording (the schema's messages, e.g. "expected a number or a distribution", stay).
      out.push({ path, message: `expected ${expectedWords(issue.expected)}, got ${valueWords(input)}` });
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
  if (raw === null || raw === undefined)
    return {
      ok: false,
      problems: [
        {
          file,
          path: [],
          message: 'the file holds no model (it is empty, or only comments): expected name, issues, actors, … (`parley init NAME` writes a template)',
        },
      ],
    };
  const parsed = scenarioSchema.safeParse(raw);
  const fieldProblems = [...(parsed.success ? [] : zodProblems(parsed.error.issues, raw)), ...semanticProblems(raw)];
  const seen = new Set<string>();
  const problems: ScenarioProblem[] = [];
  for (const p of fieldProblems) {
    const key = `${p.path.join('\u0000')}|${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Only the problems that will be printed are located (locating is a walk of the document each).
    problems.push({ file, path: p.path, message: p.message, ...(problems.length < MAX_PROBLEMS_LISTED ? locate(p.path) : {}) });
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
function addVariantConstraints(doc: Document, variant: string): boolean {
  const added = doc.getIn(['variants', variant, 'constraints'], true);
  if (!isSeq(added) || added.items.length === 0) return false;
  const existing = doc.getIn(['constraints'], true);
  if (existing === undefined || existing === null) doc.setIn(['constraints'], doc.createNode([]));
  else if (!isSeq(existing)) return false; // the schema reports a malformed constraints field
  for (const item of added.items) doc.addIn(['constraints'], item);
  return true;
}

/**
 * How far YAML aliases may expand: the yaml package's measure (aliases resolved × the nodes each
 * copies). A model needs none; a few hundred copies of a small anchor pass, an alias bomb does not.
 */
export const MAX_ALIAS_EXPANSION = 10_000;

/**
 * The document as plain data, or the problem that stops it: an alias without its anchor, aliases
 * that would expand past MAX_ALIAS_EXPANSION (an "alias bomb"), nesting too deep for the reader —
 * each at the line of the alias (or the file) it concerns.
 */
function documentData(doc: Document, file: string, lines: LineCounter): { ok: true; data: unknown } | { ok: false; problems: ScenarioProblem[] } {
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION }) };
  } catch (e) {
    if (!(e instanceof ReferenceError) && !(e instanceof RangeError)) throw e;
    const at = (offset: number | undefined) => {
      if (offset === undefined) return {};
      const { line, col } = lines.linePos(offset);
      return { line, column: col };
    };
    const aliases: { name: string; offset?: number; resolved: boolean }[] = [];
    visit(doc, {
      Alias(_, node) {
        aliases.push({ name: node.source, offset: node.range?.[0], resolved: node.resolve(doc) !== undefined });
      },
    });
    const unresolved = aliases.find((a) => !a.resolved);
    if (unresolved !== undefined) {
      return {
        ok: false,
        problems: [
          {
            file,
            path: [],
            message: `not valid YAML: the alias *${unresolved.name} names no anchor &${unresolved.name} defined before it`,
            ...at(unresolved.offset),
          },
        ],
      };
    }
    if (e instanceof ReferenceError && aliases.length > 0) {
      return {
        ok: false,
        problems: [
          {
            file,
            path: [],
            message: `YAML aliases here would expand past ${thousands(MAX_ALIAS_EXPANSION)} copied nodes (an alias bomb?); write the values out or use fewer aliases`,
            ...at(aliases[0].offset),
          },
        ],
      };
    }
    return { ok: false, problems: [{ file, path: [], message: `cannot be read: it is nested too deeply or too large (${e.message})` }] };
  }
}

/** Keys that appear twice in one map, each at its line: a model must say each thing once. */
function duplicateKeys(doc: Document, file: string, lines: LineCounter): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        if (seen.has(key)) {
          const pos = isNode(pair.key) && pair.key.range ? lines.linePos(pair.key.range[0]) : undefined;
          problems.push({ file, path: [], message: `not valid YAML/JSON: Map keys must be unique; "${key}" appears twice`, line: pos?.line, column: pos?.col });
        }
        seen.add(key);
      }
    },
  });
  return problems;
}

/** Parses model-file text; `file` is only used in messages. */
export function parseScenarioText(text: string, file: string, cliOverrides: readonly Override[] = [], variant?: string): ParseResult & { raw?: unknown } {
  const lines = new LineCounter();
  let doc: Document;
  try {
    // Duplicate keys are found below in one pass: the yaml package's own check compares every pair
    // of keys of a map, minutes for a file of a few hundred thousand keys.
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: false });
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, problems: [{ file, path: [], message: `cannot be read: it is nested too deeply (${e.message})` }] };
    throw e;
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return { file, path: [], message: `not valid YAML/JSON: ${e.message.split('\n')[0]}`, line: pos?.line, column: pos?.col };
      }),
    };
  }
  const duplicates = duplicateKeys(doc, file, lines);
  if (duplicates.length > 0) return { ok: false, problems: duplicates };
  const data = documentData(doc, file, lines);
  if (!data.ok) return data;
  // A variant's overrides first, then --set, so the command line has the last word.
  let overrides: readonly Override[] = cliOverrides;
  /** Whether the document changed beyond the overrides (a variant's constraints). */
  let changed = false;
  if (variant !== undefined) {
    const fromVariant = variantOverrides((data.data as { variants?: unknown } | null)?.variants, variant);
    if (typeof fromVariant === 'string') return { ok: false, problems: [{ file, path: ['variants'], message: fromVariant }] };
    overrides = [...fromVariant, ...cliOverrides];
    changed = addVariantConstraints(doc, variant);
  }
  const asWritten: unknown = data.data;
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
  const afterOverrides = overrides.length === 0 && !changed ? data : documentData(doc, file, lines);
  if (!afterOverrides.ok) return afterOverrides;
  // `~=`: rescale the other issue weights of the actors whose weights were set that way.
  const rebalancing = rebalanceSaliences(asWritten, afterOverrides.data, overrides);
  if (rebalancing.problems.length > 0)
    return { ok: false, problems: rebalancing.problems.map((p) => ({ file: `--set ${p.override.text}`, path: p.path, message: p.message })) };
  for (const change of rebalancing.changes) doc.setIn(change.path, doc.createNode(change.value));
  const raw: unknown = rebalancing.changes.length === 0 ? afterOverrides.data : doc.toJS();
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
