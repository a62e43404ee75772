/**
 * Runs on their undominated packages only: a package that another package beats for every party
 * is never offered, never accepted and never decides the zone of agreement, so a run can be
 * played on the others alone with the same outcome. Two parties keep exactly the Pareto set (in
 * NegMAS's 2-party 5 × 5 case about 60 of 3,125 packages, the Pareto staircase); three or more
 * keep what a cheaper pairwise test leaves (pairwise-dominance.ts: about 1,200 of 3,125 in the
 * 4-party case). Only the kept packages' utilities are computed.
 *
 * How, with two parties: the product of options is expanded issue by issue as in a direct sum,
 * ((0 + v_0) + v_1) + …, but after each issue the prefixes another prefix beats for both parties
 * by more than a margin are dropped (a Pareto filter over two criteria: sort by one party's sum,
 * sweep the other's). The same options appended to both prefixes keep the beaten one beaten, so
 * the expansion never builds a dominated package.
 *
 * Why the outcome is the same, whoever proposes: if q beats p for every party, q's utility to the
 * proposer is higher, and its normalized gain for each other party is at least p's; a proposer
 * picks the package best for the others (their least gain) among those meeting its aspiration,
 * ties broken by its own utility, so whenever p meets the aspiration q does and is picked over it.
 * The best package of each party, the width of the zone (a maximum of a minimum of u − r) and each
 * party's sole concession (a minimum of r − u over packages only it is short of: where q is, it is
 * short by less, and every other party accepts q too) are each reached at an undominated package;
 * the package the zone names is the lowest-numbered one reaching the width, and a beaten package
 * never reaches it. Renumbering the kept packages in their order keeps every "lower package id
 * first" tie-break as it was.
 *
 * Floats: adding the same value to two sums can round them to the same float, so "beats" needs a
 * margin. A sum of I values each at most M in size is within I · 2⁻⁵³ · M of its exact value, and
 * u − r adds one more rounding; a prefix that leads by more than (2I + 8) · 2⁻⁵² · M still leads
 * strictly after every later add and after subtracting the reservation value. Near-ties are kept.
 *
 * When it applies (decided per scenario): two or more actors (with more, two issues or more), the
 * same consent for every package, no interaction terms, no vote (decision-rule.ts), every
 * combination feasible, alternating offers with time-based or hardliner seats, and complete
 * information (beliefs aim by the true gains). Anything else — or a context that shows utilities
 * by package id (replays, checks) — plays every package.
 */
import type { CompiledScenario, PackageId } from './compiled-scenario.ts';
import { fillRunParameters, weighOptions, type Instance } from './preferences.ts';
import { allocatePairwise, buildPairwise, dominanceMargin, PAIRWISE_MAX_OPTIONS, type PairwiseDominance } from './pairwise-dominance.ts';

export interface UndominatedPackages {
  /** [k] the package id of the k-th kept package of this run (ascending). */
  packageIds: Int32Array;
  count: number;
  /** Two parties: the Pareto staircase's scratch; more: null. */
  staircase: StaircaseScratch | null;
  /** Three or more parties: the pairwise test's scratch (pairwise-dominance.ts); two: null. */
  pairwise: PairwiseDominance | null;
}

interface StaircaseScratch {
  /** Per party, the weighted value of every option (weighOptions). */
  optionValues: [Float64Array, Float64Array];
  /** Two staircases (current level and next) and the candidates between them: sums per party and product index. */
  level: Staircase;
  next: Staircase;
  candidates: Staircase;
  /** [o] the position reached in each shifted copy while merging. */
  heads: Int32Array;
  /** [package id] the sums of the kept packages, before they are put in id order. */
  byId: [Float64Array, Float64Array];
}

interface Staircase {
  u0: Float64Array;
  u1: Float64Array;
  id: Int32Array;
  size: number;
}

function staircase(size: number): Staircase {
  return { u0: new Float64Array(size), u1: new Float64Array(size), id: new Int32Array(size), size: 0 };
}

/** Widest issue the n-way merge handles (its cost grows with n · options). */
const MAX_OPTIONS = 32;

/**
 * Whether runs of this scenario can be played on their undominated packages (see the top
 * comment), and it pays: each party's utilities change from run to run (`varyingIssues`, from the
 * instance: otherwise they are summed once per context and the filter would only add work).
 */
export function undominatedApplies(compiled: CompiledScenario, varyingIssues: readonly Int32Array[]): boolean {
  const parties = compiled.actors.length;
  if (parties < 2) return false;
  // More parties: the pairwise test needs two issues to pair.
  if (parties > 2 && compiled.issues.length < 2) return false;
  if (!varyingIssues.every((issues) => issues.length === compiled.issues.length)) return false;
  if (compiled.issues.some((issue) => issue.options.length > (parties === 2 ? MAX_OPTIONS : PAIRWISE_MAX_OPTIONS))) return false;
  if (compiled.interactions.length > 0) return false;
  if (compiled.decisionRule.voters.length > 0) return false;
  if (compiled.packageCount !== compiled.packagesBeforeFeasibility) return false;
  const mask = compiled.consentMask[0];
  for (let p = 1; p < compiled.packageCount; p++) if (compiled.consentMask[p] !== mask) return false;
  if (!compiled.mechanisms.every((m) => m === 'alternating-offers')) return false;
  if (!compiled.strategies.every((names) => names.every((name) => name === 'time-based' || name === 'hardliner'))) return false;
  const noise = compiled.parameters[compiled.slots.beliefNoise].distribution;
  const pinnedNoise = compiled.pinned?.[compiled.slots.beliefNoise] ?? Number.NaN;
  return noise.dist === 'fixed' && noise.value === 0 && (Number.isNaN(pinnedNoise) || pinnedNoise === 0);
}

export function allocateUndominated(compiled: CompiledScenario): UndominatedPackages {
  const P = compiled.packageCount;
  const two = compiled.actors.length === 2;
  return {
    packageIds: new Int32Array(P),
    count: 0,
    staircase: two ? allocateStaircase(compiled) : null,
    pairwise: two ? null : allocatePairwise(compiled),
  };
}

function allocateStaircase(compiled: CompiledScenario): StaircaseScratch {
  const P = compiled.packageCount;
  const widest = Math.max(...compiled.issues.map((issue) => issue.options.length));
  return {
    optionValues: [new Float64Array(compiled.optionCount), new Float64Array(compiled.optionCount)],
    level: staircase(P),
    next: staircase(P),
    candidates: staircase(P),
    heads: new Int32Array(widest),
    byId: [new Float64Array(P), new Float64Array(P)],
  };
}

/**
 * Fills `out` for this run on the undominated packages: its parameters as buildInstance does, and
 * utilities, best packages and packageCount over the kept packages, renumbered 0 … count − 1 in id
 * order (space.packageIds maps them back).
 */
export function buildUndominated(compiled: CompiledScenario, values: Float64Array, out: Instance, space: UndominatedPackages): void {
  space.count = space.pairwise !== null ? buildPairwise(compiled, values, out, space.pairwise, space.packageIds) : buildStaircase(compiled, values, out, space);
}

/** Two parties: the kept packages are the Pareto staircase, filtered after each issue. */
function buildStaircase(compiled: CompiledScenario, values: Float64Array, out: Instance, undominated: UndominatedPackages): number {
  const space = undominated.staircase!;
  fillRunParameters(compiled, values, out);
  const [v0, v1] = space.optionValues;
  weighOptions(compiled, values, 0, v0);
  weighOptions(compiled, values, 1, v1);
  const { issues, optionOffset } = compiled;
  const I = issues.length;
  // The margin by which a prefix must lead for both parties (see the top comment).
  const margin0 = dominanceMargin(compiled, v0, out.reservation[0], 8);
  const margin1 = dominanceMargin(compiled, v1, out.reservation[1], 8);

  let level = space.level;
  let next = space.next;
  level.u0[0] = 0;
  level.u1[0] = 0;
  level.id[0] = 0;
  level.size = 1;
  for (let i = 0; i < I; i++) {
    const n = issues[i].options.length;
    mergeShifted(level, v0, v1, optionOffset[i], n, space.candidates, space.heads);
    keepUndominated(space.candidates, margin0, margin1, next);
    [level, next] = [next, level];
  }

  // Put the kept packages in id order: their sums by id, then the ids sorted.
  const count = level.size;
  const ids = undominated.packageIds;
  const [byId0, byId1] = space.byId;
  for (let k = 0; k < count; k++) {
    const id = level.id[k];
    ids[k] = id;
    byId0[id] = level.u0[k];
    byId1[id] = level.u1[k];
  }
  ids.subarray(0, count).sort();
  out.packageCount = count;
  const { utility } = out;
  let best0 = -Infinity;
  let best1 = -Infinity;
  for (let k = 0; k < count; k++) {
    const u0 = byId0[ids[k]];
    const u1 = byId1[ids[k]];
    utility[k] = u0;
    utility[count + k] = u1;
    if (u0 > best0) best0 = u0;
    if (u1 > best1) best1 = u1;
  }
  out.best[0] = best0;
  out.best[1] = best1;
  return count;
}

/** The real package id of kept package k (−1 stays −1). */
export function packageIdOf(space: UndominatedPackages, k: PackageId): PackageId {
  return k < 0 ? k : space.packageIds[k];
}

/**
 * The staircase `level` (sorted by party 0's sum, largest first) extended by each of the issue's n
 * options, merged into `out` in the same order. Adding one value to a sorted list keeps it sorted
 * (rounding is monotone), so this is an n-way merge. The new product index is id · n + option.
 */
function mergeShifted(level: Staircase, v0: Float64Array, v1: Float64Array, offset: number, n: number, out: Staircase, heads: Int32Array): void {
  const size = level.size;
  heads.fill(0, 0, n);
  const total = size * n;
  for (let k = 0; k < total; k++) {
    let pick = -1;
    let pickU0 = -Infinity;
    for (let o = 0; o < n; o++) {
      const h = heads[o];
      if (h >= size) continue;
      const u0 = level.u0[h] + v0[offset + o];
      if (pick < 0 || u0 > pickU0) {
        pick = o;
        pickU0 = u0;
      }
    }
    const h = heads[pick]++;
    out.u0[k] = pickU0;
    out.u1[k] = level.u1[h] + v1[offset + pick];
    out.id[k] = level.id[h] * n + pick;
  }
  out.size = total;
}

/**
 * Keeps the candidates (sorted by u0, largest first) that no candidate beats for both parties by
 * the margins: a sweep keeps the best u1 among those leading in u0 by margin0.
 */
function keepUndominated(candidates: Staircase, margin0: number, margin1: number, out: Staircase): void {
  const { u0, u1, id, size } = candidates;
  let leaders = 0;
  let bestU1 = -Infinity;
  let kept = 0;
  for (let k = 0; k < size; k++) {
    const threshold = u0[k] + margin0;
    while (leaders < k && u0[leaders] >= threshold) {
      if (u1[leaders] > bestU1) bestU1 = u1[leaders];
      leaders++;
    }
    if (bestU1 >= u1[k] + margin1) continue;
    out.u0[kept] = u0[k];
    out.u1[kept] = u1[k];
    out.id[kept] = id[k];
    kept++;
  }
  out.size = kept;
}
