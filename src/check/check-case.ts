/**
 * One validation case of `parley check`: a number parley computes, the value it must reproduce
 * (from a closed-form formula or a published figure), and the tolerance the comparison allows.
 */
export interface CheckCase {
  /** What is compared, e.g. "Rubinstein δ1=0.9 δ2=0.8: first proposer's share". */
  name: string;
  /** Where the expected value comes from, e.g. "Rubinstein (1982)" or "BDM EC example (Scholz et al. 2011)". */
  source: string;
  expected: number;
  actual: number;
  /** |actual − expected| ≤ tolerance passes; say why this tolerance (discretization, rounding of the published figure). */
  tolerance: number;
  /** Set when the case could not run (e.g. a file of models/anchors/ missing): why. Never counts as a pass. */
  skipped?: string;
  /** A remark printed under the table, e.g. a documented quirk that explains a difference. */
  note?: string;
}

/** A group of cases that share a source (one file each in src/check/). */
export interface CheckSuite {
  title: string;
  cases: () => CheckCase[];
}

/** Whether the case ran and reproduced its value; a skipped case did not pass (it is counted as skipped). */
export function passes(c: CheckCase): boolean {
  return c.skipped === undefined && Math.abs(c.actual - c.expected) <= c.tolerance;
}

/** A case that could not run, with the reason shown in the table. */
export function skippedCase(name: string, source: string, why: string): CheckCase {
  return { name, source, expected: Number.NaN, actual: Number.NaN, tolerance: 0, skipped: why };
}
