/**
 * What the explorer page is given (as JSON in the page, written by src/cli/explore-page.ts) and
 * the one text it gives back the way `parley run` writes it: summary.json.
 */
import type { Summary } from '../core.ts';
import type { ExplorerState } from './explorer-state.ts';

export interface ExplorerData {
  /** The model file's text and its name as the command line gave it (problems name it). */
  modelText: string;
  file: string;
  title: string;
  /** The model's variants, by name. */
  variants: string[];
  /** The command line's settings (--set, --variant, --seed, --runs), before the address's. */
  defaults: ExplorerState;
  /** Served by `parley explore` (Save run posts to it), not a file. */
  served: boolean;
  /** The served page's secret for "Save run" (a page of another site cannot read it). */
  saveToken: string | null;
}

/** summary.json's text, byte for byte as a run folder holds it (run-folder.ts writes JSON this way). */
export function summaryJsonText(summary: Summary): string {
  return JSON.stringify(summary, null, 2) + '\n';
}
