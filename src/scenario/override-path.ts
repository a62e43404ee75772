/**
 * Whether a `--set` path leads somewhere in the model, and if not, what the user likely meant:
 * the first step that goes wrong (`actors.rusia…`: no actor "rusia") with the closest valid
 * names and the full list of them, or a value that was treated as a section.
 *
 * Setting a field that the model leaves out is fine where the format allows it (an optional
 * field, a new actor, issue, option or variant); a new key under a salience, preference,
 * effect or condition must name an existing issue, option or actor (`interactions[0].effect.us`
 * adds an effect on the US).
 */
import { unknownName } from './closest-names.ts';
import { formatPath, valueAt, type FieldPath } from './problems.ts';
import { fieldNamesAt } from './schema-at.ts';

type Dict = Record<string, unknown>;

function dict(x: unknown): Dict | undefined {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Dict) : undefined;
}

function keysOf(x: unknown): string[] {
  return Object.keys(dict(x) ?? {});
}

/** What the keys of the map at `at` name (`of`: whose), which names are valid, and whether a new one may be added. */
function keysAt(raw: unknown, at: FieldPath): { kind: string; of?: string; names: string[]; open: boolean } {
  const doc = dict(raw) ?? {};
  const [first, second, third, fourth] = at;
  const actors = { kind: 'actor', names: keysOf(doc.actors) };
  const issues = { kind: 'issue', names: keysOf(doc.issues) };
  if (at.length === 1 && first === 'actors') return { ...actors, open: true };
  if (at.length === 1 && first === 'issues') return { ...issues, open: true };
  if (at.length === 1 && first === 'variants') return { kind: 'variant', names: keysOf(doc.variants), open: true };
  if (at.length === 3 && first === 'issues' && third === 'options')
    return { kind: 'option', of: `of issue "${String(second)}"`, names: keysOf(dict(dict(doc.issues)?.[second as string])?.options), open: true };
  if (at.length === 3 && first === 'actors' && (third === 'salience' || third === 'preferences')) return { ...issues, open: false };
  if (at.length === 4 && first === 'actors' && third === 'preferences') {
    const issue = dict(dict(doc.issues)?.[fourth as string]);
    if (issue?.kind !== 'continuous') return { kind: 'option', of: `of issue "${String(fourth)}"`, names: keysOf(issue?.options), open: false };
  }
  if (at.length === 3 && (first === 'interactions' || first === 'infeasible') && third === 'when') return { ...issues, open: false };
  if (at.length === 3 && first === 'interactions' && third === 'effect') return { ...actors, open: false };
  const fields = fieldNamesAt(at, raw);
  if (fields !== undefined) return { kind: 'field', names: fields, open: false };
  return { kind: 'key', names: keysOf(valueAt(raw, at)), open: true };
}

/** The problem with setting `path` in the document `raw`, or undefined if it can be set. */
export function overridePathProblem(raw: unknown, path: FieldPath): string | undefined {
  for (let k = 0; k < path.length; k++) {
    const at = path.slice(0, k);
    const key = path[k];
    const container = valueAt(raw, at);
    const leaf = k === path.length - 1;
    if (Array.isArray(container)) {
      if (typeof key === 'number' && key < container.length) continue;
      const range = container.length === 0 ? 'it is empty' : `it has ${formatPath([...at, 0])} to ${formatPath([...at, container.length - 1])}`;
      return `no ${formatPath([...at, key])}: ${range}`;
    }
    const map = dict(container);
    if (map === undefined) {
      const shown = JSON.stringify(container);
      return `${formatPath(at)} is a value (${shown}), not a section with fields; set it whole, e.g. --set ${formatPath(at)}=…`;
    }
    if (Object.hasOwn(map, key)) continue;
    const { kind, of, names, open } = keysAt(raw, at);
    const known = names.includes(String(key));
    if (leaf && (open || known)) return undefined;
    // A field the format has, or an actor or issue the model has, that is left out here: it cannot be set piece by piece.
    if (known) return `${formatPath([...at, key])} is not in the model; set it whole, e.g. --set ${formatPath([...at, key])}=…`;
    return unknownName(kind, String(key), names, of);
  }
  return undefined;
}
