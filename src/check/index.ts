/**
 * The validation suite of `parley check` (and of `npm test`): every case compares a number parley
 * computes with a closed-form result or a published figure. One file per source.
 */
import { anacSuite } from './anac-cases.ts';
import { bdmSuite } from './bdm-cases.ts';
import { continuumSuite } from './continuum-cases.ts';
import { screeningSuite } from './screening-cases.ts';
import type { CheckCase, CheckSuite } from './check-case.ts';
import { equilibriumSuite } from './equilibrium-cases.ts';
import { fearonSuite } from './fearon-cases.ts';
import { solutionSuite } from './solution-cases.ts';

export type { CheckCase, CheckSuite } from './check-case.ts';
export { passes } from './check-case.ts';

export const checkSuites: CheckSuite[] = [equilibriumSuite, continuumSuite, screeningSuite, solutionSuite, fearonSuite, bdmSuite, anacSuite];

export interface SuiteResult {
  title: string;
  cases: CheckCase[];
}

/** Runs the suites (optionally only those whose title contains `filter`, case-insensitive). */
export function runChecks(filter?: string, suites: readonly CheckSuite[] = checkSuites): SuiteResult[] {
  const wanted = filter?.toLowerCase();
  return suites.filter((s) => wanted === undefined || s.title.toLowerCase().includes(wanted)).map((s) => ({ title: s.title, cases: s.cases() }));
}
