/**
 * The common shape of an ANAC negotiation scenario, whichever file format it came in: a domain
 * (issues and their values) and one linear-additive preference profile per party. GENIUS XML
 * (genius-xml.ts) and GeniusWeb JSON (geniusweb-json.ts) are read into this and written from it
 * (anac-writers.ts); anac-to-scenario.ts maps it to a parley model, scenario-to-anac.ts back.
 *
 * A profile's utility of a bid is Σ_i w_i · v_i(x_i): the issue weights w (summing to 1) times
 * the value functions v_i ∈ [0, 1] — GENIUS's AdditiveUtilitySpace and GeniusWeb's
 * LinearAdditiveUtilitySpace alike.
 */
import type { ImportProblem } from './spatial-data.ts';

/** An input file's text and its name (used in messages). */
export interface TextFile {
  text: string;
  file: string;
}

/** An issue whose values are names (GENIUS `discrete`, GeniusWeb DiscreteValueSet). */
export interface AnacDiscreteIssue {
  kind: 'discrete';
  name: string;
  values: string[];
  /** Where the file declares it (GENIUS: the <issue> line; GeniusWeb: its key's line). */
  line?: number;
}

/**
 * An issue whose values are numbers from `low` to `high`: every real number (GENIUS `real`,
 * `step` undefined) or the grid low, low + step, … ≤ high (GENIUS `integer` with step 1,
 * GeniusWeb NumberValueSet).
 */
export interface AnacNumberIssue {
  kind: 'number';
  name: string;
  low: number;
  high: number;
  step?: number;
  line?: number;
}

export type AnacIssue = AnacDiscreteIssue | AnacNumberIssue;

/**
 * A value function: for a discrete issue, the utility of each value (in the issue's order); for a
 * number issue, linear pieces through the points (x, v) sorted by x from low to high — a GENIUS
 * linear evaluator clamped to [0, 1] has a kink where it is clamped, GeniusWeb's
 * NumberValueSetUtilities is one piece.
 */
export type AnacValuation = { kind: 'table'; utilities: number[] } | { kind: 'pieces'; points: [number, number][] };

export interface SourcedValue {
  value: number;
  /** Where it comes from: "file:line, what", or "assumption: why". */
  source: string;
}

export interface AnacProfile {
  /** The party as the file names it (GeniusWeb's `name`, else the file's base name). */
  name: string;
  file: string;
  /** [issue] the issue weights, summing to 1. */
  weights: SourcedValue[];
  /** [issue] the value functions. */
  valuations: AnacValuation[];
  /** The utility of no agreement (GENIUS `reservation`; GeniusWeb: the utility of `reservationBid`). */
  reservation: SourcedValue;
  /** GeniusWeb's reservation bid: per issue, the index of its value (a number issue: of its grid point). */
  reservationBid?: number[];
  /** GENIUS `discount_factor` d: utilities are multiplied by d^t, t ∈ [0, 1] the share of the deadline gone. */
  discount?: SourcedValue;
}

export type AnacFormat = 'genius' | 'geniusweb';

export interface AnacData {
  format: AnacFormat;
  /** The domain's name (GENIUS: the domain file's base name; GeniusWeb: its `name`). */
  domainName: string;
  /** A title for people (GENIUS: the objective's name unless it is "root"). */
  title: string;
  domainFile: string;
  issues: AnacIssue[];
  profiles: AnacProfile[];
  /** Facts about how the files were read, for the model's header comment. */
  notes: string[];
}

export type AnacResult = { ok: true; data: AnacData } | { ok: false; problems: ImportProblem[] };

export const FORMAT_NAMES: Record<AnacFormat, string> = {
  genius: 'GENIUS XML',
  geniusweb: 'GeniusWeb JSON',
};

/** The grid points of a number issue with a step: low, low + step, … ≤ high (with float slack). */
export function gridPoints(issue: AnacNumberIssue & { step: number }): number[] {
  const count = Math.floor((issue.high - issue.low) / issue.step + 1e-9) + 1;
  return Array.from({ length: count }, (_, k) =>
    k === count - 1 && Math.abs(issue.low + k * issue.step - issue.high) < 1e-9 * issue.step ? issue.high : issue.low + k * issue.step,
  );
}

/** `count` evenly spaced points from low to high, as parley's compiler spaces a continuous issue's levels. */
export function levelPoints(low: number, high: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => low + ((high - low) * k) / (count - 1));
}

/** v(x) of linear pieces through `points` (x ascending); outside them, the nearest end's value. */
export function valueAt(points: readonly [number, number][], x: number): number {
  if (x <= points[0][0]) return points[0][1];
  for (let k = 1; k < points.length; k++) {
    const [x1, v1] = points[k];
    if (x <= x1) {
      const [x0, v0] = points[k - 1];
      return x1 === x0 ? v1 : v0 + ((v1 - v0) * (x - x0)) / (x1 - x0);
    }
  }
  return points[points.length - 1][1];
}

/**
 * Parses every profile file (`parse`: text → a parsed document or problems) and reads it against
 * the domain (`read`, which pushes its problems), collecting every file's problems in `problems`.
 */
export function readProfiles<Parsed>(
  files: readonly TextFile[],
  parse: (text: string, file: string) => ({ ok: true } & Parsed) | { ok: false; problems: ImportProblem[] },
  read: (parsed: Parsed, file: string) => AnacProfile | undefined,
  problems: ImportProblem[],
): AnacProfile[] {
  const profiles: AnacProfile[] = [];
  for (const { text, file } of files) {
    const parsed = parse(text, file);
    if (!parsed.ok) problems.push(...parsed.problems);
    else {
      const profile = read(parsed, file);
      if (profile) profiles.push(profile);
    }
  }
  return profiles;
}
