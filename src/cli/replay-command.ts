/**
 * `parley replay RUN_DIR --run I` (or `parley replay MODEL --seed S --run I [--set …]`): re-plays
 * run I of a batch from its folder (its scenario.json and seed) or from the model file and prints
 * the transcript round by round — who offered which terms and whose response decided it
 * (replay-transcript.ts), then every actor in one table — and writes a folder beside the run
 * folder (or in runs/) with the transcript, replay.json and the concession paths, one panel per actor.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  compileScenario,
  concessionPathsSpec,
  describePackage,
  renderChart,
  replay as replayRun,
  STATUS_NAMES,
  validateScenario,
  type CompiledScenario,
  type Replay,
} from '../index.ts';
import { loadModel } from './load-model.ts';
import { Status } from '../negotiation/run-result.ts';
import { mechanismKind } from '../negotiation/mechanisms/mechanism-kind.ts';
import { formatProblems } from '../scenario/problems.ts';
import { openRunFolder, withRunFolder } from './run-folder.ts';
import { UsageError } from '../node/usage-error.ts';
import { readFolderJson } from './folder-files.ts';
import { table } from './summary-table.ts';
import { inRange, wholeBatch } from '../simulation/run-range.ts';
import { caption, withCaption } from '../charts/caption.ts';
import { ACTORS_TABLE_NOTE, actorsTable, talkLines, TRANSCRIPT_WIDTH } from './replay-transcript.ts';
import { wrap } from './text-table.ts';

/** Where a replay goes without --out: `<parent>/<scenario>-replay-run-<I>`, beside the run folder it replays. */
export function replayFolder(parent: string, scenario: string, run: number): string {
  return join(parent, `${scenario}-replay-run-${run}`);
}

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

/**
 * The scenario and seed of the batch, from a run folder or from a model file and --seed, and the
 * folder the replay's own folder goes in by default: beside the run folder (its parent), or runs/
 * for a model file.
 */
function batchOf(target: string, flags: ReplayFlags): { compiled: CompiledScenario; seed: string; parent: string } {
  if (!statSync(target, { throwIfNoEntry: false })?.isDirectory()) {
    if (!existsSync(target)) throw new UsageError([`${target}: no such run folder or model file`]);
    return { compiled: loadModel(target, flags).compiled, seed: flags.seed ?? '1', parent: 'runs' };
  }
  if (flags.seed !== undefined || (flags.set ?? []).length > 0 || flags.variant !== undefined || flags.mechanism !== undefined) {
    throw new UsageError([`${target}: --seed, --set, --variant and --mechanism apply to a model file; a run folder replays its own batch`]);
  }
  const manifest = readJson(join(target, 'manifest.json')) as { seed?: unknown; runs?: unknown; firstRun?: unknown } | null;
  if (!manifest || typeof manifest.seed !== 'string' || typeof manifest.runs !== 'number' || typeof manifest.firstRun !== 'number') {
    throw new UsageError([`${join(target, 'manifest.json')}: expected seed, runs and firstRun`]);
  }
  const { seed, runs, firstRun } = manifest as { seed: string; runs: number; firstRun: number };
  if (!inRange(wholeBatch({ firstRun, runs }), flags.run)) {
    throw new UsageError([`--run: expected a run of this batch, ${firstRun} to ${firstRun + runs - 1}, got ${flags.run}`]);
  }
  const scenarioFile = join(target, 'scenario.json');
  const validated = validateScenario(readJson(scenarioFile), scenarioFile);
  if (!validated.ok) throw new UsageError(formatProblems(validated.problems));
  return { compiled: compileScenario(validated.scenario), seed, parent: dirname(resolve(target)) };
}

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;

/** The run's zone of agreement, from the true utilities, before anyone bargains. */
function zoneLines(replay: Replay, labels: string[]): string[] {
  const { compiled, zone, instance } = replay.context;
  const P = instance.packageCount;
  const best = describePackage(compiled, zone.package).label;
  if (zone.exists) return [`Zone of agreement: yes, ${zone.width.toFixed(3)} wide (the package that serves its worst-served needed party best: ${best}).`];
  const short = Array.from(compiled.consenters)
    .filter((_, k) => (zone.shortMask & (1 << k)) !== 0)
    .map((a) => `${labels[a]} by ${(instance.reservation[a] - instance.utility[a * P + zone.package]).toFixed(3)}`);
  const alone = Array.from(compiled.consenters)
    .filter((a) => Number.isFinite(zone.soleConcession[a]))
    .map((a) => `${labels[a]} (by ${zone.soleConcession[a].toFixed(3)})`);
  return [
    `Zone of agreement: none — no package gives every party whose consent it needs at least its fallback. Closest: ${best}, which leaves ${short.join(', ')} short.`,
    alone.length > 0 ? `  One party alone could open a zone by lowering its fallback: ${alone.join(', ')}.` : '  No single party could open a zone alone.',
  ];
}

/** Bueno de Mesquita's model, issue by issue: positions, the median, and who took whose offer. */
function euLines(replay: Replay, labels: string[]): string[] {
  const { compiled } = replay.context;
  const lines: string[] = [];
  let issue = -1;
  for (const r of replay.euRounds) {
    if (r.issue !== issue) {
      issue = r.issue;
      const i = compiled.issues[issue];
      lines.push(
        '',
        `${i.label} (${i.kind === 'continuous' ? `scale ${i.levels![0]}–${i.levels![i.levels!.length - 1]}` : `option index 0–${i.options.length - 1}`}):`,
      );
    }
    const positions = r.positions.map((x, a) => `${labels[a]} ${Number(x.toPrecision(4))}`).join(', ');
    if (r.round === 0) lines.push(`  start: ${positions}; median ${Number(r.median.toPrecision(4))}`);
    else {
      const moves = r.moves.map(
        (m) =>
          `${labels[m.actor]} ${m.kind === 'compromise' ? 'compromises with' : m.kind === 'capitulation' ? 'gives in to' : 'loses a confrontation with'} ${labels[m.toward]} → ${Number(m.position.toPrecision(4))}`,
      );
      lines.push(`  round ${r.round}: ${moves.length > 0 ? moves.join('; ') : 'nobody moves'}; median ${Number(r.median.toPrecision(4))}`);
    }
  }
  return lines;
}

/** A forecast: the package, each needed party's gain over its fallback, accepted or vetoed, and the nearest acceptable package. */
function forecastLines(replay: Replay, labels: string[]): string[] {
  const { compiled, instance } = replay.context;
  const { result } = replay;
  const P = instance.packageCount;
  const mechanism = compiled.mechanisms[result.mechanism];
  if (result.forecast < 0) return [`The ${mechanism} solution names no package: none gives every party whose consent it needs at least its fallback.`];
  const needed = Array.from(compiled.consenters).filter((_, k) => (compiled.consentMask[result.forecast] & (1 << k)) !== 0);
  const lines = [
    `Forecast (${mechanism}): ${describePackage(compiled, result.forecast).label}`,
    `  gain over fallback of each party whose consent it needs: ${needed.map((a) => `${labels[a]} ${signed(instance.utility[a * P + result.forecast] - instance.reservation[a])}`).join('; ')}`,
  ];
  if (result.vetoActor >= 0) {
    lines.push(`  vetoed by ${labels[result.vetoActor]} (short of its fallback by ${result.vetoShortfall.toFixed(3)})`);
    lines.push(
      result.nearestAccepted >= 0
        ? `  the nearest package every needed party accepts (${result.nearestDistance.toFixed(2)} issue steps away): ${describePackage(compiled, result.nearestAccepted).label}`
        : '  no package is acceptable to every needed party',
    );
  }
  return lines;
}

export async function replayCommand(target: string, flags: ReplayFlags, io: { out: NodeJS.WritableStream }): Promise<number> {
  const { compiled, seed, parent } = batchOf(target, flags);
  const replay = replayRun(compiled, seed, flags.run);
  const labels = compiled.actors.map((a) => a.label);
  const { result } = replay;
  const mechanism = compiled.mechanisms[result.mechanism];
  const forecast = mechanismKind(mechanism) === 'forecast';

  const lines: string[] = [`${compiled.title} — run ${flags.run} of the batch seeded "${seed}", ${mechanism}`, ''];
  lines.push(...zoneLines(replay, labels), '');
  if (forecast) {
    if (replay.euRounds.length > 0) lines.push(`Bueno de Mesquita's model, issue by issue (positions; who takes whose offer):`, ...euLines(replay, labels), '');
    lines.push(...forecastLines(replay, labels));
  } else lines.push(...talkLines(replay, labels));
  lines.push('');
  const ending = STATUS_NAMES[result.status];
  const words = forecast ? (result.status === Status.Deal ? 'forecast accepted' : 'forecast vetoed') : ending === 'breakdown' ? 'talks collapse' : ending;
  lines.push(
    result.packageId >= 0
      ? `Result: ${words}${forecast ? '' : ` in round ${result.round}`}: ${describePackage(compiled, result.packageId).label}`
      : `Result: ${words}${forecast ? '' : ` in round ${result.round}`} (no deal)`,
  );
  if (forecast) {
    lines.push(
      table([
        ['  actor', 'fallback', 'outcome', 'gain'],
        ...labels.map((l, a) => [
          `  ${l}`,
          replay.context.instance.reservation[a].toFixed(3),
          result.utilities[a].toFixed(3),
          signed(result.utilities[a] - replay.context.instance.reservation[a]),
        ]),
      ]),
    );
  } else lines.push(actorsTable(replay, labels, result.utilities), ACTORS_TABLE_NOTE);
  // Long sentences (the zone, the result) wrapped like the rest of the transcript; indented lines and tables stay as they are.
  const transcript =
    lines
      .flatMap((l) => (l.length > TRANSCRIPT_WIDTH && !l.startsWith(' ') ? wrap(l, TRANSCRIPT_WIDTH - 2).map((w, k) => (k === 0 ? w : `  ${w}`)) : [l]))
      .join('\n') + '\n';

  const folder = openRunFolder(flags.out, replayFolder(parent, compiled.name, flags.run));
  return withRunFolder(folder, async () => {
    folder.write('transcript.txt', transcript);
    folder.writeJson('replay.json', {
      seed,
      run: flags.run,
      outcome: ending,
      round: result.round,
      terms: result.packageId >= 0 ? describePackage(compiled, result.packageId).terms : null,
      utilities: Object.fromEntries(compiled.actors.map((a, k) => [a.id, result.utilities[k]])),
      mechanism,
      zone: { exists: replay.context.zone.exists, width: replay.context.zone.width, package: describePackage(compiled, replay.context.zone.package).terms },
      forecast:
        result.forecast < 0 && !forecast
          ? null
          : {
              terms: result.forecast >= 0 ? describePackage(compiled, result.forecast).terms : null,
              vetoedBy: result.vetoActor >= 0 ? compiled.actors[result.vetoActor].id : null,
              shortfall: result.vetoActor >= 0 ? result.vetoShortfall : null,
              nearestAccepted: result.nearestAccepted >= 0 ? describePackage(compiled, result.nearestAccepted).terms : null,
              nearestDistance: result.nearestAccepted >= 0 ? result.nearestDistance : null,
            },
      euRounds: replay.euRounds.map((r) => ({
        issue: compiled.issues[r.issue].id,
        round: r.round,
        positions: Object.fromEntries(r.positions.map((x, a) => [compiled.actors[a].id, x])),
        median: r.median,
        moves: r.moves.map((m) => ({ actor: compiled.actors[m.actor].id, takesOfferOf: compiled.actors[m.toward].id, kind: m.kind, position: m.position })),
      })),
      rounds: replay.rounds.map((r) => ({
        ...r,
        proposer: compiled.actors[r.proposer]?.id ?? null,
        responses: r.responses.map((x) => ({ actor: compiled.actors[x.actor].id, accepts: x.accepts })),
      })),
    });
    const spec = withCaption(
      concessionPathsSpec(replay, labels, `Run ${flags.run} of the batch seeded "${seed}": ${ending} in round ${result.round}`),
      caption([compiled.name, `replay of run ${flags.run}`, `mechanism ${mechanism}`, `seed ${seed}`], null),
    );
    folder.writeJson('concession-paths.vl.json', spec);
    const { svg, png } = await renderChart(spec);
    folder.write('concession-paths.svg', svg);
    folder.write('concession-paths.png', png);
    const written = relative(process.cwd(), folder.commit()) || '.';
    io.out.write(`${transcript}\nWrote ${written}/ (transcript.txt, replay.json, concession-paths.svg and .png)\n`);
    return 0;
  });
}
