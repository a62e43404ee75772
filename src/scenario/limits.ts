/**
 * How large a model may be: limits every reader of models shares — validation, compilation and
 * the importers, which choose level counts so that a published scenario fits.
 */

/** Larger outcome spaces are refused: utilities are held as actors × packages doubles. */
export const MAX_PACKAGES = 1_000_000;

/** A continuous issue is discretized into at most this many levels (and at least MIN_LEVELS). */
export const MAX_LEVELS = 101;
export const MIN_LEVELS = 2;
