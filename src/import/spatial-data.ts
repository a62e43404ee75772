/**
 * The common shape of published spatial negotiation data, whatever file it came from: actors
 * with a capability and, on each issue (a position dimension), a position and a salience.
 *
 * This is the data model of Bueno de Mesquita's expected-utility model (BDM CSV), KTAB's Spatial
 * Model of Politics (SMP CSV) and Stokman's exchange model (decide): each importer parses its
 * format into this, and `to-scenario.ts` turns it into a parley scenario.
 */

/** Where a number came from in the source file, e.g. "line 4, Capability". */
export type Provenance = string;

export interface SpatialIssue {
  /** The issue as the file names it (a column header, a #P row). */
  name: string;
  /** The file's own short key for it, when it has one besides the name (decide's #P key). */
  key?: string;
  description?: string;
  /** [low, high] of the position scale. */
  range: [number, number];
  /** Why this range: the format's fixed scale, the file's declared points, or the data's span. */
  rangeSource: string;
  unit?: string;
}

export interface SpatialStance {
  position: number;
  /** On the file's own scale (0–1 or 0–100); normalized per actor later. */
  salience: number;
  /** The line the stance comes from. */
  line: number;
}

export interface SpatialActor {
  name: string;
  /** The file's own short key for it, when it has one besides the name (decide's #A key). */
  key?: string;
  description?: string;
  /** The line that declares the actor. */
  line: number;
  capability: number;
  capabilitySource: Provenance;
  /** One per issue, in issue order; undefined where the file has no data for this actor on the issue. */
  stances: (SpatialStance | undefined)[];
}

export interface SpatialData {
  /** The format's name for people, e.g. "BDM expected-utility CSV". */
  formatName: string;
  /** A title and description the file itself gives (KTAB's line 1), if any. */
  title?: string;
  description?: string;
  /** What an actor's capability is in this format, e.g. "the Capability column". */
  capabilityMeaning: string;
  /** The scale of the salience numbers in this file: "0–1" or "0–100". */
  salienceScale: string;
  issues: SpatialIssue[];
  actors: SpatialActor[];
  /** Format-specific facts about how the file was read, for the output's header comment. */
  notes: string[];
}

/** A problem with the input file: its line when known and what was expected. */
export interface ImportProblem {
  file: string;
  line?: number;
  message: string;
}

export type ParseResult = { ok: true; data: SpatialData } | { ok: false; problems: ImportProblem[] };

export function formatImportProblem(p: ImportProblem): string {
  return `${p.line === undefined ? p.file : `${p.file}:${p.line}`}: ${p.message}`;
}
