/**
 * JSON text → a plain value, keeping where each field is: JSON is YAML 1.2, so the `yaml`
 * package's parser (as scenario/load.ts uses it) gives every node its position, and a problem
 * found later by field path can name its line.
 */
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { ImportProblem } from './spatial-data.ts';

export type JsonPath = readonly (string | number)[];

export type JsonResult = { ok: true; value: unknown; lineOf: (path: JsonPath) => number | undefined } | { ok: false; problems: ImportProblem[] };

export function parseJsonWithLines(text: string, file: string): JsonResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => ({ file, line: e.linePos?.[0].line, message: `not valid JSON: ${e.message.split('\n')[0]}` })) };
  }
  const lineOf = (path: JsonPath): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { ok: true, value: doc.toJS() as unknown, lineOf };
}

/** `x` as a JSON object (not an array, not null), or undefined. */
export function asObject(x: unknown): Record<string, unknown> | undefined {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
}
