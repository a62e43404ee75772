/**
 * The command line as a user runs it, through the CLI's main(argv) in this process with its output
 * captured (test/helpers/cli.ts); test/e2e/cli.test.ts spawns the built `parley` for what needs a
 * real process (exit codes and stderr of the binary, a failing worker, the server). Runs whose
 * drawings a test does not look at use --no-charts (test/e2e/cli.test.ts checks the drawings).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parley, type CliResult } from './helpers/cli.ts';
import { DEFAULT_MODEL, loadModel, openWorkerPool, summarize } from '../src/index.ts';

const work = mkdtempSync(join(tmpdir(), 'parley-cli-'));

describe('parley run', () => {
  const out = join(work, 'first');
  let run: CliResult;
  beforeAll(async () => {
    run = await parley('run', '--runs', '1500', '--seed', '7', '--workers', '2', '--out', out, '--save-runs');
  });

  it('exits 0 and prints the scenario line, the headline and the summary table', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^.+ — 1,500 runs, seed 7 · on 2 workers$/);
    expect(run.stdout).toMatch(/A zone of agreement .* exists in \d+(\.\d)?% of 1,500 runs/);
    expect(run.stdout).toMatch(/Overall a deal is reached in \d+(\.\d)?% of runs|No run of 1,500 reached a deal/);
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
    // Every chart also as a PNG (for slides); test/e2e/cli.test.ts checks their pixels' size.
    expect(charts.filter((f) => f.endsWith('.png')).length).toBe(charts.filter((f) => f.endsWith('.svg')).length);
  });

  it('summary.json agrees with statistics computed independently from runs.csv', () => {
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const [header, ...lines] = readFileSync(join(out, 'runs.csv'), 'utf8').trimEnd().split('\n');
    const columns = header.split(',');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, k) => [columns[k], v])));
    expect(rows.length).toBe(1500);
    expect(summary.runs).toBe(1500);
    const deals = rows.filter((r) => r.outcome === 'deal');
    expect(summary.outcomes.deal.count).toBe(deals.length);
    expect(summary.outcomes.breakdown.count).toBe(rows.filter((r) => r.outcome === 'breakdown').length);

    // Rounds to a deal: the median (lower) of the deals' rounds.
    const dealRounds = deals.map((r) => Number(r.round)).sort((a, b) => a - b);
    expect(summary.roundsToDeal.median).toBe(dealRounds[Math.ceil(dealRounds.length / 2) - 1]);

    // Each actor: mean utility exactly, median within half a histogram bin.
    for (const actor of summary.actors) {
      const values = rows.map((r) => Number(r[`utility.${actor.actor}`])).sort((a, b) => a - b);
      const mean = values.reduce((t, x) => t + x, 0) / values.length;
      expect(actor.meanUtility).toBeCloseTo(mean, 5);
      const median = values[Math.ceil(values.length / 2) - 1];
      expect(Math.abs(actor.quantiles.p50 - median)).toBeLessThanOrEqual(summary.utilityBinWidth / 2 + 1e-9);
      // The standard deviation (from the histogram): each value moves at most half a bin.
      const sd = Math.sqrt(values.reduce((t, x) => t + (x - mean) ** 2, 0) / (values.length - 1));
      expect(Math.abs(actor.sdUtility - sd)).toBeLessThanOrEqual(summary.utilityBinWidth / 2 + 1e-6);
    }

    // Agreed terms: each option's share of deals.
    for (const term of summary.terms) {
      for (const option of term.options) {
        expect(option.deals.count).toBe(deals.filter((r) => r[`term.${term.issue}`] === option.option).length);
      }
    }

    // The most frequent package.
    const counts = new Map<string, number>();
    for (const r of deals) {
      const key = summary.terms.map((t: { issue: string }) => r[`term.${t.issue}`]).join('|');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const top = Math.max(...counts.values());
    expect(summary.topPackages[0].count).toBe(top);
    expect(counts.get(summary.terms.map((t: { issue: string }) => summary.topPackages[0].terms[t.issue]).join('|'))).toBe(top);

    // P(deal) with and without the US backstop (a yes/no fact).
    const backstop = summary.assumptions.find((a: { parameter: string }) => a.parameter === 'actors.us.preferences.backstop.us-backstop');
    expect(backstop.yesNo).toBe(true);
    const yes = rows.filter((r) => Number(r['actors.us.preferences.backstop.us-backstop']) > 0);
    expect(backstop.bins[1].runs).toBe(yes.length);
    expect(backstop.bins[1].deals.count).toBe(yes.filter((r) => r.outcome === 'deal').length);

    // The convergence trace ends at all the runs with P(deal).
    expect(summary.convergence.at(-1)).toMatchObject({ runs: 1500, deals: { count: deals.length } });
  });

  it('the same seed gives the same summary.json with another number of workers', async () => {
    const again = join(work, 'again');
    expect((await parley('run', '--runs', '1500', '--seed', '7', '--workers', '1', '--no-charts', '--out', again)).code).toBe(0);
    expect(readFileSync(join(again, 'summary.json'), 'utf8')).toBe(readFileSync(join(out, 'summary.json'), 'utf8'));
  });

  it('a batch of one chunk (at most 1,000 runs) runs in the main thread, says so, and gives the summary worker threads give', async () => {
    const small = join(work, 'one-chunk');
    const r = await parley('run', '--runs', '1000', '--seed', '7', '--workers', '2', '--no-charts', '--out', small);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/1,000 runs, seed 7 · in the main thread$/);
    expect(JSON.parse(readFileSync(join(small, 'manifest.json'), 'utf8')).workers).toBe(0);
    const pool = openWorkerPool(2);
    try {
      const { compiled } = loadModel(DEFAULT_MODEL);
      const inWorkers = summarize(compiled, await pool.run(compiled, { seed: '7', runs: 1000 }), '7');
      expect(readFileSync(join(small, 'summary.json'), 'utf8')).toBe(JSON.stringify(inWorkers, null, 2) + '\n');
    } finally {
      await pool.close();
    }
  });

  it('never overwrites an earlier run (exit 2, the earlier run intact)', async () => {
    const before = readFileSync(join(out, 'summary.json'), 'utf8');
    const second = await parley('run', '--runs', '100', '--seed', '8', '--out', out);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/already exists/);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(before);
  });
});

describe('bad input', () => {
  it('a broken model: every problem with file and field path, exit 2, no stack trace, no folder', async () => {
    const out = join(work, 'broken');
    const result = await parley('run', 'test/fixtures/broken-model.yaml', '--runs', '10', '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/test\/fixtures\/broken-model\.yaml:\d+:\d+: actors\.ukraine\.patience: expected a number in \(0, 1\], got 1\.3/);
    expect(result.stderr).toMatch(/actors\.russia\.capability/);
    expect(result.stderr.split('\n').filter((l) => l.trim() !== '').length).toBeGreaterThanOrEqual(9);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).some((f) => f.startsWith('.broken'))).toBe(false);
  });

  it('an empty --out or one under a file: exit 2 before simulating', async () => {
    expect((await parley('run', '--runs', '10', '--out', '')).code).toBe(2);
    const file = join(work, 'a-file');
    writeFileSync(file, 'x');
    const under = await parley('run', '--runs', '10', '--out', join(file, 'sub'));
    expect(under.code).toBe(2);
    expect(under.stderr).toMatch(/--out .*a-file\/sub: .*a-file is a file, not a folder/);
  });

  it('an empty proposer list and an id that is a property of every object are caught by validate', async () => {
    const dir = join(work, 'odd');
    mkdirSync(dir, { recursive: true });
    const empty = join(dir, 'no-proposers.yaml');
    writeFileSync(empty, readFileSync('models/ukraine-2025.yaml', 'utf8').replace(/^ {2}proposers:\n( {4}.*\n)+/m, '  proposers: []\n'));
    const r1 = await parley('validate', empty);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/negotiation\.proposers: expected at least one proposer/);
    const ctor = join(dir, 'constructor.yaml');
    writeFileSync(
      ctor,
      readFileSync('models/ukraine-2025.yaml', 'utf8').replace(
        /^( {6}zelenskyy-steps-down:\n {8}label: Zelenskyy steps down)/m,
        '$1\n      constructor:\n        label: A trap',
      ),
    );
    const r2 = await parley('validate', ctor);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/issues\.leadership\.options\.constructor: "constructor" is reserved/);
  });

  it('a bad flag: exit 2 with what was expected', async () => {
    const result = await parley('run', '--runs', 'many');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/expected a positive whole number, got "many"/);
  });

  it('a model with every package infeasible: exit 2', async () => {
    const dir = join(work, 'models');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'nothing-feasible.yaml');
    const text = readFileSync('models/ukraine-2025.yaml', 'utf8').replace(/^infeasible:\n/m, 'infeasible:\n  - when: {minerals: [none, deal]}\n');
    writeFileSync(file, text);
    const result = await parley('validate', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/infeasible: expected at least one feasible package/);
  });
});

describe('parley run --set', () => {
  it('overrides a parameter: with no breakdown risk no run breaks down, and the manifest records it', async () => {
    const out = join(work, 'no-breakdown');
    const r = await parley(
      'run',
      '--runs',
      '1000',
      '--seed',
      'set',
      '--set',
      'negotiation.breakdownRisk=0',
      '--set',
      'actors.us.preferences.backstop.us-backstop=bernoulli(0.9, 0.6, 0)',
      '--no-charts',
      '--out',
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.outcomes.breakdown.count).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.model.overrides).toEqual(['negotiation.breakdownRisk=0', 'actors.us.preferences.backstop.us-backstop=bernoulli(0.9, 0.6, 0)']);
    const scenario = JSON.parse(readFileSync(join(out, 'scenario.json'), 'utf8'));
    expect(scenario.actors.us.preferences.backstop['us-backstop']).toMatchObject({ dist: 'bernoulli', p: 0.9 });
    const bad = await parley('run', '--runs', '10', '--set', 'actors.russia.patience=1.3', '--out', join(work, 'bad-set'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--set actors\.russia\.patience=1\.3: actors\.russia\.patience: expected a number in \(0, 1\], got 1\.3/);
    expect(existsSync(join(work, 'bad-set'))).toBe(false);
  });
});

describe('parley run --variant', () => {
  it('applies a named variant of the model: a Russia that never concedes makes no deal', async () => {
    const out = join(work, 'variant-hardliner');
    const r = await parley('run', '--variant', 'russia-hardliner', '--runs', '1000', '--seed', 'variant', '--no-charts', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const scenario = JSON.parse(readFileSync(join(out, 'scenario.json'), 'utf8'));
    expect(scenario.actors.russia.strategy).toBe('hardliner');
    // A hardliner accepts only packages worth nearly its best one, which Ukraine never offers.
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).outcomes.deal.share).toBeLessThan(0.01);
    const unknown = await parley('validate', '--variant', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no variant "nope" in the model; expected one of: us-backstops, us-refuses-backstop, russia-hardliner/);
  });
});

describe('parley replay', () => {
  it('re-plays a run of a batch exactly as the batch saw it (runs.csv), with a transcript and a chart', async () => {
    const batch = join(work, 'replay-batch');
    expect((await parley('run', '--runs', '1200', '--seed', 'replay', '--save-runs', '--no-charts', '--out', batch)).code).toBe(0);
    const rows = readFileSync(join(batch, 'runs.csv'), 'utf8').trimEnd().split('\n');
    const header = rows[0].split(',');
    for (const run of [17, 1003]) {
      const out = join(work, `replay-${run}`);
      const r = await parley('replay', batch, '--run', String(run), '--out', out);
      expect(r.code, r.stderr).toBe(0);
      const row = Object.fromEntries(rows[run + 1].split(',').map((v, k) => [header[k], v]));
      const replay = JSON.parse(readFileSync(join(out, 'replay.json'), 'utf8'));
      expect(replay.outcome).toBe(row.outcome);
      expect(String(replay.round)).toBe(row.round);
      for (const [actor, u] of Object.entries(replay.utilities as Record<string, number>)) expect(u).toBe(Number(row[`utility.${actor}`]));
      if (row.outcome === 'deal')
        for (const [issue, option] of Object.entries(replay.terms as Record<string, string>)) expect(option).toBe(row[`term.${issue}`]);
      expect(r.stdout).toMatch(/^Round 1: .+ offers$/m);
      expect(r.stdout).toMatch(new RegExp(`Result: ${row.outcome === 'breakdown' ? 'talks collapse' : row.outcome} in round ${row.round}`));
      // The zone of agreement the replay finds is the batch's.
      expect(replay.zone.exists ? '1' : '0').toBe(row.zone);
      expect(replay.zone.width).toBe(Number(row.zoneWidth));
      expect(readFileSync(join(out, 'concession-paths.svg'), 'utf8')).toMatch(/demands fell/);
    }
    const outside = await parley('replay', batch, '--run', '5000');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/--run: expected a run of this batch, 0 to 1199/);

    // From the model file and the seed: the same run as in the folder's batch.
    const fromModel = join(work, 'replay-from-model');
    const m = await parley('replay', 'models/ukraine-2025.yaml', '--seed', 'replay', '--run', '17', '--out', fromModel);
    expect(m.code, m.stderr).toBe(0);
    const a = JSON.parse(readFileSync(join(work, 'replay-17', 'replay.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(fromModel, 'replay.json'), 'utf8'));
    expect(b).toEqual(a);
    const mixed = await parley('replay', batch, '--run', '3', '--seed', 'other');
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/--seed, --set, --variant and --mechanism apply to a model file/);
  });
});

describe('parley view', () => {
  it('lists the finished run folders with their headline numbers, and points at a report', async () => {
    const dir = join(work, 'runs-list');
    expect((await parley('run', '--runs', '300', '--seed', 'a', '--no-charts', '--out', join(dir, 'first'))).code).toBe(0);
    expect((await parley('run', '--runs', '300', '--seed', 'b', '--no-charts', '--out', join(dir, 'second'))).code).toBe(0);
    const r = await parley('view', '--runs-dir', dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 run folders listed in file:\/\/.*index\.html/);
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    for (const folder of ['first', 'second']) {
      const summary = JSON.parse(readFileSync(join(dir, folder, 'summary.json'), 'utf8'));
      expect(index).toContain(`href="${folder}/report.html"`);
      expect(index).toContain(`${(100 * summary.outcomes.deal.share).toFixed(1)}%`);
    }
    // Each row names the model file (by its name: no folder of this machine) and the mechanism.
    expect(index).toMatch(/ukraine-2025 · alternating-offers · ukraine-2025\.yaml <code>[0-9a-f]{12}<\/code>/);
    expect(index).not.toContain(process.cwd());
    expect((await parley('view', join(dir, 'first'))).stdout.trim()).toMatch(/^file:\/\/.*first\/report\.html$/);
    expect((await parley('view', join(work, 'nowhere'))).code).toBe(2);
  });

  it('--serve checks its port before serving', async () => {
    const badPort = await parley('view', '--serve', '--port', '70000', '--runs-dir', join(work, 'no-index-here'));
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/expected a port from 1 to 65535/);
  });
});

describe('parley init', () => {
  it('writes a template that validates and runs, and never overwrites a file', async () => {
    const file = join(work, 'models', 'border-talks.yaml');
    const init = await parley('init', 'border-talks', '--out', file);
    expect(init.code, init.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^name: border-talks$/m);
    expect((await parley('validate', file)).stdout).toMatch(/valid — 3 actors, 2 issues/);
    expect((await parley('run', file, '--runs', '300', '--no-charts', '--out', join(work, 'border-run'))).code).toBe(0);
    const again = await parley('init', 'border-talks', '--out', file);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect((await parley('init', 'Bad Name', '--out', join(work, 'x.yaml'))).code).toBe(2);
  });
});

describe('parley validate and parley schema', () => {
  it('validate describes the default scenario', async () => {
    const result = await parley('validate');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/valid — 7 actors, 7 issues, \d+ feasible packages/);
  });

  it('schema prints the JSON Schema committed in models/', async () => {
    const result = await parley('schema');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(readFileSync('models/scenario.schema.json', 'utf8')));
  });
});
