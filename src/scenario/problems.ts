/**
 * Problems a user can cause in a model file (or an override): values, not exceptions.
 * Each names the file, the field path (e.g. `actors.russia.patience`), the line when known,
 * and what was expected.
 */
import { thousands } from '../format/numbers.ts';
export type FieldPath = ReadonlyArray<string | number>;

export interface ScenarioProblem {
  file: string;
  path: FieldPath;
  message: string;
  line?: number;
  column?: number;
}

export function formatPath(path: FieldPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out === '' ? '(top level)' : out;
}

/** The value at `path` in a parsed document (undefined where there is none). */
export function valueAt(raw: unknown, path: FieldPath): unknown {
  let value = raw;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
  return value;
}

export function formatProblem(p: ScenarioProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
  // A problem of the whole file (it cannot be read, it is not YAML) has no field to name.
  return p.path.length === 0 ? `${where}: ${p.message}` : `${where}: ${formatPath(p.path)}: ${p.message}`;
}

/** At most this many problems are printed; the rest are counted (a file of a million unknown keys stays readable). */
export const MAX_PROBLEMS_LISTED = 50;

/** The problems as lines, the first MAX_PROBLEMS_LISTED of them and a count of the rest. */
export function formatProblems(problems: readonly ScenarioProblem[]): string[] {
  const lines = problems.slice(0, MAX_PROBLEMS_LISTED).map(formatProblem);
  const more = problems.length - lines.length;
  if (more > 0) lines.push(`… and ${thousands(more)} more problem${more === 1 ? '' : 's'} (fix these first)`);
  return lines;
}

/** Thrown by the programmatic API when a model does not validate; the CLI prints `problems`. */
export class ScenarioValidationError extends Error {
  readonly problems: readonly ScenarioProblem[];
  constructor(problems: readonly ScenarioProblem[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the model:\n${formatProblems(problems).join('\n')}`);
    this.name = 'ScenarioValidationError';
    this.problems = problems;
  }
}
