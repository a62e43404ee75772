/**
 * The flags several commands share, declared once: what a model is read with (--set, --variant,
 * --mechanism), how a batch is drawn (--runs, --seed, --workers, --out), the resource limits,
 * and the parsers of every command's flag values (a bad value is a usage error naming the flag,
 * exit 2). main.ts declares the commands with these alone: a command's own module loads only
 * when that command runs.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { MAX_RUN_INDEX } from '../simulation/seeding.ts';
import { MECHANISM_NAMES } from '../scenario/schema.ts';
import { DEFAULT_MAX_SECONDS, duration, memorySize } from './resource-budget.ts';

/** Runs per grid point of `parley sweep` unless -n says otherwise: an 11-point curve of the default scenario in about 10 s on 2 cores. */
export const DEFAULT_SWEEP_RUNS = 5_000;

/**
 * Runs per arm of `parley sensitivity` unless -n says otherwise. The default scenario has 17
 * uncertain parameters: 35 batches (the baseline and two arms each) of 10,000 runs took 26 s on
 * this project's 2-core machine (README, "parley sensitivity").
 */
export const DEFAULT_SENSITIVITY_RUNS = 10_000;

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  if (n > MAX_RUN_INDEX) throw new InvalidArgumentError(`expected at most ${MAX_RUN_INDEX}, got ${value}`);
  return n;
}

/** -s/--seed: any text but none (an empty seed is most likely a shell variable that was not set). */
export function seedText(value: string): string {
  if (value === '') throw new InvalidArgumentError('expected a seed (any text, e.g. 1 or 2025-talks), got nothing');
  return value;
}

export function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`expected a whole number ≥ 0, got "${value}"`);
  if (n > MAX_RUN_INDEX) throw new InvalidArgumentError(`expected at most ${MAX_RUN_INDEX}, got ${value}`);
  return n;
}

export function portNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 65535) throw new InvalidArgumentError(`expected a port from 1 to 65535, got "${value}"`);
  return n;
}

/** Collects a repeatable flag's values in order. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export interface ModelOptionsSpec {
  /** Whether the command takes --mechanism (commands that play the model do). */
  mechanism: boolean;
  /** Said before each help text, e.g. "with a model file: " for replay. */
  when?: string;
  /** Whether --variant all and --mechanism all run every one (parley run). */
  all?: boolean;
}

/** --set (repeatable), --variant and, where the command plays the model, --mechanism. */
export function modelOptions(command: Command, spec: ModelOptionsSpec): Command {
  const when = spec.when ?? '';
  command
    .option(
      '--set <PATH=VALUE>',
      `${when}change a field of the model, e.g. actors.russia.patience=0.9 or …=bernoulli(0.7); PATH~=W on a salience rescales the actor's other weights (repeatable; \`parley show --paths\` lists the paths)`,
      collect,
      [],
    )
    .option(
      '--variant <NAME>',
      `${when}apply the named variant of the model (its variants: section) before any --set${spec.all ? '; "all" runs the base scenario and every variant with the same seed and compares them' : ''}`,
    );
  if (spec.mechanism) {
    command.option(
      '--mechanism <NAME>',
      `${when}play under this mechanism instead of the model's negotiation.protocol (${MECHANISM_NAMES.join(', ')})${spec.all ? '; "all" runs every one on the same sampled instances and compares them' : ''}`,
    );
  }
  return command;
}

export interface BatchOptionsSpec {
  /** Runs when -n is not given, and what one "run" counts here (a batch, a grid point, an arm). */
  runs: number;
  runsHelp: string;
  /** Where the runs' seeds repeat, e.g. "at every grid point". */
  seedsRepeat?: string;
  /** The default folder, e.g. "runs/<scenario>-sweep-<time>". */
  out: string;
}

/** -n/--runs, -s/--seed, -w/--workers and -o/--out, as every command that simulates takes them. */
export function batchOptions(command: Command, spec: BatchOptionsSpec): Command {
  return command
    .option('-n, --runs <N>', spec.runsHelp, positiveInteger, spec.runs)
    .option(
      '-s, --seed <S>',
      `master seed (any text); run i draws from seed "S/i"${spec.seedsRepeat === undefined ? '' : ` ${spec.seedsRepeat}`}`,
      seedText,
      '1',
    )
    .option('-w, --workers <W>', 'worker threads (default: the number of cores)', positiveInteger)
    .option('-o, --out <DIR>', `folder to create (default: ${spec.out})`);
}

/** The resource-limit flags of every command that simulates (README "Resource limits"). */
export function budgetOptions(command: Command): Command {
  return command
    .option(
      '--max-memory <SIZE>',
      "refuse, before any work, a batch estimated to need more memory than SIZE (e.g. 4G; default: half of this machine's memory, at most 8 GiB)",
      memorySize,
    )
    .option(
      '--max-time <DURATION>',
      `refuse, before any work, a batch estimated to take longer than DURATION (e.g. 2h, 3d; default: ${DEFAULT_MAX_SECONDS / 3600}h)`,
      duration,
    );
}

/** A flag for tests only: it works, but `--help` does not list it. */
export function hiddenOption(flags: string, description: string, parse: (value: string) => number): Option {
  return new Option(flags, description).argParser(parse).hideHelp();
}

/** Commander parser for --low/--high: a probability strictly between 0 and 1. */
export function quantileLevel(value: string): number {
  const q = Number(value);
  if (value.trim() === '' || !Number.isFinite(q) || q <= 0 || q >= 1)
    throw new InvalidArgumentError(`expected a quantile level between 0 and 1 (e.g. 0.1), got "${value}"`);
  return q;
}

/** Commander parser for --fixed: a share such as 20% or 0.2, strictly between 0 and 1. */
export function fixedShare(value: string): number {
  const text = value.trim();
  const share = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (text === '' || !Number.isFinite(share) || share <= 0 || share >= 1)
    throw new InvalidArgumentError(`expected a share of the value such as 20% or 0.2 (above 0, below 100%), got "${value}"`);
  return share;
}

/** Parses `parley import --levels N` (its range is checked against the number of issues once the file is read). */
export function levelsArgument(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number of levels per issue, got "${value}"`);
  return Number(value);
}
