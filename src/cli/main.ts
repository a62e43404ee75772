/**
 * parley's command line: a thin shell over the programmatic API (src/index.ts). The commands are
 * declared here with their flags alone; a command's module (and what it imports) loads when
 * commander has chosen that command, so `parley validate` never loads the simulation, charts or
 * importers.
 * Exit codes: 0 success; 2 bad input (model file, flags, an output target that cannot be used);
 * 1 the environment failed (disk full, permission denied) or a run or parley itself did — see
 * reportFailure, the one place where an error becomes a message and an exit code.
 */
import { Command, CommanderError } from 'commander';
import { DEFAULT_MODEL, PARLEY_VERSION } from '../node/package-files.ts';
import {
  batchOptions,
  budgetOptions,
  collect,
  DEFAULT_SENSITIVITY_RUNS,
  DEFAULT_SWEEP_RUNS,
  fixedShare,
  hiddenOption,
  levelsArgument,
  modelOptions,
  nonNegativeInteger,
  portNumber,
  positiveInteger,
  quantileLevel,
  seedText,
} from './options.ts';
import type { RunFlags } from './run-command.ts';
import type { ImportFlags } from './import-command.ts';
import type { ExportFlags } from './export-command.ts';
import type { ReplayFlags } from './replay-command.ts';
import type { ViewFlags } from './view-command.ts';
import type { ExploreFlags } from './explore-command.ts';
import type { ValidateFlags } from './validate-command.ts';
import type { ShowFlags } from './show-command.ts';
import type { SweepFlags } from './sweep-command.ts';
import type { SensitivityFlags } from './sensitivity-command.ts';
import { MODEL_TABLE_NAMES } from '../scenario/model-tables.ts';
import { UsageError } from '../node/usage-error.ts';
import { describeSystemError, EnvironmentError, isSystemError } from '../node/environment-error.ts';
import { shellQuote } from '../node/shell-quote.ts';
import { formatProblems, ScenarioValidationError } from '../scenario/problems.ts';

export { DEFAULT_MODEL, PARLEY_VERSION };

/** The program; `argv` (as process.argv) is what the manifests record as the command. */
export function buildProgram(io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }, exit: { code: number }, argv: string[] = process.argv): Command {
  const program = new Command('parley')
    .description('Monte Carlo simulation of multilateral negotiations: seeded runs in worker threads, outcome distributions, Vega-Lite charts.')
    .version(PARLEY_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });
  const context: CommandContext = { io, exit, argv };
  simulationCommands(program, context);
  analysisCommands(program, context);
  modelCommands(program, context);
  toolCommands(program, context);
  return program;
}

/** What every command's action needs: the output streams, where to put the exit code, and the command line. */
interface CommandContext {
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream };
  exit: { code: number };
  argv: string[];
}

/** Batches: run (one, or every variant or mechanism) and merge (the shards of a run). */
function simulationCommands(program: Command, { io, exit, argv }: CommandContext): void {
  const run = program
    .command('run')
    .description('Simulate a batch of seeded negotiation runs and write a run folder (summary.json, charts, report.html).')
    .argument('[model]', 'model file (YAML or JSON)', DEFAULT_MODEL);
  batchOptions(run, { runs: 10_000, runsHelp: 'number of runs', out: 'runs/<scenario>-<time>' });
  modelOptions(budgetOptions(run), { mechanism: true, all: true })
    .option('--save-runs', 'also write runs.csv, one row per run')
    .option('--first-run <I>', 'index of the first run (to reproduce runs I … I+N−1 of a batch)', nonNegativeInteger, 0)
    .option('--shard <K/N>', 'simulate only shard K (0-based) of N of the batch and write a partial folder for `parley merge`')
    .option('--no-charts', 'write the chart specs and report.html (which draws them in the browser) but no SVG or PNG: quicker for small runs')
    .addOption(hiddenOption('--fail-at-run <I>', 'testing aid: make run I throw', nonNegativeInteger))
    .option('--json', 'print the result (folder, manifest, summary) as JSON on stdout; messages go to stderr')
    .action(async (model: string, flags: RunFlags) => {
      const runIo = { ...io, version: PARLEY_VERSION, argv };
      // One batch, or with --variant all / --mechanism all every configuration and their comparison.
      if (flags.variant === 'all' || flags.mechanism === 'all') {
        const { runAllCommand } = await import('./run-all-command.ts');
        exit.code = await runAllCommand(model, flags, runIo);
      } else {
        const { runCommand } = await import('./run-command.ts');
        exit.code = await runCommand(model, flags, runIo);
      }
    });

  program
    .command('merge')
    .description('Combine the partial folders of `parley run --shard K/N` into one run folder.')
    .argument('<dirs...>', 'the shard folders')
    .option('-o, --out <DIR>', 'run folder to create (default: runs/<scenario>-merged)')
    .action(async (dirs: string[], flags: { out?: string }) => {
      const { mergeCommand } = await import('./merge-command.ts');
      exit.code = await mergeCommand(dirs, flags, { out: io.out, version: PARLEY_VERSION, argv });
    });
}

/** Analyses of batches: compare, sweep, sensitivity, and replay (one run, round by round). */
function analysisCommands(program: Command, { io, exit, argv }: CommandContext): void {
  program
    .command('compare')
    .description('Put finished run folders side by side: outcome shares, agreed terms and utilities, each against the first, with Monte Carlo error.')
    .argument('<run-dirs...>', 'two or more run folders (the first is the baseline)')
    .option('-o, --out <DIR>', 'comparison folder to create (default: runs/compare-<time>)')
    .option('--json', 'print the comparison as JSON on stdout; messages go to stderr')
    .action(async (dirs: string[], flags: { out?: string; json?: boolean }) => {
      const { compareCommand } = await import('./compare-command.ts');
      exit.code = await compareCommand(dirs, flags, { ...io, version: PARLEY_VERSION, argv });
    });

  const sweep = program
    .command('sweep')
    .description('P(deal), P(breakdown) and the key terms over a grid of one parameter (curves) or two (heatmaps), the same seeds at every point.')
    .argument('[model]', 'model file (YAML or JSON)', DEFAULT_MODEL)
    .option('--param <PATH=FROM:TO:STEPS>', 'the field to sweep, e.g. actors.russia.reservation=0.4:0.7:7 (required; twice for a heatmap)', collect, []);
  batchOptions(sweep, { runs: DEFAULT_SWEEP_RUNS, runsHelp: 'runs per grid point', seedsRepeat: 'at every grid point', out: 'runs/<scenario>-sweep-<time>' });
  modelOptions(budgetOptions(sweep), { mechanism: true }).action(async (model: string, flags: SweepFlags) => {
    const { sweepCommand } = await import('./sweep-command.ts');
    exit.code = await sweepCommand(model, flags, { ...io, version: PARLEY_VERSION, argv });
  });

  const sensitivity = program
    .command('sensitivity')
    .description(
      'Swing every uncertain parameter from its low to its high quantile and every choice through its alternatives (a tornado of P(deal)), with --fixed every fixed number too, and rank-correlate parameters with outcomes.',
    )
    .argument('[model]', 'model file (YAML or JSON)', DEFAULT_MODEL);
  batchOptions(sensitivity, {
    runs: DEFAULT_SENSITIVITY_RUNS,
    runsHelp: 'runs per arm (and in the baseline batch)',
    seedsRepeat: 'in every arm',
    out: 'runs/<scenario>-sensitivity-<time>',
  });
  modelOptions(budgetOptions(sensitivity), { mechanism: true })
    .option('--low <Q>', 'quantile of the low arm', quantileLevel, 0.1)
    .option('--high <Q>', 'quantile of the high arm', quantileLevel, 0.9)
    .option('--fixed <SHARE>', 'also swing every fixed number of the model (the deadline included) by ± SHARE, e.g. 20%', fixedShare)
    .action(async (model: string, flags: SensitivityFlags) => {
      const { sensitivityCommand } = await import('./sensitivity-command.ts');
      exit.code = await sensitivityCommand(model, flags, { ...io, version: PARLEY_VERSION, argv });
    });

  const replay = program
    .command('replay')
    .description('Re-play one run of a batch and print its transcript round by round: from a run folder, or from a model file with --seed.')
    .argument('<run-dir-or-model>', 'the folder written by parley run, or a model file')
    .requiredOption('--run <I>', 'the run index to replay', nonNegativeInteger)
    .option('-o, --out <DIR>', 'folder for the transcript and chart (default: beside RUN_DIR, or in runs/)')
    .option('-s, --seed <S>', 'with a model file: the master seed of the batch (default 1)', seedText);
  modelOptions(replay, { mechanism: true, when: 'with a model file: ' }).action(async (target: string, flags: ReplayFlags) => {
    const { replayCommand } = await import('./replay-command.ts');
    exit.code = await replayCommand(target, flags, io);
  });
}

/** The model file: init, import, export, validate, show, schema. */
function modelCommands(program: Command, { io, exit }: CommandContext): void {
  program
    .command('init')
    .description('Write a commented template model to start a scenario from.')
    .argument('<name>', 'the scenario id (lower-case letters, digits, dashes)')
    .option('-o, --out <FILE>', 'where to write it (default: models/<name>.yaml)')
    .action(async (name: string, flags: { out?: string }) => {
      const { initCommand } = await import('./init-command.ts');
      exit.code = initCommand(name, flags, io);
    });

  program
    .command('import')
    .description(
      'Write a model from published negotiation data: bdm (BDM CSV), ktab (KTAB SMP CSV), decide (Stokman exchange model), or an ANAC scenario: genius (GENIUS XML) or geniusweb (GeniusWeb JSON).',
    )
    .argument('<format>', 'bdm, ktab, decide, genius or geniusweb')
    .argument('<files...>', 'the data file; for genius and geniusweb the domain, then one profile per party')
    .option('-o, --out <FILE>', 'the model to write; never overwritten (default: models/<name>.yaml)')
    .option('--levels <N>', 'levels per continuous issue (default: the most, up to 101, that keep the packages within 1,000,000)', levelsArgument)
    .action(async (format: string, files: string[], flags: ImportFlags) => {
      const { importCommand } = await import('./import-command.ts');
      exit.code = importCommand(format, files, flags, io);
    });

  const exportModel = program
    .command('export')
    .description('Write a model as an ANAC scenario: genius (GENIUS XML) or geniusweb (GeniusWeb JSON), a domain and one profile per actor.')
    .argument('<format>', 'genius or geniusweb')
    .argument('<model>', 'model file (YAML or JSON)')
    .requiredOption('-o, --out <DIR>', 'the folder to create (never overwritten)');
  modelOptions(exportModel, { mechanism: false }).action(async (format: string, model: string, flags: ExportFlags) => {
    const { exportCommand } = await import('./export-command.ts');
    exit.code = exportCommand(format, model, flags, io);
  });

  const validate = program
    .command('validate')
    .description('Check a model file and report every problem with its field path.')
    .argument('[model]', 'model file (YAML or JSON)', DEFAULT_MODEL);
  modelOptions(validate, { mechanism: false })
    .option('--json', 'print the verdict, the counts and every problem as JSON on stdout')
    .action(async (model: string, flags: ValidateFlags) => {
      const { validateCommand } = await import('./validate-command.ts');
      exit.code = validateCommand(model, flags, io);
    });

  const show = program
    .command('show')
    .description(
      'Print the model as tables: actors, issue weights, preferred options, option values, consent, interactions, infeasible combinations, every parameter with its source; --paths lists what --set can change.',
    )
    .argument('[model]', 'model file (YAML or JSON)', DEFAULT_MODEL)
    .option('--paths', 'list every settable path with its current value and what it allows')
    .option('--table <NAMES>', `only these tables, comma-separated (${MODEL_TABLE_NAMES.join(', ')})`)
    .option('--csv <DIR>', 'write one CSV file per table into the new folder DIR (never overwritten)')
    .option('--json', 'print the tables (or the paths) as JSON on stdout');
  modelOptions(show, { mechanism: true }).action(async (model: string, flags: ShowFlags) => {
    const { showCommand } = await import('./show-command.ts');
    exit.code = await showCommand(model, flags, io);
  });

  program
    .command('schema')
    .description('Print (or write) the JSON Schema of the model-file format.')
    .option('-o, --out <FILE>', 'write it to this file instead of stdout')
    .action(async (flags: { out?: string }) => {
      const [{ scenarioJsonSchema }, { writeOutputFile }] = await Promise.all([import('../scenario/json-schema.ts'), import('./run-folder.ts')]);
      const text = JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
      if (flags.out) writeOutputFile(flags.out, text, { flag: '--out', command: 'parley schema', overwrite: true });
      else io.out.write(text);
      exit.code = 0;
    });
}

/** The validation suite, the viewer and the explorer. */
function toolCommands(program: Command, { io, exit }: CommandContext): void {
  program
    .command('check')
    .description('Run the validation suite: closed-form results of bargaining theory and published figures of other models; exit 1 if any case fails.')
    .option('--only <TEXT>', 'only the suites whose title contains TEXT (e.g. Equilibrium, Fearon, Bueno, ANAC)')
    .action(async (flags: { only?: string }) => {
      const { checkCommand } = await import('./check-command.ts');
      exit.code = checkCommand(flags, io);
    });

  program
    .command('explore')
    .description(
      'Explore a model in the browser: every parameter a control, the batch re-run in the page as you change them; served on 127.0.0.1 until Ctrl-C, or --out writes one self-contained HTML file.',
    )
    .argument('[model]', 'model file (YAML or JSON)', DEFAULT_MODEL)
    .option('-n, --runs <N>', 'runs per batch in the page (default 2000)', positiveInteger)
    .option('-s, --seed <S>', 'master seed (any text); run i draws from seed "S/i"', seedText, '1')
    .option('--set <PATH=VALUE>', 'start with this field changed (repeatable; PATH~=W on a salience rescales the others)', collect, [])
    .option('--variant <NAME>', 'start with the named variant of the model')
    .option('--port <P>', 'port to serve on, 1–65535 (default: any free port)', portNumber)
    .option('-o, --out <FILE>', 'write the explorer as one HTML file that works from file:// (never overwritten) instead of serving it')
    .action(async (model: string, flags: ExploreFlags) => {
      const { exploreCommand } = await import('./explore-command.ts');
      exit.code = await exploreCommand(model, flags, io);
    });

  program
    .command('view')
    .description(
      'Write runs/index.html listing the run folders and print where to open it (or, given a run folder, print its report); --serve serves them on localhost.',
    )
    .argument('[run-dir]', 'a run folder (or a comparison, sweep or sensitivity folder)')
    .option('--runs-dir <DIR>', 'the folder of run folders', 'runs')
    .option('--serve', 'serve the index (or the given folder) over HTTP on 127.0.0.1 until Ctrl-C')
    .option('--port <P>', 'port for --serve, 1–65535 (default: any free port)', portNumber)
    .action(async (runDir: string | undefined, flags: ViewFlags) => {
      const { viewCommand } = await import('./view-command.ts');
      exit.code = await viewCommand(runDir, flags, io);
    });
}

/** The command line as the user typed it (for the bug report of an internal error). */
function typedCommand(argv: string[]): string {
  return ['parley', ...argv.slice(2)].map(shellQuote).join(' ');
}

/**
 * Turns whatever ended a command into its exit code and message: the one error boundary.
 * Bad input (UsageError, a model that does not validate, a bad flag): exit 2 with its lines.
 * The environment (EnvironmentError, any failed system call): exit 1 with one plain line.
 * Anything else is a bug in parley: exit 1, "internal error", the stack, and a request to report it.
 */
export function reportFailure(e: unknown, argv: string[], err: NodeJS.WritableStream): number {
  if (e instanceof CommanderError) {
    // Commander has printed its message; help and version exit 0, bad flags are bad input.
    return e.exitCode === 0 ? 0 : 2;
  }
  if (e instanceof UsageError) {
    for (const line of e.lines) err.write(`${line}\n`);
    return 2;
  }
  if (e instanceof ScenarioValidationError) {
    for (const line of formatProblems(e.problems)) err.write(`${line}\n`);
    return 2;
  }
  if (e instanceof EnvironmentError) {
    for (const line of e.lines) err.write(`parley: ${line}\n`);
    return 1;
  }
  if (isSystemError(e)) {
    err.write(
      `parley: ${describeSystemError(e, e.path === undefined ? `${e.syscall ?? 'a system call'} failed` : `${e.syscall ?? 'cannot use'} ${e.path}`)}\n`,
    );
    return 1;
  }
  err.write(
    `parley: internal error — a bug in parley, not in your input. Please report it with the command you ran:\n  ${typedCommand(argv)}\n` +
      `${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  return 1;
}

/** Runs the CLI with `argv` (as process.argv) and returns the exit code. */
export async function main(
  argv: string[],
  io = { out: process.stdout as NodeJS.WritableStream, err: process.stderr as NodeJS.WritableStream },
): Promise<number> {
  const exit = { code: 0 };
  try {
    await buildProgram(io, exit, argv).parseAsync(argv);
    return exit.code;
  } catch (e) {
    return reportFailure(e, argv, io.err);
  }
}
