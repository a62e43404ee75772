/**
 * writeRun (src/cli/run-command.ts), the core of `parley run` without its terminal output, as a
 * caller other than the CLI (a "save run" from the explorer) uses it: the folder it writes holds
 * the summary and manifest it returns, the batch is the one simulateInProcess gives for the same
 * seed and runs, and a failing run leaves no folder.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRun, type RunFlags } from '../src/cli/run-command.ts';
import { DEFAULT_MODEL, readAndPrepare, RunFailure, summarize } from '../src/index.ts';
import { simulateInProcess } from '../src/simulation/in-process.ts';
import { capture } from './helpers/cli.ts';

const work = mkdtempSync(join(tmpdir(), 'parley-write-run-'));

describe('writeRun', () => {
  it('writes the run folder of the batch it returns', async () => {
    const out = join(work, 'saved');
    const err = capture();
    const planned: string[] = [];
    const flags: RunFlags = { runs: 2500, seed: 'saved', firstRun: 0, workers: 2, out, charts: false };
    const run = await writeRun(DEFAULT_MODEL, flags, {
      version: 'test',
      argv: ['node', 'parley', 'run'],
      err: err.stream,
      onStart: (plan) => planned.push(plan.where),
    });
    expect(planned).toEqual(['on 2 workers']);
    expect(run.plan.runs).toBe(2500);
    expect(readdirSync(out).sort()).toEqual(['charts', 'manifest.json', 'report.html', 'scenario.json', 'summary.json']);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(run.summary)));
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(run.manifest)));
    expect(run.manifest).toMatchObject({ parley: 'test', seed: 'saved', runs: 2500, workers: 2 });
    const loaded = readAndPrepare(DEFAULT_MODEL, [], undefined);
    if (!loaded.ok) throw new Error('default scenario invalid');
    const here = summarize(loaded.compiled, simulateInProcess(loaded.compiled, { seed: 'saved', runs: 2500 }), 'saved');
    expect(JSON.parse(JSON.stringify(run.summary))).toEqual(JSON.parse(JSON.stringify(here)));
  });

  it('rejects with RunFailure when a run throws, and leaves no folder', async () => {
    const out = join(work, 'failed');
    const err = capture();
    const flags: RunFlags = { runs: 2500, seed: 'saved', firstRun: 0, workers: 2, out, charts: false, saveRuns: true, failAtRun: 1700 };
    await expect(writeRun(DEFAULT_MODEL, flags, { version: 'test', argv: ['node', 'parley', 'run'], err: err.stream })).rejects.toBeInstanceOf(RunFailure);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((f) => f.includes('failed'))).toEqual([]);
  });
});
