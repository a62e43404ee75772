/**
 * parley's command line: a thin shell over the programmatic API (src/index.ts).
 * Exit codes: 0 success, 1 a run or the program failed, 2 bad input (model file or flags).
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatProblem, parseOverrides, readAndPrepare } from '../index.ts';
import { scenarioJsonSchema } from '../scenario/json-schema.ts';
import { runCommand, type RunFlags } from './run-command.ts';
import { mergeCommand } from './merge-command.ts';
import { initCommand } from './init-command.ts';
import { replayCommand } from './replay-command.ts';
import { viewCommand } from './view-command.ts';
import { UsageError } from './usage-error.ts';

export const DEFAULT_MODEL = fileURLToPath(new URL('../../models/ukraine-2025.yaml', import.meta.url));
export const PARLEY_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Run indices stay below 2^30: the aggregate's exact sums are exact up to that many runs. */
export const MAX_RUN_INDEX = 2 ** 30;

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  if (n > MAX_RUN_INDEX) throw new InvalidArgumentError(`expected at most ${MAX_RUN_INDEX}, got ${value}`);
  return n;
}

function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`expected a whole number ≥ 0, got "${value}"`);
  if (n > MAX_RUN_INDEX) throw new InvalidArgumentError(`expected at most ${MAX_RUN_INDEX}, got ${value}`);
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Validates a model file and prints what it holds, or its problems (exit 2). */
function validateCommand(model: string, flags: { set: string[]; variant?: string }, out: NodeJS.WritableStream): number {
  const overrides = parseOverrides(flags.set);
  if (typeof overrides === 'string') throw new UsageError([overrides]);
  const result = readAndPrepare(model, overrides, flags.variant);
  if (!result.ok) throw new UsageError(result.problems.map(formatProblem));
  const { compiled } = result;
  out.write(
    `${model}: valid — ${compiled.actors.length} actors, ${compiled.issues.length} issues, ` +
      `${compiled.packageCount} feasible packages of ${compiled.packagesBeforeFeasibility}, ` +
      `${compiled.parameters.length} parameters (${compiled.uncertainParameters.length} uncertain)\n`,
  );
  return 0;
}

export function buildProgram(io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }, exit: { code: number }): Command {
  const program = new Command('parley')
    .description('Monte Carlo simulation of multilateral negotiations: seeded runs in worker threads, outcome distributions, Vega-Lite charts.')
    .version(PARLEY_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });

  program
    .command('run')
    .description('Simulate a batch of seeded negotiation runs and write a run folder (summary.json, charts, report.html).')
    .argument('[model]', 'model file (YAML or JSON)', DEFAULT_MODEL)
    .option('-n, --runs <N>', 'number of runs', positiveInteger, 10_000)
    .option('-s, --seed <S>', 'master seed (any text); run i draws from seed "S/i"', '1')
    .option('-w, --workers <W>', 'worker threads (default: the number of cores)', positiveInteger)
    .option('-o, --out <DIR>', 'run folder to create (default: runs/<scenario>-<time>)')
    .option('--save-runs', 'also write runs.csv, one row per run')
    .option('--first-run <I>', 'index of the first run (to reproduce runs I … I+N−1 of a batch)', nonNegativeInteger, 0)
    .option('--set <PATH=VALUE>', 'change a field of the model, e.g. actors.russia.patience=0.9 or …=bernoulli(0.7) (repeatable)', collect, [])
    .option('--variant <NAME>', 'apply the named variant of the model (its variants: section) before any --set')
    .option('--shard <K/N>', 'simulate only shard K (0-based) of N of the batch and write a partial folder for `parley merge`')
    .option('--fail-at-run <I>', 'testing aid: make run I throw', nonNegativeInteger)
    .action(async (model: string, flags: RunFlags) => {
      exit.code = await runCommand(model, flags, { ...io, version: PARLEY_VERSION, argv: process.argv });
    });

  program
    .command('merge')
    .description('Combine the partial folders of `parley run --shard K/N` into one run folder.')
    .argument('<dirs...>', 'the shard folders')
    .option('-o, --out <DIR>', 'run folder to create (default: runs/<scenario>-merged)')
    .action(async (dirs: string[], flags: { out?: string }) => {
      exit.code = await mergeCommand(dirs, flags, { out: io.out, version: PARLEY_VERSION, argv: process.argv });
    });

  program
    .command('replay')
    .description('Re-play one run of a finished batch and print its transcript round by round.')
    .argument('<run-dir>', 'the folder written by parley run')
    .requiredOption('--run <I>', 'the run index to replay', nonNegativeInteger)
    .option('-o, --out <DIR>', 'folder for the transcript and chart (default: beside RUN_DIR)')
    .action(async (runDir: string, flags: { run: number; out?: string }) => {
      exit.code = await replayCommand(runDir, flags, io);
    });

  program
    .command('view')
    .description('Write runs/index.html listing the run folders and print where to open it (or, given a run folder, print its report).')
    .argument('[run-dir]', 'a run folder')
    .option('--runs-dir <DIR>', 'the folder of run folders', 'runs')
    .action((runDir: string | undefined, flags: { runsDir: string }) => {
      exit.code = viewCommand(runDir, flags, io);
    });

  program
    .command('init')
    .description('Write a commented template model to start a scenario from.')
    .argument('<name>', 'the scenario id (lower-case letters, digits, dashes)')
    .option('-o, --out <FILE>', 'where to write it (default: models/<name>.yaml)')
    .action((name: string, flags: { out?: string }) => {
      exit.code = initCommand(name, flags, io);
    });

  program
    .command('validate')
    .description('Check a model file and report every problem with its field path.')
    .argument('[model]', 'model file (YAML or JSON)', DEFAULT_MODEL)
    .option('--set <PATH=VALUE>', 'change a field of the model first (repeatable)', collect, [])
    .option('--variant <NAME>', 'apply the named variant of the model first')
    .action((model: string, flags: { set: string[]; variant?: string }) => {
      exit.code = validateCommand(model, flags, io.out);
    });

  program
    .command('schema')
    .description('Print (or write) the JSON Schema of the model-file format.')
    .option('-o, --out <FILE>', 'write it to this file instead of stdout')
    .action((flags: { out?: string }) => {
      const text = JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
      if (flags.out) writeFileSync(flags.out, text);
      else io.out.write(text);
      exit.code = 0;
    });

  return program;
}

/** Runs the CLI with `argv` (as process.argv) and returns the exit code. */
export async function main(argv: string[], io = { out: process.stdout as NodeJS.WritableStream, err: process.stderr as NodeJS.WritableStream }): Promise<number> {
  const exit = { code: 0 };
  try {
    await buildProgram(io, exit).parseAsync(argv);
    return exit.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; bad flags are bad input.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError) {
      for (const line of e.lines) io.err.write(`${line}\n`);
      return 2;
    }
    // Not the user's doing: a bug. Show everything that helps find it.
    io.err.write(`parley: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
