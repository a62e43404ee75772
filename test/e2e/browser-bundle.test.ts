/**
 * The pure core, `parley/core`, bundles for the browser: esbuild (platform "browser", as a page's
 * bundle would be made) resolves it through the package's exports from the built dist/, and the
 * build fails if any module it pulls in imports a Node built-in (node:fs, worker_threads, …). The
 * bundle then runs in a bare JavaScript context — no process, require, Buffer or file system —
 * and gives the same summary as the Node API for the same model, seed and runs.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { loadModel, simulate } from '../../src/index.ts';

/** What the bundle exposes to the test (the core's own API, by its exported names). */
interface BundledCore {
  parseScenarioText: (text: string, file: string) => { ok: boolean; scenario?: unknown; problems?: unknown[] };
  prepareScenario: (scenario: unknown, file?: string) => { compiled: unknown };
  simulateInProcess: (compiled: unknown, options: { seed: string; runs: number }) => unknown;
  summarize: (compiled: unknown, aggregate: unknown, seed: string) => unknown;
  chartBuilders: { name: string; build: (summary: unknown) => unknown }[];
}

async function bundle(entry: string, platform: 'browser' | 'node') {
  return build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    write: false,
    platform,
    format: 'iife',
    globalName: 'parleyCore',
    metafile: true,
    logLevel: 'silent',
  });
}

describe('parley/core in a browser bundle', () => {
  it('bundles with no Node built-in and runs without Node', async () => {
    const result = await bundle("export * from 'parley/core';", 'browser');
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((f) => f.startsWith('dist/core.js'))).toBe(true);
    expect(inputs.filter((f) => f.startsWith('node:') || f.includes('dist/node/') || f.includes('dist/cli/') || f.includes('dist/parallel/'))).toEqual([]);

    // A context with the page globals the core may use, and none of Node's.
    const context: Record<string, unknown> = { console, TextEncoder, TextDecoder, URL };
    runInNewContext(result.outputFiles[0].text, context);
    const core = context.parleyCore as BundledCore;
    expect(runInNewContext('typeof process + typeof require + typeof Buffer', context)).toBe('undefinedundefinedundefined');

    const file = 'models/ukraine-2025.yaml';
    const parsed = core.parseScenarioText(readFileSync(file, 'utf8'), file);
    expect(parsed.problems).toBeUndefined();
    const { compiled } = core.prepareScenario(parsed.scenario, file);
    const summary = core.summarize(compiled, core.simulateInProcess(compiled, { seed: 'bundle', runs: 1500 }), 'bundle');
    // The same numbers as the Node API (worker threads) for the same model, seed and runs.
    const model = loadModel(file);
    const inNode = await simulate(model.compiled, { seed: 'bundle', runs: 1500, workers: 2 });
    expect(JSON.stringify(summary)).toBe(JSON.stringify(inNode.summary));
    expect(core.chartBuilders.map((c) => c.build(summary))).toEqual(core.chartBuilders.map((c) => c.build(inNode.summary)));
  });

  it('fails for a module that needs Node (the test can fail)', async () => {
    await expect(bundle("export * from 'parley';", 'browser')).rejects.toThrow(/node:|Could not resolve/);
  });
});
