/**
 * parley's command line: a thin shell over the programmatic API (src/index.ts).
 * Exit codes: 0 success, 1 a run or the program failed, 2 bad input (model file or flags).
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { writeFileSync } from 'node:fs';
import { DEFAULT_MODEL, MECHANISM_NAMES, PARLEY_VERSION, scenarioJsonSchema } from '../index.ts';
import type { RunFlags } from './run-command.ts';
import { runOneOrAll } from './run-all-command.ts';
import { mergeCommand } from './merge-command.ts';
import { initCommand } from './init-command.ts';
import { importCommand, levelsArgument, type ImportFlags } from './import-command.ts';
import { replayCommand, type ReplayFlags } from './replay-command.ts';
import type { ViewFlags } from './view-command.ts';
import { compareCommand } from './compare-command.ts';
import { loadModel } from './load-model.ts';
import { UsageError } from './usage-error.ts';
import { DEFAULT_SWEEP_RUNS, sweepCommand, type SweepFlags } from './sweep-command.ts';
import { DEFAULT_SENSITIVITY_RUNS, quantileLevel, sensitivityCommand, type SensitivityFlags } from './sensitivity-command.ts';

export { DEFAULT_MODEL, PARLEY_VERSION };

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

function portNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 65535) throw new InvalidArgumentError(`expected a port from 1 to 65535, got "${value}"`);
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Validates a model file and prints what it holds, or its problems (exit 2). */
function validateCommand(model: string, flags: { set: string[]; variant?: string }, out: NodeJS.WritableStream): number {
  const { compiled } = loadModel(model, flags);
  out.write(
    `${model}: valid — ${compiled.actors.length} actors, ${compiled.issues.length} issues, ` +
      `${compiled.packageCount} feasible packages of ${compiled.packagesBeforeFeasibility}, ` +
      `${compiled.parameters.length} parameters (${compiled.uncertainParameters.length} uncertain)\n`,
  );
  return 0;
}

/** The program; `argv` (as process.argv) is what the manifests record as the command. */
export function buildProgram(io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }, exit: { code: number }, argv: string[] = process.argv): Command {
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
    .option('--variant <NAME>', 'apply the named variant of the model (its variants: section) before any --set; "all" runs the base scenario and every variant with the same seed and compares them')
    .option('--mechanism <NAME>', `play under this mechanism instead of the model's negotiation.protocol (${MECHANISM_NAMES.join(', ')}); "all" runs every one on the same sampled instances and compares them`)
    .option('--shard <K/N>', 'simulate only shard K (0-based) of N of the batch and write a partial folder for `parley merge`')
    .option('--no-charts', 'write the chart specs and report.html (which draws them in the browser) but no SVG or PNG: quicker for small runs')
    .option('--fail-at-run <I>', 'testing aid: make run I throw', nonNegativeInteger)
    .action(async (model: string, flags: RunFlags) => {
      exit.code = await runOneOrAll(model, flags, { ...io, version: PARLEY_VERSION, argv });
    });

  program
    .command('merge')
    .description('Combine the partial folders of `parley run --shard K/N` into one run folder.')
    .argument('<dirs...>', 'the shard folders')
    .option('-o, --out <DIR>', 'run folder to create (default: runs/<scenario>-merged)')
    .action(async (dirs: string[], flags: { out?: string }) => {
      exit.code = await mergeCommand(dirs, flags, { out: io.out, version: PARLEY_VERSION, argv });
    });

  program
    .command('check')
    .description('Run the validation suite: closed-form results of bargaining theory and published figures of other models; exit 1 if any case fails.')
    .option('--only <TEXT>', 'only the suites whose title contains TEXT (e.g. Rubinstein, BDM, Fearon)')
    .action(async (flags: { only?: string }) => {
      // Loaded when used, like view's server: commands that need neither start faster.
      const { checkCommand } = await import('./check-command.ts');
      exit.code = checkCommand(flags, io);
    });

  program
    .command('compare')
    .description('Put finished run folders side by side: outcome shares, agreed terms and utilities, each against the first, with Monte Carlo error.')
    .argument('<run-dirs...>', 'two or more run folders (the first is the baseline)')
    .option('-o, --out <DIR>', 'comparison folder to create (default: runs/compare-<time>)')
    .action(async (dirs: string[], flags: { out?: string }) => {
      exit.code = await compareCommand(dirs, flags, { out: io.out, version: PARLEY_VERSION, argv });
    });

  program
    .command('sweep')
    .description('P(deal), P(breakdown) and the key terms over a grid of one parameter (curves) or two (heatmaps), the same seeds at every point.')
    .argument('[model]', 'model file (YAML or JSON)', DEFAULT_MODEL)
    .option('--param <PATH=FROM:TO:STEPS>', 'the field to sweep, e.g. actors.russia.reservation=0.4:0.7:7 (required; twice for a heatmap)', collect, [])
    .option('-n, --runs <N>', 'runs per grid point', positiveInteger, DEFAULT_SWEEP_RUNS)
    .option('-s, --seed <S>', 'master seed (any text); run i draws from seed "S/i" at every grid point', '1')
    .option('-w, --workers <W>', 'worker threads (default: the number of cores)', positiveInteger)
    .option('-o, --out <DIR>', 'folder to create (default: runs/<scenario>-sweep-<time>)')
    .option('--set <PATH=VALUE>', 'change a field of the model first (repeatable)', collect, [])
    .option('--variant <NAME>', 'apply the named variant of the model first')
    .option('--mechanism <NAME>', 'play under this mechanism instead of the model\'s negotiation.protocol')
    .action(async (model: string, flags: SweepFlags) => {
      exit.code = await sweepCommand(model, flags, { ...io, version: PARLEY_VERSION, argv });
    });

  program
    .command('sensitivity')
    .description('Swing every uncertain parameter from its low to its high quantile (a tornado of P(deal)) and rank-correlate parameters with outcomes.')
    .argument('[model]', 'model file (YAML or JSON)', DEFAULT_MODEL)
    .option('-n, --runs <N>', 'runs per arm (and in the baseline batch)', positiveInteger, DEFAULT_SENSITIVITY_RUNS)
    .option('-s, --seed <S>', 'master seed (any text); run i draws from seed "S/i" in every arm', '1')
    .option('-w, --workers <W>', 'worker threads (default: the number of cores)', positiveInteger)
    .option('-o, --out <DIR>', 'folder to create (default: runs/<scenario>-sensitivity-<time>)')
    .option('--low <Q>', 'quantile of the low arm', quantileLevel, 0.1)
    .option('--high <Q>', 'quantile of the high arm', quantileLevel, 0.9)
    .option('--set <PATH=VALUE>', 'change a field of the model first (repeatable)', collect, [])
    .option('--variant <NAME>', 'apply the named variant of the model first')
    .option('--mechanism <NAME>', 'play under this mechanism instead of the model\'s negotiation.protocol')
    .action(async (model: string, flags: SensitivityFlags) => {
      exit.code = await sensitivityCommand(model, flags, { ...io, version: PARLEY_VERSION, argv });
    });

  program
    .command('replay')
    .description('Re-play one run of a batch and print its transcript round by round: from a run folder, or from a model file with --seed.')
    .argument('<run-dir-or-model>', 'the folder written by parley run, or a model file')
    .requiredOption('--run <I>', 'the run index to replay', nonNegativeInteger)
    .option('-o, --out <DIR>', 'folder for the transcript and chart (default: beside RUN_DIR, or in runs/)')
    .option('-s, --seed <S>', 'with a model file: the master seed of the batch (default 1)')
    .option('--set <PATH=VALUE>', 'with a model file: change a field first (repeatable)', collect, [])
    .option('--variant <NAME>', 'with a model file: apply the named variant first')
    .option('--mechanism <NAME>', 'with a model file: play under this mechanism')
    .action(async (target: string, flags: ReplayFlags) => {
      exit.code = await replayCommand(target, flags, io);
    });

  program
    .command('view')
    .description('Write runs/index.html listing the run folders and print where to open it (or, given a run folder, print its report); --serve serves them on localhost.')
    .argument('[run-dir]', 'a run folder (or a comparison, sweep or sensitivity folder)')
    .option('--runs-dir <DIR>', 'the folder of run folders', 'runs')
    .option('--serve', 'serve the index (or the given folder) over HTTP on 127.0.0.1 until Ctrl-C')
    .option('--port <P>', 'port for --serve, 1–65535 (default: any free port)', portNumber)
    .action(async (runDir: string | undefined, flags: ViewFlags) => {
      const { viewCommand } = await import('./view-command.ts');
      exit.code = await viewCommand(runDir, flags, io);
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
    .command('import')
    .description('Write a model from published negotiation data: bdm (BDM CSV), ktab (KTAB SMP CSV) or decide (Stokman exchange model).')
    .argument('<format>', 'bdm, ktab or decide')
    .argument('<file>', 'the data file')
    .option('-o, --out <FILE>', 'the model to write; never overwritten (default: models/<file name>.yaml)')
    .option('--levels <N>', 'levels per issue (default: the most, up to 101, that keep the packages within 1,000,000)', levelsArgument)
    .action((format: string, file: string, flags: ImportFlags) => {
      exit.code = importCommand(format, file, flags, io);
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
    await buildProgram(io, exit, argv).parseAsync(argv);
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
