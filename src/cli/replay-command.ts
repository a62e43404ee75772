/**
 * `parley replay RUN_DIR --run I` (or `parley replay MODEL --seed S --run I [--set …]`): re-plays
 * run I of a batch from its folder (its scenario.json and seed) or from the model file and prints the transcript round by round — who offered which package,
 * who accepted or rejected, each actor's utility of the offer and its aspiration — then writes a
 * folder with the transcript, replay.json and a chart of the concession paths.
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compileScenario, concessionPathsSpec, describePackage, formatProblem, renderChart, replay as replayRun, STATUS_NAMES, validateScenario, type CompiledScenario } from '../index.ts';
import { loadModel } from './load-model.ts';
import { openRunFolder, withRunFolder } from './run-folder.ts';
import { UsageError } from './usage-error.ts';
import { readFolderJson } from './folder-files.ts';

const readJson = (file: string) => readFolderJson(file, 'parley run');

export interface ReplayFlags {
  run: number;
  out?: string;
  /** Replaying from a model file: the batch's seed, overrides, variant and mechanism. */
  seed?: string;
  set?: string[];
  variant?: string;
  mechanism?: string;
}

/** The scenario and seed of the batch: from a run folder, or from a model file and --seed. */
function batchOf(target: string, flags: ReplayFlags): { compiled: CompiledScenario; seed: string; outBeside: string } {
  if (!statSync(target, { throwIfNoEntry: false })?.isDirectory()) {
    if (!existsSync(target)) throw new UsageError([`${target}: no such run folder or model file`]);
    return { compiled: loadModel(target, flags).compiled, seed: flags.seed ?? '1', outBeside: 'runs/x' };
  }
  if (flags.seed !== undefined || (flags.set ?? []).length > 0 || flags.variant !== undefined || flags.mechanism !== undefined) {
    throw new UsageError([`${target}: --seed, --set, --variant and --mechanism apply to a model file; a run folder replays its own batch`]);
  }
  const manifest = readJson(join(target, 'manifest.json')) as { seed?: unknown; runs?: unknown; firstRun?: unknown } | null;
  if (!manifest || typeof manifest.seed !== 'string' || typeof manifest.runs !== 'number' || typeof manifest.firstRun !== 'number') {
    throw new UsageError([`${join(target, 'manifest.json')}: expected seed, runs and firstRun`]);
  }
  const { seed, runs, firstRun } = manifest as { seed: string; runs: number; firstRun: number };
  if (flags.run < firstRun || flags.run >= firstRun + runs) {
    throw new UsageError([`--run: expected a run of this batch, ${firstRun} to ${firstRun + runs - 1}, got ${flags.run}`]);
  }
  const scenarioFile = join(target, 'scenario.json');
  const validated = validateScenario(readJson(scenarioFile), scenarioFile);
  if (!validated.ok) throw new UsageError(validated.problems.map(formatProblem));
  return { compiled: compileScenario(validated.scenario), seed, outBeside: join(target, 'x') };
}

export async function replayCommand(target: string, flags: ReplayFlags, io: { out: NodeJS.WritableStream }): Promise<number> {
  const { compiled, seed, outBeside } = batchOf(target, flags);
  const replay = replayRun(compiled, seed, flags.run);
  const labels = compiled.actors.map((a) => a.label);

  const lines: string[] = [`${compiled.title} — run ${flags.run} of the batch seeded "${seed}"`, ''];
  if (replay.rounds.length === 0) lines.push(`The ${compiled.mechanism} mechanism computes its outcome directly: there are no offers to show.`);
  for (const r of replay.rounds) {
    const offer = r.offer >= 0 ? describePackage(compiled, r.offer).label : '(passes: nothing it would accept)';
    lines.push(r.proposer >= 0 ? `Round ${r.round}: ${labels[r.proposer]} offers ${offer}` : `Round ${r.round}: the text on the table is ${offer}`);
    if (r.responses.length > 0) lines.push(`  ${r.responses.map((x) => `${labels[x.actor]} ${x.accepts ? 'accepts' : 'rejects'}`).join(', ')}`);
    if (r.offer >= 0) lines.push(`  utility / aspiration: ${labels.map((l, a) => `${l} ${r.utilities[a].toFixed(3)}/${r.aspirations[a].toFixed(3)}`).join('; ')}`);
  }
  const { result } = replay;
  lines.push('');
  const ending = STATUS_NAMES[result.status];
  lines.push(
    result.packageId >= 0
      ? `Result: ${ending} in round ${result.round}: ${describePackage(compiled, result.packageId).label}`
      : `Result: ${ending} in round ${result.round} (no deal)`,
  );
  lines.push(`Outcome utilities: ${labels.map((l, a) => `${l} ${result.utilities[a].toFixed(3)}`).join('; ')}`);
  const transcript = lines.join('\n') + '\n';

  const folder = openRunFolder(flags.out, join(outBeside, '..', `${compiled.name}-replay-run-${flags.run}`));
  return withRunFolder(folder, async () => {
    folder.write('transcript.txt', transcript);
    folder.writeJson('replay.json', {
      seed,
      run: flags.run,
      outcome: ending,
      round: result.round,
      terms: result.packageId >= 0 ? describePackage(compiled, result.packageId).terms : null,
      utilities: Object.fromEntries(compiled.actors.map((a, k) => [a.id, result.utilities[k]])),
      rounds: replay.rounds.map((r) => ({ ...r, proposer: compiled.actors[r.proposer]?.id ?? null, responses: r.responses.map((x) => ({ actor: compiled.actors[x.actor].id, accepts: x.accepts })) })),
    });
    const spec = concessionPathsSpec(replay, labels, `Run ${flags.run} of the batch seeded "${seed}": ${ending} in round ${result.round}`);
    folder.writeJson('concession-paths.vl.json', spec);
    const { svg, png } = await renderChart(spec);
    folder.write('concession-paths.svg', svg);
    folder.write('concession-paths.png', png);
    const written = relative(process.cwd(), folder.commit()) || '.';
    io.out.write(`${transcript}\nWrote ${written}/ (transcript.txt, replay.json, concession-paths.svg and .png)\n`);
    return 0;
  });
}
