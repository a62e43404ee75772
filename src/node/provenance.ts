/**
 * A batch's provenance (simulation/provenance.ts) from what the disk holds: the model record a
 * run folder's manifest.json keeps (`model: {file, sha256, overrides, variant, rebalanced}`), or
 * a model just read. The override digest is the first six hex digits of the SHA-256 of the
 * overrides, one per line with a final newline, so the same `--set`s in the same order always
 * give the same digest. The model file is shown as typed when that was a relative path, else by
 * its name alone: no output names a folder of the machine it ran on.
 */
import { basename, isAbsolute } from 'node:path';
import { describeRebalancing, type Rebalancing } from '../scenario/rebalance.ts';
import type { Provenance } from '../simulation/provenance.ts';
import { sha256 } from './sha256.ts';
import { shellQuote } from './shell-quote.ts';

/** The model record of manifest.json, as `parley run`, `sweep` and `sensitivity` write it. */
export interface ManifestModel {
  file: string;
  sha256: string;
  /** The `--set` texts as given (the mechanism is recorded apart). */
  overrides: string[];
  variant: string | null;
  rebalanced?: Rebalancing[];
}

/** The six-hex-digit digest of a list of overrides (null for none). */
export function overrideDigest(overrides: readonly string[]): string | null {
  return overrides.length === 0 ? null : sha256(overrides.map((o) => `${o}\n`).join('')).slice(0, 6);
}

/** The model file as outputs show it: a relative path as typed, an absolute one by its file name. */
export function shownModelFile(file: string): string {
  return isAbsolute(file) ? basename(file) : file.split('\\').join('/');
}

/** The model record a manifest keeps, for a model just read. */
export function manifestModel(
  file: string,
  text: string,
  set: readonly string[] | undefined,
  variant: string | undefined,
  rebalanced: Rebalancing[] = [],
): ManifestModel {
  return { file, sha256: sha256(text), overrides: [...(set ?? [])], variant: variant ?? null, rebalanced };
}

const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);

function isRebalancing(x: unknown): x is Rebalancing {
  const r = x as Partial<Rebalancing> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.actor === 'string' &&
    typeof r.total === 'number' &&
    typeof r.factor === 'number' &&
    typeof r.set === 'object' &&
    Array.isArray(r.rescaled)
  );
}

/** The provenance of a batch of `scenario` from a manifest's `model` record (whatever JSON it holds; null or absent when unknown). */
export function provenanceOf(scenario: string, model: unknown): Provenance {
  const m = (typeof model === 'object' && model !== null ? model : {}) as Record<string, unknown>;
  const overrides = strings(m.overrides);
  const file = typeof m.file === 'string' ? m.file : null;
  return {
    scenario,
    model: file === null ? null : { file: shownModelFile(file), sha256: typeof m.sha256 === 'string' ? m.sha256 : '' },
    variant: typeof m.variant === 'string' ? m.variant : null,
    overrides,
    overrideDigest: overrideDigest(overrides),
    rebalanced: (Array.isArray(m.rebalanced) ? m.rebalanced.filter(isRebalancing) : []).map(describeRebalancing),
  };
}

/**
 * The command line as a report shows it: `parley` and the arguments, each absolute path (alone or
 * after `--flag=`) by its file name, so a report names no folder of the machine it ran on.
 */
export function shownCommand(argv: readonly string[]): string {
  const shown = (arg: string) => {
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const value = eq < 0 ? arg : arg.slice(eq + 1);
    return isAbsolute(value) ? `${eq < 0 ? '' : arg.slice(0, eq + 1)}${basename(value)}` : arg;
  };
  return ['parley', ...argv.slice(2).map(shown)].map(shellQuote).join(' ');
}
