/**
 * What every command that runs a model does first: --mechanism and --set as overrides, the
 * variant, validation and compilation — or a usage error (exit 2) listing every problem.
 */
import { describeRebalancing, parseOverrides, readAndPrepare, type CompiledScenario, type Override, type Rebalancing, type Scenario } from '../index.ts';
import { MECHANISM_NAMES } from '../scenario/schema.ts';
import { UsageError } from './usage-error.ts';
import { formatProblems } from '../scenario/problems.ts';

export interface ModelFlags {
  set?: string[];
  variant?: string;
  /** A mechanism name: overrides negotiation.protocol. */
  mechanism?: string;
}

export interface LoadedModel {
  scenario: Scenario;
  compiled: CompiledScenario;
  /** The model file's text (for its SHA-256 in the manifest). */
  text: string;
  /** --mechanism and --set as overrides, in the order they apply (after the variant). */
  overrides: Override[];
  /** The issue weights `--set …~=` rescaled (for the output and the manifest). */
  rebalanced: Rebalancing[];
}

/** --mechanism NAME as the override it stands for (checked against the mechanisms' names). */
export function mechanismOverride(mechanism: string | undefined, allAllowed = false): string[] {
  if (mechanism === undefined) return [];
  if (!(MECHANISM_NAMES as readonly string[]).includes(mechanism)) {
    throw new UsageError([`--mechanism: expected one of ${MECHANISM_NAMES.join(', ')}${allAllowed ? ', or all' : ''}; got "${mechanism}"`]);
  }
  return [`negotiation.protocol=${mechanism}`];
}

/**
 * Reads, overrides, validates and compiles `model`. `label` prefixes the problems (e.g. a batch's
 * name); `allAllowed`: the command also takes `--mechanism all` (said in the message); `log`
 * (stderr) is told which issue weights `~=` rescaled.
 */
export function loadModel(model: string, flags: ModelFlags, options: { label?: string; allAllowed?: boolean; log?: NodeJS.WritableStream } = {}): LoadedModel {
  const { label, allAllowed = false, log } = options;
  const overrides = parseOverrides([...mechanismOverride(flags.mechanism, allAllowed), ...(flags.set ?? [])]);
  if (typeof overrides === 'string') throw new UsageError([overrides]);
  const loaded = readAndPrepare(model, overrides, flags.variant);
  if (!loaded.ok) throw new UsageError([...(label === undefined ? [] : [`${label}:`]), ...formatProblems(loaded.problems)]);
  for (const r of loaded.rebalanced) log?.write(`Rebalanced ${describeRebalancing(r)}\n`);
  return { scenario: loaded.scenario, compiled: loaded.compiled, text: loaded.text, overrides, rebalanced: loaded.rebalanced };
}
