/**
 * PNG text without Liberation Sans is drawn in DejaVu Sans: in Parley Sans, its subset
 * (src/charts/fonts/, made by scripts/subset-fonts.py), when the chart's text is all in it, else in
 * the whole font. The pixels must be those the whole DejaVu Sans draws, for every character the
 * subset keeps, in regular and bold, and the subset must carry a name its licence allows. The
 * reference is the dejavu-fonts-ttf package's own font files, drawn by the same resvg.
 */
import { Resvg } from '@resvg/resvg-js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bmpCodePoints, coversSvgText, tableOffset } from '../src/charts/font-coverage.ts';
import { dejavuSans, fontsFor, parleySans, renderOptions, type FontChoice } from '../src/charts/render-png.ts';

const [regularFile, boldFile] = parleySans().files;
const kept = bmpCodePoints(readFileSync(regularFile));
const keptBold = bmpCodePoints(readFileSync(boldFile));
const wholeRegular = bmpCodePoints(readFileSync(dejavuSans().files[0]));
const wholeBold = bmpCodePoints(readFileSync(dejavuSans().files[1]));

/** The name records of platform 3 (Windows, UTF-16BE), by name ID (OpenType, "name" table). */
function nameRecords(bytes: Buffer): Map<number, string> {
  const at = tableOffset(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'name');
  const strings = at + bytes.readUInt16BE(at + 4);
  const names = new Map<number, string>();
  for (let i = 0; i < bytes.readUInt16BE(at + 2); i++) {
    const record = at + 6 + 12 * i;
    if (bytes.readUInt16BE(record) !== 3) continue;
    const start = strings + bytes.readUInt16BE(record + 10);
    names.set(
      bytes.readUInt16BE(record + 6),
      Buffer.from(bytes.subarray(start, start + bytes.readUInt16BE(record + 8)))
        .swap16()
        .toString('utf16le'),
    );
  }
  return names;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Lines of text in "sans-serif", as Vega writes chart text, in the given weight. */
function textSvg(lines: readonly string[], weight: 'normal' | 'bold'): string {
  const text = lines.map(
    (line, i) => `<text x="4" y="${16 + 16 * i}" font-family="sans-serif" font-size="12px" font-weight="${weight}">${escapeXml(line)}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${8 + 16 * lines.length}">${text.join('')}</svg>`;
}

const pixels = (svg: string, fonts: FontChoice) => new Resvg(svg, renderOptions(fonts, 1)).render().pixels;

/** The number of pixels darker than mid-grey: text was drawn. */
function ink(rgba: Buffer): number {
  let dark = 0;
  for (let i = 0; i < rgba.length; i += 4) if (rgba[i] < 128) dark++;
  return dark;
}

/** The code points as spaced lines of 48, without controls, combining marks (they need a base) and invisible format characters. */
function lines(points: Iterable<number>): string[] {
  const invisible = (c: number) =>
    c <= 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x300 && c < 0x370) || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f);
  const drawable = [...points].filter((c) => !invisible(c));
  const out: string[] = [];
  for (let i = 0; i < drawable.length; i += 48)
    out.push(
      drawable
        .slice(i, i + 48)
        .map((c) => String.fromCodePoint(c))
        .join(' '),
    );
  return out;
}

describe('Parley Sans, the subset of DejaVu Sans PNG text is drawn in', () => {
  it('keeps only characters of DejaVu Sans, among them the scripts charts are written in', () => {
    expect([...kept].filter((c) => !wholeRegular.has(c))).toEqual([]);
    expect([...keptBold].filter((c) => !wholeBold.has(c))).toEqual([]);
    // Latin with its accents (French, German, Polish, Czech, Vietnamese), Greek, Cyrillic (Ukrainian,
    // Russian), and the punctuation, arrows and signs chart labels use.
    for (const c of 'aZ09éßłřŐếΔωЇїжЯ–—’“…·−±×≤≥≈≠→€') expect(kept.has(c.codePointAt(0)!) && keptBold.has(c.codePointAt(0)!), c).toBe(true);
    expect(kept.size).toBeLessThan(wholeRegular.size / 2);
  });

  it('is renamed as its licence requires (no "Bitstream", "Vera" or "Arev" in its names), keeping the copyright and licence', () => {
    for (const file of [regularFile, boldFile]) {
      const names = nameRecords(readFileSync(file));
      expect(names.get(1)).toBe('Parley Sans');
      for (const id of [1, 3, 4, 6, 16]) expect(names.get(id) ?? '', `name ${id}`).not.toMatch(/Bitstream|Vera|Arev/);
      expect(names.get(0)).toMatch(/Copyright \(c\) 2003 by Bitstream/);
      expect(names.get(13)).toMatch(/DejaVu changes are in public domain/);
    }
  });

  it.each([
    ['normal', kept],
    ['bold', keptBold],
  ] as const)('draws every character it keeps as the whole DejaVu Sans does (%s)', (weight, points) => {
    const svg = textSvg(lines(points), weight);
    const ours = pixels(svg, parleySans());
    expect(ink(ours)).toBeGreaterThan(10_000);
    expect(ours.equals(pixels(svg, dejavuSans()))).toBe(true);
  });
});

describe('the font a PNG is drawn in', () => {
  const hebrew = textSvg(['שלום · Բարեւ · Київ'], 'bold');

  it('is the subset when it has every character of the text, else the whole DejaVu Sans', () => {
    if (fontsFor('<svg/>').family === 'Liberation Sans') return; // this system draws in Liberation Sans
    expect(fontsFor(textSvg(['Київ → ≤ 5 % · ếΔ'], 'bold')).family).toBe('Parley Sans');
    expect(fontsFor(hebrew).family).toBe('DejaVu Sans');
    // The subset alone would draw empty boxes for the Hebrew and Armenian; the whole font draws them.
    expect(ink(pixels(hebrew, dejavuSans()))).toBeGreaterThan(300);
    expect(pixels(hebrew, parleySans()).equals(pixels(hebrew, dejavuSans()))).toBe(false);
  });

  it('reads numeric character references in the text and skips the line breaks of attributes', () => {
    expect(coversSvgText('<text aria-label="a&#xA;b">Kyiv &#8594; &#x2264; &amp;</text>', kept)).toBe(true);
    expect(coversSvgText('<text>&#x5D0;</text>', kept)).toBe(false);
    expect(coversSvgText('<text>&#1488;</text>', kept)).toBe(false);
    expect(coversSvgText('<text>😀</text>', kept)).toBe(false);
    // A reference it cannot read (leading zeros past its window) may stand for anything: not covered.
    expect(coversSvgText('<text>&#x0000000000000000000005D0;</text>', kept)).toBe(false);
  });
});
