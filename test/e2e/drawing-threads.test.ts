/**
 * The drawing threads (src/node/drawing-threads.ts) in a process of their own, from the built
 * package: idle threads never keep a process alive, whether they drew or not.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'parley-drawing-'));
const api = JSON.stringify(pathToFileURL(join(process.cwd(), 'dist/index.js')).href);
const threadsModule = JSON.stringify(pathToFileURL(join(process.cwd(), 'dist/node/drawing-threads.js')).href);
let scripts = 0;

/** Runs the ES module `script` in a Node process of its own (a file: worker threads do not take --input-type). */
function node(script: string) {
  const file = join(work, `script-${scripts++}.mjs`);
  writeFileSync(file, script.replaceAll("'./dist/index.js'", api).replaceAll("'./dist/node/drawing-threads.js'", threadsModule));
  return spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
}

describe('the drawing threads, from dist/', () => {
  it('start before startDrawingThreads() returns, so that they load while the caller simulates synchronously', () => {
    // A thread's id is the next number Node hands out: a thread made right after shows how many were started before it.
    const child = node(
      "const { Worker } = await import('node:worker_threads');" +
        "const { DRAWING_THREADS, startDrawingThreads } = await import('./dist/node/drawing-threads.js');" +
        "void startDrawingThreads(); const probe = new Worker('', { eval: true }); console.log(probe.threadId - 1, DRAWING_THREADS); await probe.terminate();",
    );
    expect(child.stderr).toBe('');
    const [started, threads] = child.stdout.trim().split(' ').map(Number);
    expect(threads).toBeGreaterThanOrEqual(1);
    expect(started).toBe(threads);
  });

  it('do not keep a process alive that started them and drew nothing (a batch that failed, say)', () => {
    const started = performance.now();
    const child = node("const { prepareChartDrawing } = await import('./dist/index.js'); prepareChartDrawing(); await new Promise((r) => setTimeout(r, 500));");
    expect(child.error).toBeUndefined();
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('do not keep a process alive once its charts are drawn, and draw them there as SVG and PNG', () => {
    const child = node(
      "const { renderChart } = await import('./dist/index.js');" +
        "const spec = { data: { values: [{ a: 1 }, { a: 2 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative' } } };" +
        'const [one, two] = await Promise.all([renderChart(spec), renderChart(spec)]);' +
        'console.log(one.svg.startsWith("<svg"), one.svg === two.svg, Buffer.from(one.png.subarray(1, 4)).toString());',
    );
    expect(child.error).toBeUndefined();
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout.trim()).toBe('true true PNG');
  });
});
