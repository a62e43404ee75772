/**
 * How finely to discretize imported continuous issues: parley enumerates every package (one level
 * per issue), so the product of the issues' level counts must stay within MAX_PACKAGES, and a
 * continuous issue has at most 101 levels (schema.ts).
 */
import { MAX_LEVELS, MAX_PACKAGES, MIN_LEVELS } from '../scenario/limits.ts';
import { thousands } from '../format/numbers.ts';

export { MAX_LEVELS, MIN_LEVELS };

/** levels^issues, or Infinity once it passes `MAX_PACKAGES` (so it never loses precision). */
export function packageCount(levels: number, issues: number): number {
  let total = 1;
  for (let i = 0; i < issues; i++) {
    total *= levels;
    if (total > MAX_PACKAGES) return Infinity;
  }
  return total;
}

/** The largest equal level count (≤ 101) whose product over `issues` issues fits MAX_PACKAGES. */
export function largestEqualLevels(issues: number): number {
  let levels = MAX_LEVELS;
  while (levels > MIN_LEVELS && packageCount(levels, issues) > MAX_PACKAGES) levels--;
  return levels;
}

/** Why `levels` (the --levels option) is wrong for `issues` issues, or undefined if it is allowed. */
export function levelsProblem(levels: number, issues: number): string | undefined {
  if (!Number.isInteger(levels) || levels < MIN_LEVELS || levels > MAX_LEVELS) {
    return `expected a whole number from ${MIN_LEVELS} to ${MAX_LEVELS}, got ${levels}`;
  }
  if (packageCount(levels, issues) > MAX_PACKAGES) {
    return `${levels}^${issues} packages is more than ${thousands(MAX_PACKAGES)} (the most parley enumerates); with ${issues} issues use at most ${largestEqualLevels(issues)}`;
  }
  return undefined;
}
