/**
 * Where the peer data `parley check` reads live: models/anchors/ in the package (published inputs
 * and reference outputs of other negotiation models, copied with their provenance in
 * models/anchors/PROVENANCE.md). The folder ships with parley, so the check runs whole from a
 * clone or an installed package; should a file be missing anyway (a damaged install), the cases
 * that need it are reported as skipped — never as passed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** models/anchors/ at the package root (the same depth from src/check/ as from a compiled dist/check/). */
export const ANCHORS_DIR = fileURLToPath(new URL('../../models/anchors/', import.meta.url));

/** The absolute path of a file under models/anchors/, or undefined when it is missing. */
export function anchorFile(relative: string): string | undefined {
  const path = ANCHORS_DIR + relative;
  return existsSync(path) ? path : undefined;
}

/** The absolute paths of files under models/anchors/, or why a case needing them cannot run. */
export function anchorFiles(...relative: string[]): { paths: string[] } | { missing: string } {
  const paths = relative.map(anchorFile);
  const missing = relative.filter((_, k) => paths[k] === undefined);
  if (missing.length > 0)
    return { missing: `${missing.map((m) => ANCHORS_DIR + m).join(', ')} missing (it ships with parley: reinstall or restore models/anchors/)` };
  return { paths: paths as string[] };
}
