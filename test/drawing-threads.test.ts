/**
 * Charts drawn on the drawing threads (src/node/drawing-threads.ts, their PNGs on libuv's threads)
 * are the charts the main thread draws: the same SVG and PNG bytes for every chart of a batch. Vega's warnings reach the caller's
 * logger and a spec Vega cannot read fails with Vega's message, on a thread as on the main thread;
 * a thread that stops fails its charts and is replaced. And Vega's single-file builds, which parley
 * draws with (src/charts/vega-bundles.ts), draw what the packages' ES modules draw.
 */
import * as vegaModules from 'vega';
import * as vegaLiteModules from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { chartBuilders } from '../src/charts/index.ts';
import { renderSvg, renderSvgWith } from '../src/charts/render.ts';
import { svgToPng } from '../src/charts/render-png.ts';
import { vegaLibraries } from '../src/charts/vega-bundles.ts';
import { DRAWING_THREADS, drawSvgOnThread, stopDrawingThreads } from '../src/node/drawing-threads.ts';
import { startDrawing } from '../src/node/render-charts.ts';
import { makeNoDealSummaryFixture, makeSummaryFixture } from './fixtures/summary-fixture.ts';

function recordingLogger() {
  const messages: string[] = [];
  const logger = vegaModules.logger(vegaModules.Warn, undefined, (_method, level, args) => {
    messages.push(`${level} ${args.map(String).join(' ')}`);
  });
  return { logger, messages };
}

const batches = [makeSummaryFixture(), makeNoDealSummaryFixture()];
const specs = batches.flatMap((summary) => chartBuilders.map((chart) => ({ name: chart.name, spec: chart.build(summary) })));

/** A spec Vega-Lite warns about: a shape encoding on bars, which it drops. */
const warned: TopLevelSpec = {
  data: { values: [{ a: 1, b: 'x' }] },
  mark: 'bar',
  encoding: { x: { field: 'a', type: 'quantitative' }, shape: { field: 'b', type: 'nominal' } },
};
/** A spec Vega cannot read: its expression names no function. */
const unreadable: TopLevelSpec = {
  data: { values: [{ a: 1 }] },
  transform: [{ calculate: 'nosuchfunction(datum.a)', as: 'b' }],
  mark: 'bar',
  encoding: { x: { field: 'b', type: 'quantitative' } },
};

describe('charts drawn on the drawing threads', () => {
  it('are byte for byte the SVG and PNG the main thread draws, for every chart of a batch with and without deals', async () => {
    // All at once, as a run folder hands them over: the threads share them out.
    const drawn = specs.map(({ spec }) => startDrawing(spec));
    for (const [k, { name, spec }] of specs.entries()) {
      const svg = await renderSvg(spec);
      expect(await drawn[k].svg, name).toBe(svg);
      expect(Buffer.from(await drawn[k].png).equals(Buffer.from(svgToPng(svg))), `${name}.png`).toBe(true);
    }
    expect(DRAWING_THREADS).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it("hand Vega-Lite's warnings to the caller's logger, as on the main thread", async () => {
    const here = recordingLogger();
    await renderSvg(warned, { logger: here.logger });
    const there = recordingLogger();
    await drawSvgOnThread(warned, there.logger);
    expect(here.messages.length).toBeGreaterThan(0);
    expect(here.messages.some((m) => m.startsWith('WARN') && m.includes('shape'))).toBe(true);
    expect(there.messages).toEqual(here.messages);
  }, 60_000);

  it("fail a spec Vega cannot read with Vega's message, the PNG with it, and go on drawing", async () => {
    const message = await renderSvg(unreadable).then(
      () => 'drawn',
      (e: unknown) => (e as Error).message,
    );
    expect(message).toMatch(/nosuchfunction/);
    const { svg, png } = startDrawing(unreadable);
    await expect(svg).rejects.toThrow(message);
    await expect(png).rejects.toThrow(message);
    expect(await drawSvgOnThread(specs[0].spec)).toBe(await renderSvg(specs[0].spec));
  }, 60_000);

  it('fail the charts of a thread that stops, and draw the next ones on fresh threads', async () => {
    await drawSvgOnThread(specs[0].spec);
    const cut = Promise.allSettled(specs.map(({ spec }) => drawSvgOnThread(spec)));
    await stopDrawingThreads();
    const outcomes = await cut;
    expect(outcomes.some((o) => o.status === 'rejected' && String(o.reason).includes('chart-drawing thread stopped'))).toBe(true);
    expect(await drawSvgOnThread(specs[2].spec)).toBe(await renderSvg(specs[2].spec));
  }, 60_000);
});

describe("Vega's single-file builds", () => {
  it('are the versions of the packages', () => {
    const { vega, vegaLite } = vegaLibraries();
    expect(vega.version).toBe(vegaModules.version);
    expect(vegaLite.version).toBe(vegaLiteModules.version);
  });

  it("draw every chart of a batch as the packages' ES modules draw it, byte for byte", async () => {
    const modules = { vega: vegaModules, vegaLite: vegaLiteModules };
    for (const { name, spec } of specs) expect(await renderSvg(spec), name).toBe(await renderSvgWith(modules, spec));
  }, 120_000);

  it('put nothing on globalThis', () => {
    vegaLibraries();
    expect('vega' in globalThis).toBe(false);
    expect('vegaLite' in globalThis).toBe(false);
  });
});
