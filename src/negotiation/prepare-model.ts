/**
 * From a model's text, or a validated Scenario, to a CompiledScenario: the variant, the `--set`
 * overrides and a mechanism applied, validated, then compiled (compile.ts) — with the problems
 * that only show once the outcome space is built (too many packages, none feasible) returned as
 * values like the file's own. What `parley run` does to a model file once it is read
 * (node/model-file.ts), and what the explorer does in the page. Exported by core.ts.
 */
import { compileScenario, countPackages, MAX_PACKAGES } from './compile.ts';
import type { CompiledScenario } from './compiled-scenario.ts';
import { parseScenarioText } from '../scenario/load.ts';
import { parseOverrides, type Override } from '../scenario/overrides.ts';
import { ScenarioValidationError, type ScenarioProblem } from '../scenario/problems.ts';
import type { Rebalancing } from '../scenario/rebalance.ts';
import type { MECHANISM_NAMES, Scenario } from '../scenario/schema.ts';

export type PrepareResult = { ok: true; compiled: CompiledScenario } | { ok: false; problems: ScenarioProblem[] };

/**
 * Compiles a validated scenario, or returns the problems that only show once the outcome space
 * is built (too many packages, every package infeasible) as values, like the file's own.
 */
export function tryPrepareScenario(scenario: Scenario, file: string): PrepareResult {
  const total = countPackages(scenario);
  if (total > MAX_PACKAGES) {
    return {
      ok: false,
      problems: [{ file, path: ['issues'], message: `expected at most ${MAX_PACKAGES} packages (the product of the issues' option counts), got ${total}` }],
    };
  }
  const compiled = compileScenario(scenario);
  if (compiled.packageCount === 0) {
    return {
      ok: false,
      problems: [{ file, path: ['infeasible'], message: 'expected at least one feasible package, but the infeasible combinations exclude every package' }],
    };
  }
  return { ok: true, compiled };
}

/** Compiles a validated scenario, or throws ScenarioValidationError if its outcome space is unusable. */
export function prepareScenario(scenario: Scenario, file = '(scenario)'): { scenario: Scenario; compiled: CompiledScenario } {
  const prepared = tryPrepareScenario(scenario, file);
  if (!prepared.ok) throw new ScenarioValidationError(prepared.problems);
  return { scenario, compiled: prepared.compiled };
}

export interface ModelTextOptions {
  /** Field changes as `parley run --set` takes them (`actors.russia.patience=0.9`), applied after the variant. */
  set?: readonly string[];
  /** The named variant of the model's `variants:` section, applied first. */
  variant?: string;
  /** Play under this mechanism instead of the model's negotiation.protocol (an override before `set`). */
  mechanism?: (typeof MECHANISM_NAMES)[number];
}

export type ModelTextResult =
  | {
      ok: true;
      scenario: Scenario;
      compiled: CompiledScenario;
      /** The mechanism and `set` as overrides, in the order they apply (after the variant). */
      overrides: Override[];
      /** Issue weights `~=` rescaled (empty without). */
      rebalanced: Rebalancing[];
      /** The document with the variant, the overrides and the rescaling applied, before validation's defaults. */
      raw: unknown;
    }
  | { ok: false; problems: ScenarioProblem[] };

/**
 * A model's text with a variant, `--set` overrides and a mechanism, validated and compiled: what
 * `parley run` does to a model file once it is read (node/model-file.ts), and what the explorer
 * does in the page. Every problem, a malformed `--set` included, comes back as a value.
 */
export function prepareModelText(text: string, file: string, options: ModelTextOptions = {}): ModelTextResult {
  const texts = [...(options.mechanism === undefined ? [] : [`negotiation.protocol=${options.mechanism}`]), ...(options.set ?? [])];
  const overrides = parseOverrides(texts);
  if (typeof overrides === 'string') {
    // "--set TEXT: what is wrong" → the flag as the problem's source.
    const colon = overrides.indexOf(': ');
    return { ok: false, problems: [{ file: overrides.slice(0, colon), path: [], message: overrides.slice(colon + 2) }] };
  }
  const parsed = parseScenarioText(text, file, overrides, options.variant);
  if (!parsed.ok) return parsed;
  const prepared = tryPrepareScenario(parsed.scenario, file);
  if (!prepared.ok) return prepared;
  return { ok: true, scenario: parsed.scenario, compiled: prepared.compiled, overrides, rebalanced: parsed.rebalanced ?? [], raw: parsed.raw };
}
