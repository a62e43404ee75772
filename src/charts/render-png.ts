/**
 * SVG → PNG for slides, with resvg (@resvg/resvg-js: a Rust SVG renderer shipped as prebuilt
 * binaries through npm, so nothing is compiled or downloaded at install time).
 *
 * Fonts: Vega writes its text in "sans-serif" and sizes labels by Helvetica/Arial widths
 * (text-width.ts). Liberation Sans has Arial's metrics, so it is used when the system has it
 * (Debian's fonts-liberation); otherwise DejaVu Sans from the dejavu-fonts-ttf package, a
 * dependency, so that a PNG never comes out without its text.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { renderAsync, Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { pngFile, pngFileAsync } from './png-file.ts';

const LIBERATION = '/usr/share/fonts/truetype/liberation';
/** Twice the SVG's size: sharp on slides and high-density screens. */
export const PNG_SCALE = 2;

interface FontChoice {
  files: string[];
  family: string;
}

let fonts: FontChoice | undefined;

function chooseFonts(): FontChoice {
  if (fonts !== undefined) return fonts;
  const liberation = ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf'].map((f) => join(LIBERATION, f));
  if (liberation.every((f) => existsSync(f))) {
    fonts = { files: liberation, family: 'Liberation Sans' };
  } else {
    const require = createRequire(import.meta.url);
    const ttf = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fonts = { files: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => join(ttf, f)), family: 'DejaVu Sans' };
  }
  return fonts;
}

/** The font family PNG text is drawn in (for tests and the README). */
export function pngFontFamily(): string {
  return chooseFonts().family;
}

/** resvg's options for a chart: the scale, a white background, the fonts chosen above. */
export function renderOptions(scale = PNG_SCALE): ResvgRenderOptions {
  const { files, family } = chooseFonts();
  return {
    fitTo: { mode: 'zoom', value: scale },
    // Opaque, so that resvg's premultiplied pixels are the PNG's straight RGBA (png-file.ts).
    background: 'white',
    font: { fontFiles: files, loadSystemFonts: false, defaultFontFamily: family, sansSerifFamily: family },
  };
}

export function svgToPng(svg: string, scale = PNG_SCALE): Uint8Array {
  const image = new Resvg(svg, renderOptions(scale)).render();
  return pngFile(image.width, image.height, image.pixels);
}

/** The same PNG, laid out, drawn and compressed on libuv threads: the calling thread meanwhile draws the next chart's SVG. */
export async function svgToPngAsync(svg: string, scale = PNG_SCALE): Promise<Uint8Array> {
  const image = await renderAsync(svg, renderOptions(scale));
  return pngFileAsync(image.width, image.height, image.pixels);
}
