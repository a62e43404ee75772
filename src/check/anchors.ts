/**
 * Where the peer data lives: ../shared/anchors beside the checkout (published inputs and reference
 * outputs of other negotiation models; never copied into the project). Absent in a user's own
 * clone: callers skip their cases and say why.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ANCHORS_DIR = fileURLToPath(new URL('../../../shared/anchors/', import.meta.url));

/** The absolute path of an anchors file, or undefined when ../shared/anchors is absent. */
export function anchorFile(relative: string): string | undefined {
  const path = ANCHORS_DIR + relative;
  return existsSync(path) ? path : undefined;
}

export const ANCHORS_MISSING = `skipped: ../shared/anchors is absent (peer data lives beside the checkout at ${ANCHORS_DIR})`;
