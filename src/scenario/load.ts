/**
 * Model-file text (YAML or JSON; JSON is YAML 1.2) into a validated `Scenario`; no file access
 * (src/node/model-file.ts reads the file).
 * Every problem — syntax, schema, references, sums — is collected in one pass and returned
 * with its file, field path and line.
 */
import { LineCounter, parseDocument, isMap, isNode, isSeq, type Document } from 'yaml';
import { variantOverrides, type Override } from './overrides.ts';
import type { z } from 'zod';
import { scenarioSchema, type Scenario } from './schema.ts';
import { semanticProblems, type FieldProblem } from './semantic-checks.ts';
import { formatPath, type FieldPath, type ScenarioProblem } from './problems.ts';

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

/** Flattens zod issues into field problems, descending into union branches for the best match. */
function zodProblems(issues: readonly z.core.$ZodIssue[], base: FieldPath = []): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...path, key], message: 'unknown field' });
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch that got furthest: its problems are the fewest and deepest.
      const branches = issue.errors.map((e) => zodProblems(e, path));
      branches.sort((a, b) => depth(b) - depth(a) || a.length - b.length);
      out.push(...(branches[0].length > 0 && depth(branches[0]) > path.length ? branches[0] : [{ path, message: issue.message }]));
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
  const fieldProblems = [...(parsed.success ? [] : zodProblems(parsed.error.issues)), ...semanticProblems(raw)];
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

/** The line and column of the deepest existing node on `path`. */
function locator(doc: Document, lines: LineCounter) {
  return (path: FieldPath) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const { line, col } = lines.linePos(node.range[0]);
        return { line, column: col };
      }
    }
    return undefined;
  };
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
    const fromVariant = variantOverrides(doc.toJS()?.variants, variant);
    if (typeof fromVariant === 'string') return { ok: false, problems: [{ file, path: ['variants'], message: fromVariant }] };
    overrides = [...fromVariant, ...cliOverrides];
  }
  const overrideProblems: ScenarioProblem[] = [];
  for (const o of overrides) {
    const parent = doc.getIn(o.path.slice(0, -1), true);
    if (o.path.length > 1 && !isMap(parent) && !isSeq(parent)) {
      overrideProblems.push({ file: `--set ${o.text}`, path: o.path, message: `no such field: ${formatPath(o.path.slice(0, -1))} is not in ${file}` });
      continue;
    }
    doc.setIn(o.path, doc.createNode(o.value));
  }
  if (overrideProblems.length > 0) return { ok: false, problems: overrideProblems };
  const raw: unknown = doc.toJS();
  const result = validateScenario(raw, file, locator(doc, lines));
  if (result.ok || overrides.length === 0) return { ...result, raw };
  // A problem inside an overridden field is the override's: name it instead of the file's line.
  const within = (path: FieldPath, prefix: FieldPath) => prefix.length <= path.length && prefix.every((k, i) => String(k) === String(path[i]));
  const problems = result.problems.map((p) => {
    const o = overrides.find((x) => within(p.path, x.path));
    return o ? { file: `--set ${o.text}`, path: p.path, message: p.message } : p;
  });
  return { ok: false, problems, raw };
}
