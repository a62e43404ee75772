/**
 * SVG → PNG for slides, with resvg (@resvg/resvg-js: a Rust SVG renderer shipped as prebuilt
 * binaries through npm, so nothing is compiled or downloaded at install time).
 *
 * Fonts: Vega writes its text in "sans-serif" and sizes labels by Helvetica/Arial widths
 * (text-width.ts). Liberation Sans has Arial's metrics, so it is used when the system has it
 * (Debian's fonts-liberation). Otherwise DejaVu Sans, from the dejavu-fonts-ttf package (a
 * dependency), so that text never goes missing — as Parley Sans when the chart's text is all in it:
 * DejaVu Sans cut down to Latin, Greek, Cyrillic, punctuation, arrows and mathematical signs
 * (fonts/, made by scripts/subset-fonts.py), the same glyphs, so the same pixels
 * (test/png-fonts.test.ts), in about half of resvg's time (its text layout costs grow with the
 * font file's size).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderAsync, Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { bmpCodePoints, coversSvgText } from './font-coverage.ts';
import { pngFile, pngFileAsync } from './png-file.ts';

const LIBERATION = '/usr/share/fonts/truetype/liberation';
/** Twice the SVG's size: sharp on slides and high-density screens. */
export const PNG_SCALE = 2;

export interface FontChoice {
  /** Font files resvg loads: regular and bold. */
  files: string[];
  /** The family "sans-serif" and unnamed text are drawn in. */
  family: string;
}

/** DejaVu Sans, whole (regular and bold), from the dejavu-fonts-ttf package. */
export function dejavuSans(): FontChoice {
  const require = createRequire(import.meta.url);
  const ttf = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return { files: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => join(ttf, f)), family: 'DejaVu Sans' };
}

/** Parley Sans, the subset of DejaVu Sans beside this file (regular and bold). */
export function parleySans(): FontChoice {
  return { files: ['ParleySans.ttf', 'ParleySans-Bold.ttf'].map((f) => fileURLToPath(new URL(`./fonts/${f}`, import.meta.url))), family: 'Parley Sans' };
}

let liberation: FontChoice | null | undefined;
let subsetPoints: Set<number> | null | undefined;

function liberationSans(): FontChoice | null {
  const files = ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf'].map((f) => join(LIBERATION, f));
  liberation ??= files.every((f) => existsSync(f)) ? { files, family: 'Liberation Sans' } : null;
  return liberation;
}

/** The characters both Parley Sans files draw; null when they cannot be read (a bundler left them behind): then every PNG is drawn in DejaVu Sans. */
function parleySansPoints(): Set<number> | null {
  if (subsetPoints === undefined) {
    try {
      const [regular, bold] = parleySans().files.map((f) => bmpCodePoints(readFileSync(f)));
      subsetPoints = new Set([...regular].filter((c) => bold.has(c)));
    } catch {
      subsetPoints = null;
    }
  }
  return subsetPoints;
}

/** The fonts a chart's PNG is drawn in: Liberation Sans if installed, else Parley Sans if it has every character of the text, else DejaVu Sans. */
export function fontsFor(svg: string): FontChoice {
  const liberation = liberationSans();
  if (liberation !== null) return liberation;
  const points = parleySansPoints();
  return points !== null && coversSvgText(svg, points) ? parleySans() : dejavuSans();
}

/** resvg's options for a chart: the scale, a white background, the fonts. */
export function renderOptions({ files, family }: FontChoice, scale = PNG_SCALE): ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: scale },
    // Opaque, so that resvg's premultiplied pixels are the PNG's straight RGBA (png-file.ts).
    background: 'white',
    font: { fontFiles: files, loadSystemFonts: false, defaultFontFamily: family, sansSerifFamily: family },
  };
}

export function svgToPng(svg: string, scale = PNG_SCALE): Uint8Array {
  const image = new Resvg(svg, renderOptions(fontsFor(svg), scale)).render();
  return pngFile(image.width, image.height, image.pixels);
}

/** The same PNG, laid out, drawn and compressed on libuv threads: the calling thread meanwhile draws the next chart's SVG. */
export async function svgToPngAsync(svg: string, scale = PNG_SCALE): Promise<Uint8Array> {
  const image = await renderAsync(svg, renderOptions(fontsFor(svg), scale));
  return pngFileAsync(image.width, image.height, image.pixels);
}
