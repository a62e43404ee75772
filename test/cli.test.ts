/**
 * The command line end to end, as a user runs it: `node bin/parley.mjs …` in a child process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'parley-cli-'));

function parley(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/parley.mjs', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('parley run', () => {
  const out = join(work, 'first');
  const run = parley('run', '--runs', '1500', '--seed', '7', '--workers', '2', '--out', out, '--save-runs');

  it('exits 0 and prints the headline and the summary table', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/A deal is reached in \d+(\.\d)?% of 1,500 runs|No run of 1,500 reached a deal/);
    expect(run.stdout).toMatch(/deal\s+\d/);
    expect(run.stdout).toMatch(/Ukraine \(Zelenskyy\)/);
  });

  it('writes a complete run folder', () => {
    const files = readdirSync(out).sort();
    expect(files).toEqual(['charts', 'manifest.json', 'report.html', 'runs.csv', 'scenario.json', 'summary.json']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ seed: '7', runs: 1500, workers: 2, scenario: 'ukraine-2025' });
    expect(manifest.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    const charts = readdirSync(join(out, 'charts'));
    expect(charts.filter((f) => f.endsWith('.svg')).length).toBeGreaterThanOrEqual(7);
    expect(charts.filter((f) => f.endsWith('.vl.json')).length).toBe(charts.filter((f) => f.endsWith('.svg')).length);
    for (const svg of charts.filter((f) => f.endsWith('.svg'))) expect(readFileSync(join(out, 'charts', svg), 'utf8')).toMatch(/^<svg/);
  });

  it('summary.json agrees with runs.csv row by row', () => {
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const rows = readFileSync(join(out, 'runs.csv'), 'utf8').trimEnd().split('\n').slice(1);
    expect(rows.length).toBe(1500);
    const deals = rows.filter((r) => r.split(',')[1] === 'deal').length;
    expect(summary.outcomes.deal.count).toBe(deals);
    expect(summary.runs).toBe(1500);
  });

  it('the same seed gives the same summary.json with another number of workers', () => {
    const again = join(work, 'again');
    expect(parley('run', '--runs', '1500', '--seed', '7', '--workers', '1', '--out', again).code).toBe(0);
    expect(readFileSync(join(again, 'summary.json'), 'utf8')).toBe(readFileSync(join(out, 'summary.json'), 'utf8'));
  });

  it('never overwrites an earlier run (exit 2, the earlier run intact)', () => {
    const before = readFileSync(join(out, 'summary.json'), 'utf8');
    const second = parley('run', '--runs', '100', '--seed', '8', '--out', out);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/already exists/);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(before);
  });
});

describe('bad input', () => {
  it('a broken model: every problem with file and field path, exit 2, no stack trace, no folder', () => {
    const out = join(work, 'broken');
    const result = parley('run', 'test/fixtures/broken-model.yaml', '--runs', '10', '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/test\/fixtures\/broken-model\.yaml:\d+:\d+: actors\.ukraine\.patience: expected a number in \(0, 1\], got 1\.3/);
    expect(result.stderr).toMatch(/actors\.russia\.capability/);
    expect(result.stderr.split('\n').filter((l) => l.trim() !== '').length).toBeGreaterThanOrEqual(9);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).some((f) => f.startsWith('.broken'))).toBe(false);
  });

  it('a bad flag: exit 2 with what was expected', () => {
    const result = parley('run', '--runs', 'many');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/expected a positive whole number, got "many"/);
  });

  it('a model with every package infeasible: exit 2', () => {
    const dir = join(work, 'models');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'nothing-feasible.yaml');
    const text = readFileSync('models/ukraine-2025.yaml', 'utf8').replace(/^infeasible:\n/m, 'infeasible:\n  - when: {minerals: [none, deal]}\n');
    writeFileSync(file, text);
    const result = parley('validate', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/infeasible: expected at least one feasible package/);
  });
});

describe('a run that throws', () => {
  it('exits 1, names the run and the command that reproduces it, and leaves no folder', () => {
    const out = join(work, 'failing');
    const result = parley('run', '--runs', '2500', '--seed', '3', '--workers', '2', '--out', out, '--fail-at-run', '1234');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/run 1234 failed/);
    expect(result.stderr).toMatch(/parley run \S+ --seed 3 --first-run 1234 --runs 1 --workers 1/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).some((f) => f.startsWith('.failing'))).toBe(false);
  });
});

describe('parley validate and parley schema', () => {
  it('validate describes the default scenario', () => {
    const result = parley('validate');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/valid — 7 actors, 7 issues, \d+ feasible packages/);
  });

  it('schema prints the JSON Schema committed in models/', () => {
    const result = parley('schema');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(readFileSync('models/scenario.schema.json', 'utf8')));
  });
});
