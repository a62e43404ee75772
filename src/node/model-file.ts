/**
 * A model file from disk: read, changed by a variant, `--set` overrides and a mechanism, validated
 * and compiled. Every problem (a missing file included) comes back as a value with the file, the
 * field path and the line; `loadModel` throws them as one ScenarioValidationError instead.
 */
import { prepareModelText, tryPrepareScenario } from '../negotiation/prepare-model.ts';
import { readTextFile } from './read-text-file.ts';
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { parseScenarioText, type ParseResult } from '../scenario/load.ts';
import type { Override } from '../scenario/overrides.ts';
import { ScenarioValidationError, type ScenarioProblem } from '../scenario/problems.ts';
import type { MECHANISM_NAMES, Scenario } from '../scenario/schema.ts';
import type { Rebalancing } from '../scenario/rebalance.ts';

export type MechanismName = (typeof MECHANISM_NAMES)[number];

export interface ModelOptions {
  /** Field changes as `parley run --set` takes them (`actors.russia.patience=0.9`), applied after the variant. */
  set?: readonly string[];
  /** The named variant of the model's `variants:` section, applied first. */
  variant?: string;
  /** Play under this mechanism instead of the model's negotiation.protocol. */
  mechanism?: MechanismName;
}

export interface Model {
  /** The file as given. */
  file: string;
  scenario: Scenario;
  compiled: CompiledScenario;
  /** The file's text (its SHA-256 goes into a run folder's manifest). */
  text: string;
  /** The mechanism and `set` as overrides, in the order they apply (after the variant). */
  overrides: Override[];
  variant?: string;
  /** Issue weights `~=` rescaled (empty without). */
  rebalanced: Rebalancing[];
}

export type ModelResult = { ok: true; model: Model } | { ok: false; problems: ScenarioProblem[] };

/** Reads and validates a model file; problems (including a missing file) come back as values. */
export function readScenarioFile(file: string, overrides: readonly Override[] = [], variant?: string): ParseResult & { text?: string; raw?: unknown } {
  // Regular files of UTF-8 text only, up to a size limit: a FIFO or /dev/zero is refused at once.
  const read = readTextFile(file);
  if (!read.ok) return { ok: false, problems: [{ file, path: [], message: read.message }] };
  return { ...parseScenarioText(read.text, file, overrides, variant), text: read.text };
}

/** Like `readScenarioFile` but throws `ScenarioValidationError`. */
export function loadScenario(file: string): Scenario {
  const result = readScenarioFile(file);
  if (!result.ok) throw new ScenarioValidationError(result.problems);
  return result.scenario;
}

/** Reads, validates and compiles a model file with parsed overrides; every problem comes back as a value. */
export function readAndPrepare(
  file: string,
  overrides: readonly Override[] = [],
  variant?: string,
): { ok: true; scenario: Scenario; compiled: CompiledScenario; text: string; rebalanced: Rebalancing[] } | { ok: false; problems: ScenarioProblem[] } {
  const loaded = readScenarioFile(file, overrides, variant);
  if (!loaded.ok) return loaded;
  const prepared = tryPrepareScenario(loaded.scenario, file);
  if (!prepared.ok) return prepared;
  return { ok: true, scenario: loaded.scenario, compiled: prepared.compiled, text: loaded.text ?? '', rebalanced: loaded.rebalanced ?? [] };
}

/** Reads a model file with its variant, `set` and mechanism, validates and compiles it (prepareModelText of negotiation/prepare-model.ts). */
export function readModel(file: string, options: ModelOptions = {}): ModelResult {
  const read = readTextFile(file);
  if (!read.ok) return { ok: false, problems: [{ file, path: [], message: read.message }] };
  const prepared = prepareModelText(read.text, file, options);
  if (!prepared.ok) return prepared;
  const { scenario, compiled, overrides, rebalanced } = prepared;
  return { ok: true, model: { file, scenario, compiled, text: read.text, overrides, variant: options.variant, rebalanced } };
}

/** Like `readModel` but throws `ScenarioValidationError` listing every problem. */
export function loadModel(file: string, options: ModelOptions = {}): Model {
  const read = readModel(file, options);
  if (!read.ok) throw new ScenarioValidationError(read.problems);
  return read.model;
}
