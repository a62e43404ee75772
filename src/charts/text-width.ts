/**
 * Text widths for headless rendering. Without node-canvas Vega guesses every character to be
 * 0.8 em wide, which is about half again too wide for a sans-serif font: long axis labels and
 * titles then leave wide empty margins in the SVG. This table of Helvetica/Arial advance widths
 * (in em, from the Adobe font metrics of Helvetica) gets within a few percent for Latin text;
 * it errs on the wide side (DejaVu Sans, the usual sans-serif on Linux, is up to 15% wider than
 * Helvetica) because a width guessed too narrow lets labels overlap or run off the image.
 */
const WIDTH_GROUPS: [chars: string, em: number][] = [
  ["'ijl|", 0.222],
  [' .,:;!/·fIt[]', 0.278],
  ['()-r', 0.333],
  ['Jcksvxyz', 0.5],
  ['FTZ', 0.611],
  ['ABEKPSVXY', 0.667],
  ['CDHNRUw', 0.722],
  ['GOQ', 0.778],
  ['mM', 0.833],
  ['%', 0.889],
  ['W', 0.944],
];
const DEFAULT_EM = 0.556;
const WIDE_FONT_FACTOR = 1.15;
/** Bold Helvetica runs about this much wider. */
const BOLD_FACTOR = 1.08;

const emByChar = new Map<string, number>(WIDTH_GROUPS.flatMap(([chars, em]) => [...chars].map((c): [string, number] => [c, em])));

function isBold(fontWeight: unknown): boolean {
  return (
    fontWeight === 'bold' ||
    fontWeight === 'bolder' ||
    (typeof fontWeight === 'number' && fontWeight >= 600) ||
    (typeof fontWeight === 'string' && Number(fontWeight) >= 600)
  );
}

/** Width in pixels of `text` set in a sans-serif font of `fontSize` px. */
export function sansSerifWidth(text: string, fontSize: number, fontWeight?: unknown): number {
  let em = 0;
  for (const c of text) em += emByChar.get(c) ?? DEFAULT_EM;
  return em * fontSize * WIDE_FONT_FACTOR * (isBold(fontWeight) ? BOLD_FACTOR : 1);
}
