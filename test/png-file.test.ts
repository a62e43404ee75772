/**
 * The PNG files parley writes (src/charts/png-file.ts) hold the pixels resvg draws: decoded, they
 * are the pixels of resvg's own PNG encoding of the same chart, pixel for pixel, for every chart of
 * a batch. The decoder here follows the PNG specification (chunks with their CRC-32, zlib, the
 * five row filters), so it reads resvg's adaptively filtered files as well as parley's.
 */
import { Resvg } from '@resvg/resvg-js';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chartBuilders } from '../src/charts/index.ts';
import { pngFile, pngFileAsync } from '../src/charts/png-file.ts';
import { renderSvg } from '../src/charts/render.ts';
import { fontsFor, PNG_SCALE, renderOptions, svgToPng, svgToPngAsync } from '../src/charts/render-png.ts';
import { makeSummaryFixture } from './fixtures/summary-fixture.ts';

/** CRC-32 (ISO 3309) bit by bit, as the specification's sample code computes it. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** An 8-bit RGBA or RGB PNG, decoded to RGBA pixels; every chunk's CRC checked. */
function decodePng(file: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const bytes = Buffer.from(file);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const idat: Buffer[] = [];
  for (;;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    expect(bytes.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(crc32(bytes.subarray(at + 4, at + 8 + length)));
    at += 12 + length;
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      colourType = data[9];
      expect([2, 6]).toContain(colourType);
      expect(data[12]).toBe(0);
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
  }
  const channels = colourType === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(idat));
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= channels ? rows[y * stride + x - channels] : 0;
      const up = y > 0 ? rows[(y - 1) * stride + x] : 0;
      const upLeft = y > 0 && x >= channels ? rows[(y - 1) * stride + x - channels] : 0;
      const predicted = filter === 0 ? 0 : filter === 1 ? left : filter === 2 ? up : filter === 3 ? (left + up) >> 1 : paeth(left, up, upLeft);
      rows[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: rows };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = rows[i * 3];
    rgba[i * 4 + 1] = rows[i * 3 + 1];
    rgba[i * 4 + 2] = rows[i * 3 + 2];
    rgba[i * 4 + 3] = 255;
  }
  return { width, height, rgba };
}

describe('PNG files', () => {
  it('hold, for every chart of a batch, the pixels of resvg’s own PNG of it, sync and async alike', async () => {
    const summary = makeSummaryFixture();
    for (const chart of chartBuilders) {
      const svg = await renderSvg(chart.build(summary));
      // Drawn in the subset of DejaVu Sans (or Liberation Sans where installed), never the slower whole font.
      expect(fontsFor(svg).family, chart.name).not.toBe('DejaVu Sans');
      const theirs = decodePng(new Resvg(svg, renderOptions(fontsFor(svg))).render().asPng());
      const file = svgToPng(svg);
      const ours = decodePng(file);
      expect(ours.width).toBe(Math.ceil(Number(/width="([\d.]+)"/.exec(svg)![1]) * PNG_SCALE));
      expect([ours.width, ours.height], chart.name).toEqual([theirs.width, theirs.height]);
      expect(Buffer.from(ours.rgba).equals(Buffer.from(theirs.rgba)), chart.name).toBe(true);
      expect(Buffer.from(await svgToPngAsync(svg)).equals(Buffer.from(file)), chart.name).toBe(true);
    }
  }, 60_000);

  it('decode to exactly the pixels given, and resvg’s PNG of an image decodes to the same', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#fff"/><circle cx="15" cy="12" r="9" fill="#4c78a8"/><path d="M2 28 L38 3" stroke="#c62828" stroke-width="2"/></svg>';
    const image = new Resvg(svg, { background: 'white' }).render();
    const ours = decodePng(pngFile(image.width, image.height, image.pixels));
    expect(Buffer.from(ours.rgba).equals(image.pixels)).toBe(true);
    expect(Buffer.from(decodePng(await pngFileAsync(image.width, image.height, image.pixels)).rgba).equals(image.pixels)).toBe(true);
    const theirs = decodePng(image.asPng());
    expect(Buffer.from(ours.rgba).equals(Buffer.from(theirs.rgba))).toBe(true);
    // Something was drawn: blue, red and white pixels.
    const colours = new Set<string>();
    for (let i = 0; i < ours.rgba.length; i += 4) colours.add(`${ours.rgba[i]},${ours.rgba[i + 1]},${ours.rgba[i + 2]}`);
    expect(colours.has('255,255,255') && colours.has('76,120,168')).toBe(true);
  });

  it('refuses pixels that do not fill the image', () => {
    expect(() => pngFile(2, 2, new Uint8Array(15))).toThrow(/expected 16 bytes/);
  });
});
