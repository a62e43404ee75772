/**
 * Fuzzing `parley merge` with random edits to one shard's aggregate.json or manifest.json (seeded,
 * so every failure reproduces): a changed value, a deleted or added key, a shorter or longer
 * array, a flipped byte, a truncated file.
 *
 * Left as edited (the digest not recomputed), every edit is refused with the shard's folder named,
 * or provably harmless: the merged summary.json is byte-identical to the honest merge.
 *
 * Forged (every SHA-256 and the digest recomputed, as anyone can), the invariants must catch it.
 * What they cannot catch is a count still within every bound; so an accepted forgery that changes
 * the summary must have edited only cells of the kinds whose invariants are bounds rather than
 * totals (counts, exact sums, the trace's deal counts: the blind spot the README states), and the
 * summary it gives must still be self-consistent (shares in [0, 1], outcomes adding up to the runs,
 * every number finite): never a negative share or a NaN.
 */
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARLEY_VERSION } from '../../src/cli/main.ts';
import { mergeShardFolders } from '../../src/cli/merge-command.ts';
import { UsageError } from '../../src/node/usage-error.ts';
import { AGGREGATE_FIELDS, type AggregateField } from '../../src/simulation/aggregate-fields.ts';
import type { Summary } from '../../src/simulation/summary-types.ts';
import { redigest, runShards, type Json } from './shard-forgery.ts';

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

/** New values for a leaf: near misses, wrong kinds, extremes. */
function mutateValue(rng: Rng, value: unknown): unknown {
  if (typeof value === 'number') {
    return pick(rng, [
      value + 1,
      value - 1,
      value + Math.floor(rng() * 1000) - 500,
      value * 2,
      -value,
      0,
      value + 0.5,
      1e300,
      null,
      String(value),
      true,
      2 ** 53,
    ]);
  }
  if (typeof value === 'string') return pick(rng, ['', `${value}x`, value.slice(1), 0, null, value.toUpperCase()]);
  return pick(rng, [null, 0, 'x', [], {}]);
}

/** Every path to a leaf (a number, string, boolean or null) in `json`. */
function leaves(json: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (json !== null && typeof json === 'object') {
    const entries = Array.isArray(json) ? json.map((v, k) => [k, v] as const) : Object.entries(json);
    if (entries.length === 0) out.push(path);
    for (const [k, v] of entries) leaves(v, [...path, k], out);
  } else {
    out.push(path);
  }
  return out;
}

function parentOf(json: Json, path: (string | number)[]): { parent: Record<string | number, unknown>; key: string | number } {
  let parent = json as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  return { parent, key: path[path.length - 1] };
}

/** One random edit of a JSON file's text; returns the new text and what it did. */
function editJsonText(rng: Rng, text: string, isAggregate: boolean): { text: string; what: string } {
  const kind = rng();
  if (kind < 0.15) {
    // Byte-level: flip, truncate, or add whitespace.
    const at = Math.floor(rng() * text.length);
    const how = pick(rng, ['flip', 'truncate', 'space', 'duplicate-line'] as const);
    if (how === 'flip')
      return { text: text.slice(0, at) + pick(rng, ['0', '9', '-', '.', '"', ',', ']', 'e']) + text.slice(at + 1), what: `byte ${at} flipped` };
    if (how === 'truncate') return { text: text.slice(0, at), what: `truncated at ${at}` };
    if (how === 'space') return { text: text.slice(0, at) + ' ' + text.slice(at), what: `space at ${at}` };
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const lineEnd = text.indexOf('\n', at);
    return { text: text.slice(0, lineEnd + 1) + text.slice(lineStart, lineEnd + 1) + text.slice(lineEnd + 1), what: `line at ${at} duplicated` };
  }
  const json = JSON.parse(text) as Json;
  // Aggregate: a field first, then a cell, so the small fields are edited as often as the histogram.
  let path: (string | number)[];
  if (isAggregate) {
    const field = pick(rng, Object.keys(json));
    path = [field, ...pick(rng, leaves(json[field]))];
  } else {
    path = pick(rng, leaves(json));
  }
  const { parent, key } = parentOf(json, path);
  const structural = rng() < 0.2;
  if (structural) {
    const how = pick(rng, ['delete', 'push', 'pop', 'rename'] as const);
    const array = Array.isArray(parent) ? (parent as unknown[]) : undefined;
    if (how === 'push' && array) array.push(0);
    else if (how === 'pop' && array) array.pop();
    else if (how === 'rename' && !array) {
      parent[`${String(key)}_`] = parent[key];
      delete parent[key];
    } else if (!array) delete parent[key];
    else {
      // Deleting from an array: the whole array goes.
      const container = parentOf(json, path.slice(0, -1));
      delete container.parent[container.key];
    }
    return { text: JSON.stringify(json, null, 2) + '\n', what: `${how} at ${path.join('.')}` };
  }
  const before = parent[key];
  parent[key] = mutateValue(rng, before);
  return { text: JSON.stringify(json, null, 2) + '\n', what: `${path.join('.')}: ${JSON.stringify(before)} → ${JSON.stringify(parent[key])}` };
}

/** Fields whose invariants are bounds, not totals: a forged cell within its bound is not detectable. */
const BOUNDED_KINDS = new Set(['count', 'exact-sum', 'trace-deals']);
const boundedOnly = (fields: string[]) =>
  fields.length > 0 && fields.every((f) => Object.hasOwn(AGGREGATE_FIELDS, f) && BOUNDED_KINDS.has(AGGREGATE_FIELDS[f as AggregateField].kind));

/** Top-level keys whose values differ between two texts of JSON (every key if one does not parse). */
function changedFields(before: string, after: string): string[] {
  let a: unknown;
  let b: unknown;
  try {
    a = JSON.parse(before);
    b = JSON.parse(after);
  } catch {
    return ['(unparseable)'];
  }
  const isObject = (x: unknown): x is Json => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (!isObject(a) || !isObject(b)) return ['(not an object)'];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** A summary a reader can trust the form of: every number finite, shares in [0, 1], outcomes adding up to the runs. */
function selfConsistent(summary: Summary): string | undefined {
  const problems: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'number' && !Number.isFinite(value)) problems.push(`${path} = ${value}`);
    if (value !== null && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.share === 'number' && typeof o.low === 'number' && typeof o.high === 'number' && typeof o.count === 'number') {
        if (!(o.count >= 0 && 0 <= o.low && o.low <= o.share && o.share <= o.high && o.high <= 1)) problems.push(`${path}: ${JSON.stringify(o)}`);
      }
      for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
    }
  };
  walk(summary, 'summary');
  if (Object.values(summary.outcomes).reduce((n, p) => n + p.count, 0) !== summary.runs) problems.push('outcomes do not add up to the runs');
  return problems.length === 0 ? undefined : problems.join('; ');
}

describe('fuzzing parley merge with random edits to a shard', () => {
  const work = mkdtempSync(join(tmpdir(), 'parley-merge-fuzz-'));
  let shards: string[] = [];
  let honestSummary = '';
  const originals = new Map<string, string>();
  beforeAll(async () => {
    shards = await runShards(work, { runs: 2500, count: 3, seed: 'fuzz', saveRuns: false });
    for (const dir of shards) for (const name of ['aggregate.json', 'manifest.json']) originals.set(join(dir, name), readFileSync(join(dir, name), 'utf8'));
    honestSummary = JSON.stringify((await mergeShardFolders(shards, PARLEY_VERSION)).summary, null, 2);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  /** Puts back what an edit changed: the edited file, and the manifest a forger rewrote. */
  const restore = (files: string[]) => {
    for (const file of files) writeFileSync(file, originals.get(file)!);
  };

  async function outcome(dir: string): Promise<{ refused: string } | { summary: Summary; same: boolean }> {
    try {
      const merged = await mergeShardFolders(shards, PARLEY_VERSION);
      const text = JSON.stringify(merged.summary, null, 2);
      return { summary: merged.summary, same: text === honestSummary };
    } catch (e) {
      if (!(e instanceof UsageError)) throw new Error(`not a usage error after editing ${dir}: ${(e as Error).stack}`);
      return { refused: e.message };
    }
  }

  for (const forged of [false, true]) {
    const edits = forged ? 150 : 250;
    it(`${edits} edits ${forged ? 'with the digest forged' : 'left as edited'}: refused naming the shard, or ${forged ? 'within the stated blind spot' : 'harmless'}`, async () => {
      const rng = seedrandom(forged ? 'merge-fuzz-forged' : 'merge-fuzz');
      const tally = { refused: 0, harmless: 0, blindSpot: 0 };
      for (let k = 0; k < edits; k++) {
        const dir = pick(rng, shards);
        const name = rng() < 0.65 ? 'aggregate.json' : 'manifest.json';
        const file = join(dir, name);
        const before = originals.get(file)!;
        const { text, what } = editJsonText(rng, before, name === 'aggregate.json');
        const label = `edit ${k} (${forged ? 'forged' : 'as edited'}): ${dir.slice(work.length + 1)}/${name}: ${what}`;
        writeFileSync(file, text);
        if (forged) {
          try {
            redigest(dir);
          } catch {
            // A manifest edited past what the forger's script can read: merge gets it as edited.
          }
        }
        const result = await outcome(dir);
        restore(forged ? [file, join(dir, 'manifest.json')] : [file]);
        if ('refused' in result) {
          expect(result.refused, label).toContain(dir);
          tally.refused++;
        } else if (result.same) {
          // Left as edited, aggregate.json passes its SHA-256 only when the edit changed no byte.
          if (!forged && name === 'aggregate.json') expect(text, `${label}: accepted`).toBe(before);
          tally.harmless++;
        } else {
          expect(forged, `${label}: accepted with another summary`).toBe(true);
          expect(name === 'aggregate.json' && boundedOnly(changedFields(before, text)), `${label}: accepted, summary changed, outside the blind spot`).toBe(
            true,
          );
          expect(selfConsistent(result.summary), label).toBeUndefined();
          tally.blindSpot++;
        }
      }
      // The fuzz must reach every outcome it claims to sort, or it tests less than it says.
      expect(tally.refused).toBeGreaterThan(edits / 2);
      expect(tally.harmless).toBeGreaterThan(0);
    });
  }
});
