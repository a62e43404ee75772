/**
 * The flags several commands share, declared once: what a model is read with (--set, --variant,
 * --mechanism), how a batch is drawn (--runs, --seed, --workers, --out), the resource limits,
 * and the parsers of their values (a bad value is a usage error naming the flag, exit 2).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { MAX_RUN_INDEX } from '../simulation/seeding.ts';
import { MECHANISM_NAMES } from '../index.ts';
import { DEFAULT_MAX_SECONDS, duration, memorySize } from './resource-budget.ts';

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  if (n > MAX_RUN_INDEX) throw new InvalidArgumentError(`expected at most ${MAX_RUN_INDEX}, got ${value}`);
  return n;
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
    .option('-s, --seed <S>', `master seed (any text); run i draws from seed "S/i"${spec.seedsRepeat === undefined ? '' : ` ${spec.seedsRepeat}`}`, '1')
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
