/**
 * `parley check`: Bueno de Mesquita's expected-utility model (src/negotiation/expected-utility/)
 * against the published EC example and two replications (Scholz, Calbert & Smith 2011, J.
 * Theoretical Politics 23(4); jmckib/bdm-scholz-expected-utility-model 55f63e9;
 * dmasad/BDM_DecisionModel_Replication aa3899a), read from models/anchors/bdm_eum/.
 *
 * - The EC example's initial weighted Condorcet median (7.0) and weighted mean (7.38996): published.
 * - dmasad's initial risk exponents: the algorithm as written (its P(success) reading).
 * - jmckib's 10-round trajectory and move log: reproduced with `jmckibQuirks` on; each case's note
 *   gives the algorithm-as-written value and which quirk makes the difference.
 * - The Sultan case: in jmckib's run nobody moves, median 13.9, mean 13.6199.
 */
import { readFileSync } from 'node:fs';
import { runEuModel, type EuActorInput, type EuMove, type EuRound } from '../negotiation/expected-utility/model.ts';
import { anchorFiles } from './anchors.ts';
import { skippedCase, type CheckCase, type CheckSuite } from './check-case.ts';

const JMCKIB = 'jmckib/bdm-scholz-expected-utility-model (55f63e9)';
const DMASAD = 'dmasad/BDM_DecisionModel_Replication (aa3899a), Comparison with Original.ipynb';
const EC = 'BDM EC example (Scholz, Calbert & Smith 2011)';

/** Rows of a plain comma-separated file (no quoted fields in these anchors), header first. */
function readRows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',').map((field) => field.trim()));
}

interface ActorTable {
  names: string[];
  actors: EuActorInput[];
}

/** Actor,Capability,Position,Salience; salience divided by `salienceScale` (100 in dmasad's file). */
function readActors(path: string, salienceScale = 1): ActorTable {
  const [header, ...rows] = readRows(path);
  const column = (name: string) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const [name, capability, position, salience] = ['Actor', 'Capability', 'Position', 'Salience'].map(column);
  return {
    names: rows.map((r) => r[name]),
    actors: rows.map((r) => ({ capability: Number(r[capability]), position: Number(r[position]), salience: Number(r[salience]) / salienceScale })),
  };
}

interface TrajectoryRound {
  position: Map<string, number>;
  risk: Map<string, number>;
  median: number;
  mean: number;
}

/** round,actor,position,risk_r with __MEDIAN__ and __MEAN__ rows. */
function readTrajectory(path: string): TrajectoryRound[] {
  const out: TrajectoryRound[] = [];
  for (const [round, actor, position, risk] of readRows(path).slice(1)) {
    const k = Number(round);
    out[k] ??= { position: new Map(), risk: new Map(), median: Number.NaN, mean: Number.NaN };
    if (actor === '__MEDIAN__') out[k].median = Number(position);
    else if (actor === '__MEAN__') out[k].mean = Number(position);
    else {
      out[k].position.set(actor, Number(position));
      out[k].risk.set(actor, Number(risk));
    }
  }
  return out;
}

interface LoggedMove {
  actor: string;
  kind: 'confrontation' | 'compromise' | 'capitulation';
  toward: string;
  eu: number;
  otherEu: number;
  position: number;
}

/** jmckib's printed log: per round, "X compromises with Y / \t eu vs other / \t new_pos = …". */
function readMoveLog(path: string): LoggedMove[][] {
  const rounds: LoggedMove[][] = [];
  const patterns: [RegExp, LoggedMove['kind']][] = [
    [/^(.+) compromises with (.+)$/, 'compromise'],
    [/^(.+) loses confrontation to (.+)$/, 'confrontation'],
    [/^(.+) capitulates to (.+)$/, 'capitulation'],
  ];
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  for (let l = 0; l < lines.length; l++) {
    const round = /^ROUND (\d+)$/.exec(lines[l].trim());
    if (round) {
      rounds[Number(round[1])] = [];
      continue;
    }
    for (const [pattern, kind] of patterns) {
      const m = pattern.exec(lines[l].trim());
      if (!m) continue;
      const [eu, otherEu] = lines[l + 1].trim().split(' vs ').map(Number);
      const position = Number(lines[l + 2].trim().replace('new_pos = ', ''));
      rounds[rounds.length - 1].push({ actor: m[1], kind, toward: m[2], eu, otherEu, position });
      l += 2;
    }
  }
  return rounds;
}

function maxDifference(names: string[], ours: Float64Array, theirs: Map<string, number>): number {
  let max = 0;
  names.forEach((name, i) => {
    const d = Math.abs(ours[i] - (theirs.get(name) ?? Number.NaN));
    max = Number.isNaN(d) || d > max ? d : max;
  });
  return max;
}

const fmt = (x: number) => (Number.isInteger(x) ? x.toFixed(1) : x.toFixed(5));

function describeMoves(names: string[], moves: readonly EuMove[]): string {
  return moves.map((m) => `${names[m.actor]} ${m.kind} → ${names[m.toward]} (${fmt(m.position)})`).join('; ');
}

/** The trajectory CSV prints positions with 16–17 significant digits: only float-order noise may differ. */
const POSITION_TOLERANCE = 1e-9;
/** It prints r rounded to 6 decimals. */
const RISK_TOLERANCE = 5e-7 + 1e-12;

function ecCases(): CheckCase[] {
  const files = anchorFiles('bdm_eum/ExampleActors_jmckib.csv');
  if ('missing' in files) return [skippedCase('EC example: initial weighted Condorcet median', EC, files.missing)];
  const { actors } = readActors(files.paths[0]);
  const [initial] = runEuModel(actors, 0);
  return [
    {
      name: 'EC example: initial weighted Condorcet median',
      source: EC,
      expected: 7.0,
      actual: initial.median,
      tolerance: 0,
      note: 'μ is one of the actors’ positions (4, 7, 10), so it must match exactly; a difference means the votes (c·s·distance) or the median’s definition differ.',
    },
    {
      name: 'EC example: capability×salience weighted mean',
      source: EC,
      expected: 7.38996,
      actual: initial.mean,
      tolerance: 5e-6,
      note: 'tolerance: the published figure has 5 decimals. A difference means the weights are not c·s.',
    },
  ];
}

function dmasadCases(): CheckCase[] {
  const files = anchorFiles('bdm_eum/ExampleActors_dmasad.csv');
  if ('missing' in files) return [skippedCase('EC example: initial risk exponents (dmasad)', DMASAD, files.missing)];
  // dmasad's notebook: salience/100, Model(Actors, 10, 4) (d = 6), Q = T = 1.
  const { names, actors } = readActors(files.paths[0], 100);
  const published: Record<string, number> = {
    Netherlands: 1.1272,
    Belgium: 0.7809,
    Luxembourg: 0.5,
    Germany: 1.1272,
    France: 1.0779,
    Italy: 1.0779,
    UK: 2.0,
    Ireland: 0.5248,
    Denmark: 1.4717,
    Greece: 1.1405,
  };
  const faithful = runEuModel(actors, 1, { range: 6 })[1].risk;
  const quirky = runEuModel(actors, 1, { range: 6, jmckibQuirks: true })[1].risk;
  return names.map((name, i) => ({
    name: `EC example: initial risk exponent r of ${name}`,
    source: DMASAD,
    expected: published[name] ?? Number.NaN,
    actual: faithful[i],
    tolerance: 5e-5 + 1e-12,
    note:
      i === 0
        ? `tolerance: dmasad's values are quoted to 4 decimals. A difference means P(success) or the risk scaling differs: P_ij = max(0, Σ_k v_k(i,j)) / Σ_k |v_k(i,j)| reproduces dmasad; jmckib's denominator over all triples gives e.g. r(${name}) = ${quirky[i].toFixed(4)}.`
        : undefined,
  }));
}

/** Plays `rounds` rounds both ways: with jmckib's quirks and as the algorithm is written. */
function bothWays(actors: EuActorInput[], rounds: number): { quirky: EuRound[]; faithful: EuRound[] } {
  return { quirky: runEuModel(actors, rounds, { jmckibQuirks: true }), faithful: runEuModel(actors, rounds) };
}

function jmckibTrajectoryCases(): CheckCase[] {
  const files = anchorFiles('bdm_eum/ExampleActors_jmckib.csv', 'bdm_eum/eu_traj_jmckib_10rounds.csv', 'bdm_eum/eu_log_jmckib_10rounds.txt');
  if ('missing' in files) return [skippedCase('EC example: jmckib’s 10-round trajectory', JMCKIB, files.missing)];
  const [actorsPath, trajectoryPath, logPath] = files.paths;
  const { names, actors } = readActors(actorsPath);
  const reference = readTrajectory(trajectoryPath);
  const log = readMoveLog(logPath);
  const rounds = reference.length - 1;
  const { quirky, faithful } = bothWays(actors, rounds);
  const onlyProbability = runEuModel(actors, 1, { jmckibQuirks: { probability: true } })[1].moves;
  const onlyOfferChoice = runEuModel(actors, 1, { jmckibQuirks: { offerChoice: true } })[1].moves;
  const cases: CheckCase[] = [];

  for (let k = 1; k <= rounds; k++) {
    cases.push({
      name: `EC example, jmckib quirks on: median after round ${k}`,
      source: JMCKIB,
      expected: reference[k].median,
      actual: quirky[k].median,
      tolerance: POSITION_TOLERANCE,
      note:
        k === 1
          ? `the algorithm as written (no quirks) gives μ = ${faithful
              .slice(1)
              .map((r) => fmt(r.median))
              .join(', ')} in rounds 1–${rounds} (jmckib: ${reference
              .slice(1)
              .map((r) => fmt(r.median))
              .join(
                ', ',
              )}). Both quirks are needed from round 1: with only P's denominator over all triples, round 1 is ${describeMoves(names, onlyProbability)}; with only jmckib's offer choice (any confrontation first, then the compromise with the lowest point, never a capitulation), ${describeMoves(names, onlyOfferChoice)}. A difference with quirks on means one of them is not reproduced.`
          : undefined,
    });
  }
  const positionDifference = Math.max(...quirky.map((r, k) => maxDifference(names, r.position, reference[k].position)));
  const riskDifference = Math.max(...quirky.map((r, k) => maxDifference(names, r.risk, reference[k].risk)));
  const faithfulRisk = maxDifference(names, faithful[1].risk, reference[1].risk);
  cases.push(
    {
      name: `EC example, jmckib quirks on: largest position difference, rounds 0–${rounds}`,
      source: JMCKIB,
      expected: 0,
      actual: positionDifference,
      tolerance: POSITION_TOLERANCE,
      note: `positions are printed to 16 digits: only float-order noise may differ. Without quirks the positions differ by up to ${fmt(Math.max(...faithful.map((r, k) => maxDifference(names, r.position, reference[k].position))))} (Belgium ends near 4 instead of oscillating between 4 and 10).`,
    },
    {
      name: `EC example, jmckib quirks on: largest risk-exponent difference, rounds 0–${rounds}`,
      source: JMCKIB,
      expected: 0,
      actual: riskDifference,
      tolerance: RISK_TOLERANCE,
      note: `r is printed to 6 decimals. Without quirks round 1's r differ by up to ${fmt(faithfulRisk)}: jmckib's P denominator (all triples) alone explains it — the faithful P gives dmasad's r.`,
    },
  );

  // The moves, as jmckib's log prints them.
  let logged = 0;
  let matched = 0;
  let euDifference = 0;
  for (let k = 1; k <= rounds; k++) {
    const ours = quirky[k].moves;
    for (const move of log[k] ?? []) {
      logged++;
      const mine = ours.find((m) => names[m.actor] === move.actor);
      if (mine === undefined || mine.kind !== move.kind || names[mine.toward] !== move.toward || Math.abs(mine.position - move.position) > POSITION_TOLERANCE)
        continue;
      matched++;
      euDifference = Math.max(euDifference, Math.abs(mine.eu - move.eu), Math.abs(mine.otherEu - move.otherEu));
    }
    if (ours.length !== (log[k] ?? []).length) matched -= Math.abs(ours.length - (log[k] ?? []).length);
  }
  const firstRound = (log[1] ?? []).map((m) => `${m.actor} ${m.kind} → ${m.toward}`).join('; ');
  const faithfulFirst = describeMoves(names, faithful[1].moves);
  cases.push(
    {
      name: `EC example, jmckib quirks on: moves matching jmckib’s log (who, kind, towards whom, where), rounds 1–${rounds}`,
      source: JMCKIB,
      expected: logged,
      actual: matched,
      tolerance: 0,
      note: `round 1 in the log: ${firstRound}. The algorithm as written: ${faithfulFirst}. A shortfall counts each logged move not reproduced and each extra move.`,
    },
    {
      name: 'EC example, jmckib quirks on: largest difference of the logged EU_ij, EU_ji of the moves',
      source: JMCKIB,
      expected: 0,
      actual: euDifference,
      tolerance: 1e-12,
      note: 'the log prints EU to 16–17 digits; a difference means the EU formula (or P) is not jmckib’s.',
    },
  );
  return cases;
}

function sultanCases(): CheckCase[] {
  const files = anchorFiles('bdm_eum/Sultan_jmckib.csv', 'bdm_eum/sultan_traj_jmckib_10rounds.csv');
  if ('missing' in files) return [skippedCase('Sultan case', JMCKIB, files.missing)];
  const [actorsPath, trajectoryPath] = files.paths;
  const { names, actors } = readActors(actorsPath);
  const reference = readTrajectory(trajectoryPath);
  const rounds = reference.length - 1;
  const { quirky, faithful } = bothWays(actors, rounds);
  const moves = quirky.reduce((n, r) => n + r.moves.length, 0);
  const countMoves = (trajectory: EuRound[]) => trajectory.reduce((n, r) => n + r.moves.length, 0);
  const faithfulMoves = countMoves(faithful);
  const onlyProbability = runEuModel(actors, rounds, { jmckibQuirks: { probability: true } }).flatMap((r) => r.moves);
  const medianDrift = (trajectory: EuRound[]) => Math.max(...trajectory.map((r) => Math.abs(r.median - 13.9)));
  return [
    {
      name: `Sultan, jmckib quirks on: moves in ${rounds} rounds`,
      source: JMCKIB,
      expected: 0,
      actual: moves,
      tolerance: 0,
      note: `in jmckib's run nobody moves. The algorithm as written makes ${faithfulMoves} moves; with only jmckib's P (denominator over all triples) ${onlyProbability.length} remain, of kinds: ${[...new Set(onlyProbability.map((m) => m.kind))].join(', ') || 'none'} — jmckib's unreachable capitulation branch removes ${onlyProbability.every((m) => m.kind === 'capitulation') ? 'all of them' : 'some of them'}.`,
    },
    {
      name: `Sultan, jmckib quirks on: largest |μ − 13.9| in rounds 0–${rounds}`,
      source: JMCKIB,
      expected: 0,
      actual: medianDrift(quirky),
      tolerance: 0,
      note: 'μ is an actor’s position, so it must match exactly.',
    },
    {
      name: `Sultan, algorithm as written: largest |μ − 13.9| in rounds 0–${rounds}`,
      source: JMCKIB,
      expected: 0,
      actual: medianDrift(faithful),
      tolerance: 0,
      note: 'jmckib’s median; without the quirks actors move, but nobody crosses the Religious Leaders’ 13.9 and they stay put, so μ stays. A difference means a move crossed the median.',
    },
    {
      name: 'Sultan: capability×salience weighted mean',
      source: JMCKIB,
      expected: 13.6199,
      actual: quirky[0].mean,
      tolerance: 5e-5,
      note: 'tolerance: quoted to 4 decimals.',
    },
    {
      name: `Sultan, jmckib quirks on: largest risk-exponent difference, rounds 0–${rounds}`,
      source: JMCKIB,
      expected: 0,
      actual: Math.max(...quirky.map((r, k) => maxDifference(names, r.risk, reference[k].risk))),
      tolerance: RISK_TOLERANCE,
      note: 'r is printed to 6 decimals; a difference means jmckib’s P (denominator over all triples) is not reproduced.',
    },
  ];
}

export const bdmSuite: CheckSuite = {
  title: 'Bueno de Mesquita’s expected-utility model (Scholz, Calbert & Smith 2011; jmckib and dmasad replications)',
  cases: () => [...ecCases(), ...dmasadCases(), ...jmckibTrajectoryCases(), ...sultanCases()],
};
