/**
 * What every command that runs a model does first: --mechanism and --set as overrides, the
 * variant, validation and compilation (readModel in the API) — or a usage error (exit 2) listing
 * every problem.
 */
// The API's functions from their own modules, not through index.ts (which loads all of them): see run-command.ts.
import { readModel, type MechanismName, type Model } from '../node/model-file.ts';
import { parseOverrides } from '../scenario/overrides.ts';
import { describeRebalancing } from '../scenario/rebalance.ts';
import { MECHANISM_NAMES } from '../scenario/schema.ts';
import { UsageError } from '../node/usage-error.ts';
import { formatProblems } from '../scenario/problems.ts';

export interface ModelFlags {
  set?: string[];
  variant?: string;
  /** A mechanism name: overrides negotiation.protocol. */
  mechanism?: string;
}

/** What a command works on: the model as the API reads it. */
export type LoadedModel = Model;

/** --mechanism NAME checked against the mechanisms' names. */
export function mechanismName(mechanism: string | undefined, allAllowed = false): MechanismName | undefined {
  if (mechanism === undefined) return undefined;
  if (!(MECHANISM_NAMES as readonly string[]).includes(mechanism)) {
    throw new UsageError([`--mechanism: expected one of ${MECHANISM_NAMES.join(', ')}${allAllowed ? ', or all' : ''}; got "${mechanism}"`]);
  }
  return mechanism as MechanismName;
}

/**
 * Reads, overrides, validates and compiles `model`. `label` prefixes the problems (e.g. a batch's
 * name); `allAllowed`: the command also takes `--mechanism all` (said in the message); `log`
 * (stderr) is told which issue weights `~=` rescaled.
 */
export function loadModel(model: string, flags: ModelFlags, options: { label?: string; allAllowed?: boolean; log?: NodeJS.WritableStream } = {}): LoadedModel {
  const { label, allAllowed = false, log } = options;
  const mechanism = mechanismName(flags.mechanism, allAllowed);
  // The flag's own message for a malformed --set (the API would report it as a problem of "--set").
  const malformed = parseOverrides(flags.set ?? []);
  if (typeof malformed === 'string') throw new UsageError([malformed]);
  const read = readModel(model, { set: flags.set, variant: flags.variant, mechanism });
  if (!read.ok) throw new UsageError([...(label === undefined ? [] : [`${label}:`]), ...formatProblems(read.problems)]);
  for (const r of read.model.rebalanced) log?.write(`Rebalanced ${describeRebalancing(r)}\n`);
  return read.model;
}
