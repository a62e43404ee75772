/**
 * The characters a TrueType font draws: the code points of the Basic Multilingual Plane its
 * format 4 "cmap" subtable maps to a glyph other than .notdef (OpenType specification, "cmap —
 * Character to glyph index mapping table", format 4: segment mapping to delta values).
 */

/** Where the table `tag` starts, from the font's table directory. */
export function tableOffset(font: DataView, tag: string): number {
  const count = font.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const name = String.fromCharCode(font.getUint8(at), font.getUint8(at + 1), font.getUint8(at + 2), font.getUint8(at + 3));
    if (name === tag) return font.getUint32(at + 8);
  }
  throw new Error(`the font has no ${tag} table`);
}

/** The code points below U+FFFF the font maps to a glyph. */
export function bmpCodePoints(bytes: Uint8Array): Set<number> {
  const font = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cmap = tableOffset(font, 'cmap');
  const subtables = font.getUint16(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const sub = cmap + font.getUint32(cmap + 4 + 8 * i + 4);
    if (font.getUint16(sub) !== 4) continue;
    const segments = font.getUint16(sub + 6) / 2;
    const ends = sub + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const rangeOffsets = deltas + 2 * segments;
    const points = new Set<number>();
    for (let s = 0; s < segments; s++) {
      const start = font.getUint16(starts + 2 * s);
      const end = font.getUint16(ends + 2 * s);
      const delta = font.getUint16(deltas + 2 * s);
      const rangeOffset = font.getUint16(rangeOffsets + 2 * s);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        // idRangeOffset is relative to its own slot in the idRangeOffset array.
        const raw = rangeOffset === 0 ? c : font.getUint16(rangeOffsets + 2 * s + rangeOffset + 2 * (c - start));
        const glyph = rangeOffset !== 0 && raw === 0 ? 0 : (raw + delta) & 0xffff;
        if (glyph !== 0) points.add(c);
      }
    }
    return points;
  }
  throw new Error('the font has no format 4 cmap subtable');
}

/**
 * Whether every character of the SVG's text is in `points`. The SVG is scanned whole (its markup
 * is ASCII), numeric character references decoded; a character beyond U+FFFF never is.
 */
export function coversSvgText(svg: string, points: ReadonlySet<number>): boolean {
  for (let i = 0; i < svg.length; i++) {
    const c = svg.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x26 && svg.charCodeAt(i + 1) === 0x23) {
        const reference = /^&#(x[0-9a-f]+|[0-9]+);/i.exec(svg.slice(i, i + 24));
        // One it cannot read may stand for any character: the whole font draws it.
        if (reference === null) return false;
        const value = reference[1][0].toLowerCase() === 'x' ? parseInt(reference[1].slice(1), 16) : Number(reference[1]);
        // Line breaks and other controls in attributes (aria-label) are never drawn.
        if (value >= 0x20 && !points.has(value)) return false;
      }
      continue;
    }
    if (!points.has(c)) return false;
  }
  return true;
}
