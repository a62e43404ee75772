/**
 * The outcome space seen with one continuous issue as a true continuum: every package is a
 * "part" — its options on the other issues — and a point on that issue's range. The issue's
 * `levels` are then only where agreed packages are reported; the equilibrium solver
 * (continuum-offers.ts) offers any point of [low, high].
 *
 * An issue qualifies when its levels take part in nothing but the utilities: every part has
 * every level (no infeasible combination or constraint names a level; parley's conditions cannot
 * name levels of a continuous issue, but a package space built in code can be any set), no
 * interaction depends on the level, and the consent a package needs does not change with it.
 * The first continuous issue that qualifies is taken; the others stay on their levels (and the
 * solver reports a grid bound for them, grid-bound.ts).
 */
import type { CompiledScenario, PackageId } from './compiled-scenario.ts';

export interface ContinuumLayout {
  /** The continuous issue solved on the continuum, and its range. */
  issue: number;
  low: number;
  high: number;
  /** Its levels (where agreed packages are reported): how many, and the step between them. */
  levelCount: number;
  levelStep: number;
  /** The parts: packages that differ only on this issue. */
  partCount: number;
  /** [p] package p's part and level index. */
  partOf: Int32Array;
  /** [d] the package of part d at the lowest level (its utilities give the part's base). */
  partPackage: Int32Array;
  /** [d] the consent mask of part d (the same at every level). */
  partMask: Uint32Array;
}

/** The continuum layout of a scenario, or null if no continuous issue qualifies. */
export function continuumLayout(compiled: CompiledScenario): ContinuumLayout | null {
  for (let i = 0; i < compiled.issues.length; i++) {
    const layout = layoutFor(compiled, i);
    if (layout !== null) return layout;
  }
  return null;
}

function layoutFor(compiled: CompiledScenario, i: number): ContinuumLayout | null {
  const issue = compiled.issues[i];
  if (issue.kind !== 'continuous' || issue.levels === undefined || issue.levels.length < 2) return null;
  const { packageOptions, packageCount: P, consentMask } = compiled;
  const I = compiled.issues.length;
  const L = issue.levels.length;
  if (P % L !== 0) return null;
  // Every part holds every level, so exactly P / L packages are at each level: a cheap count rules
  // out most spaces that fail (a simplex has more packages at the lowest level than at the highest).
  const atLevel = new Int32Array(L);
  for (let p: PackageId = 0; p < P; p++) atLevel[packageOptions[p * I + i]]++;
  if (atLevel.some((n) => n !== P / L)) return null;
  // Parts are keyed by the package's options on the other issues, as a mixed-radix number (a
  // string where that could pass 2^52).
  const radix = compiled.issues.map((x) => x.options.length);
  const keys = radix.reduce((n, r, j) => (j === i ? n : n * r), 1);
  const numeric = keys < 2 ** 52;
  // Keys within a few times the package count index a dense table (a Map costs ~0.7 µs a package).
  const dense = keys <= 4 * P + 1024 ? new Int32Array(keys).fill(-1) : null;
  const partByKey = new Map<number | string, number>();
  const partOf = new Int32Array(P);
  const levelSeen: number[] = [];
  const partPackage: number[] = [];
  const partMask: number[] = [];
  const key: number[] = [];
  for (let p: PackageId = 0; p < P; p++) {
    let k: number | string = 0;
    key.length = 0;
    for (let j = 0; j < I; j++) {
      if (j === i) continue;
      if (numeric) k = k * radix[j] + packageOptions[p * I + j];
      else key.push(packageOptions[p * I + j]);
    }
    if (!numeric) k = key.join(',');
    let d = dense !== null ? dense[k as number] : partByKey.get(k);
    if (d === undefined || d < 0) {
      d = partPackage.length;
      if (dense !== null) dense[k as number] = d;
      else partByKey.set(k, d);
      partPackage.push(-1);
      partMask.push(consentMask[p]);
      levelSeen.push(0);
    }
    if (consentMask[p] !== partMask[d]) return null;
    const level = packageOptions[p * I + i];
    if (level === 0) partPackage[d] = p;
    levelSeen[d]++;
    partOf[p] = d;
  }
  if (levelSeen.some((n) => n !== L) || partPackage.some((p) => p < 0)) return null;
  // An interaction whose packages hold some but not all levels of a part depends on the level.
  const inInteraction = new Int32Array(partPackage.length);
  for (const interaction of compiled.interactions) {
    inInteraction.fill(0);
    for (const p of interaction.packages) inInteraction[partOf[p]]++;
    if (inInteraction.some((n) => n !== 0 && n !== L)) return null;
  }
  const levels = issue.levels;
  return {
    issue: i,
    low: levels[0],
    high: levels[L - 1],
    levelCount: L,
    levelStep: (levels[L - 1] - levels[0]) / (L - 1),
    partCount: partPackage.length,
    partOf,
    partPackage: Int32Array.from(partPackage),
    partMask: Uint32Array.from(partMask),
  };
}
