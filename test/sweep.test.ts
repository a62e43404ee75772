/**
 * `parley sweep` against things independent of its code: the geometric law of breakdown
 * P(breakdown) = 1 − (1 − q)^(T−1) for actors who never agree, over a pinned parameter (q) and over
 * a field set in the model (T); common random numbers (pinning leaves every other parameter's
 * draws identical, which --set fixed(x) does not); pins reaching the worker threads; and the
 * command line end to end (folder, manifest, exit codes, bad --param → exit 2 and no folder).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findSlot, withPins } from '../src/analysis/pins.ts';
import { gridValues, parseSweepParam, planSweep, runSweep, type CompileWithSettings, type SweepParam } from '../src/analysis/sweep.ts';
import type { BatchRunner } from '../src/analysis/batch-runner.ts';
import { runParallel } from '../src/parallel/run-parallel.ts';
import { simulateInProcess } from '../src/simulation/in-process.ts';
import { sampleParameters } from '../src/simulation/sample-parameters.ts';
import { runRng } from '../src/simulation/seeding.ts';
import { buildCharts } from '../src/charts/chart-builder.ts';
import { sweepChartBuilders } from '../src/charts/analysis-charts.ts';
import { compiledFrom, fearonScenario, scenarioFrom } from './helpers/build-scenario.ts';
import { renderQuietly } from './helpers/render-quietly.ts';
import { parley as parleyInProcess } from './helpers/cli.ts';

const inProcess: BatchRunner = (compiled, batch) => simulateInProcess(compiled, { seed: batch.seed, runs: batch.runs, onRows: batch.onRows });

/** Two states whose bargaining range is empty (negative costs): they never agree, so talks end by breakdown or deadline. */
function neverAgree(rounds: number, breakdownRisk: unknown) {
  const raw = fearonScenario({ p: 0.5, costA: -0.2, costB: -0.2, rounds });
  return { ...raw, negotiation: { rounds, breakdownRisk } };
}

function param(text: string): SweepParam {
  const parsed = parseSweepParam(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

/** A CompileWithSettings for a model built in code: sets each path in a copy of the raw model and validates it. */
function compilerFor(raw: object): CompileWithSettings {
  return (settings) => {
    const copy = structuredClone(raw) as Record<string, unknown>;
    for (const s of settings) {
      const keys = s.path.split('.');
      let node = copy;
      for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
      node[keys[keys.length - 1]] = s.value;
    }
    try {
      return { ok: true, compiled: compiledFrom(copy) };
    } catch (e) {
      return { ok: false, problems: [(e as Error).message] };
    }
  };
}

describe('--param PATH=FROM:TO:STEPS', () => {
  it('parses, and puts STEPS evenly spaced values from FROM to TO on the grid, both ends exact', () => {
    expect(param('negotiation.breakdownRisk=0:0.3:4')).toMatchObject({ path: 'negotiation.breakdownRisk', from: 0, to: 0.3, steps: 4 });
    expect(gridValues(param('a.b=0:0.3:4'))).toEqual([0, 0.1, 0.2, 0.3]);
    expect(gridValues(param('a.b=-0.12:-0.05:2'))).toEqual([-0.12, -0.05]);
    expect(gridValues(param('a.b=40:10:4'))).toEqual([40, 30, 20, 10]);
  });

  it('says what is wrong with a bad one', () => {
    expect(parseSweepParam('a.b=0:1:1')).toMatch(/STEPS ≥ 2/);
    expect(parseSweepParam('a.b=0:1')).toMatch(/FROM:TO:STEPS/);
    expect(parseSweepParam('a.b=x:1:3')).toMatch(/number for FROM/);
    expect(parseSweepParam('a.b=0:1:2.5')).toMatch(/whole number of STEPS/);
    expect(parseSweepParam('a.b=1:1:3')).toMatch(/differ/);
    expect(parseSweepParam('0:1:3')).toMatch(/PATH=FROM:TO:STEPS/);
  });
});

describe('a sweep follows the geometric law of breakdown, 1 − (1 − q)^(T−1), within its intervals', () => {
  const T = 8;
  const runs = 3000;

  it('over the breakdown risk q, a pinned parameter (common random numbers)', async () => {
    const raw = neverAgree(T, { dist: 'uniform', min: 0, max: 0.25 });
    const base = compiledFrom(raw);
    const planned = planSweep(base, scenarioFrom(raw), [param('negotiation.breakdownRisk=0:0.25:6')], compilerFor(raw));
    if (!planned.ok) throw new Error(planned.problems.join('\n'));
    expect(planned.plan.axes[0].mode).toBe('pin');
    const { result } = await runSweep(base, planned.plan, { seed: 'geometric', runs, simulate: inProcess });
    expect(result.points.map((p) => p.values[0])).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25]);
    let covered = 0;
    for (const point of result.points) {
      const q = point.values[0];
      const expected = 1 - (1 - q) ** (T - 1);
      const { share, low, high } = point.outcomes.breakdown;
      expect(point.outcomes.deal.count).toBe(0);
      // Within 4 standard errors always, and inside the 95% interval at (nearly) every point.
      expect(Math.abs(share - expected)).toBeLessThanOrEqual(4 * Math.sqrt((expected * (1 - expected)) / runs) + 1e-12);
      if (low <= expected && expected <= high) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(5);
    // With common random numbers a run that breaks down at q breaks down at every larger q: the curve never dips.
    const counts = result.points.map((p) => p.outcomes.breakdown.count);
    for (let k = 1; k < counts.length; k++) expect(counts[k]).toBeGreaterThanOrEqual(counts[k - 1]);
    expect(result.headline.join(' ')).toMatch(/same 3,000 runs with the same seeds/);

    // Its charts: the curves and the term panels, drawn without a warning.
    const charts = buildCharts(sweepChartBuilders, result);
    expect(charts.map((c) => c.name)).toEqual(['sweep-curves', 'sweep-terms']);
    for (const chart of charts) expect((await renderQuietly(chart.spec)).messages).toEqual([]);
  });

  it('over the deadline T, a field set in the model at each point', async () => {
    const q = 0.1;
    const raw = neverAgree(T, q);
    const base = compiledFrom(raw);
    const planned = planSweep(base, scenarioFrom(raw), [param('negotiation.rounds=2:14:4')], compilerFor(raw));
    if (!planned.ok) throw new Error(planned.problems.join('\n'));
    expect(planned.plan.axes[0]).toMatchObject({ mode: 'set', modelValue: T });
    const { result } = await runSweep(base, planned.plan, { seed: 'deadline', runs, simulate: inProcess });
    for (const point of result.points) {
      const rounds = point.values[0];
      const expected = 1 - (1 - q) ** (rounds - 1);
      expect(Math.abs(point.outcomes.breakdown.share - expected)).toBeLessThanOrEqual(4 * Math.sqrt((expected * (1 - expected)) / runs) + 1e-12);
      expect(point.outcomes.deadline.share).toBeCloseTo(1 - point.outcomes.breakdown.share, 12);
    }
  });
});

describe('a sweep over two parameters', () => {
  it('visits every combination, the second fastest, and draws its heatmaps without a warning', async () => {
    const raw = neverAgree(6, { dist: 'uniform', min: 0, max: 0.2 });
    const base = compiledFrom(raw);
    const planned = planSweep(base, scenarioFrom(raw), [param('negotiation.breakdownRisk=0:0.2:3'), param('negotiation.rounds=3:5:2')], compilerFor(raw));
    if (!planned.ok) throw new Error(planned.problems.join('\n'));
    const { result } = await runSweep(base, planned.plan, { seed: 'grid', runs: 400, simulate: inProcess });
    expect(result.points.map((p) => p.values)).toEqual([
      [0, 3],
      [0, 5],
      [0.1, 3],
      [0.1, 5],
      [0.2, 3],
      [0.2, 5],
    ]);
    for (const point of result.points) {
      const [q, rounds] = point.values;
      expect(Math.abs(point.outcomes.breakdown.share - (1 - (1 - q) ** (rounds - 1)))).toBeLessThan(0.1);
    }
    const charts = buildCharts(sweepChartBuilders, result);
    expect(charts.map((c) => c.name)).toEqual(['sweep-heatmap-deal', 'sweep-heatmap-breakdown']);
    for (const chart of charts) expect((await renderQuietly(chart.spec)).messages).toEqual([]);
  });

  it('refuses the same field twice and a third --param', () => {
    const raw = neverAgree(6, 0.1);
    const base = compiledFrom(raw);
    const twice = planSweep(base, raw, [param('negotiation.rounds=3:5:2'), param('negotiation.rounds=4:6:2')], compilerFor(raw));
    expect(twice.ok).toBe(false);
    const three = planSweep(base, raw, [param('a.b=0:1:2'), param('a.c=0:1:2'), param('a.d=0:1:2')], compilerFor(raw));
    expect(three).toMatchObject({ ok: false, problems: [expect.stringMatching(/one or two/)] });
  });
});

/** Several uncertain parameters, a beta among them (its gamma rejection uses a varying number of draws). */
function manyParameters(patienceA: unknown) {
  const raw = fearonScenario({ p: 0.5, costA: 0.1, costB: 0.1, rounds: 12 });
  return {
    ...raw,
    negotiation: { rounds: 12, breakdownRisk: { dist: 'beta', alpha: 2, beta: 5, min: 0, max: 0.2 } },
    actors: {
      a: { ...raw.actors.a, reservation: { dist: 'triangular', min: 0.3, mode: 0.4, max: 0.5 }, patience: patienceA },
      b: { ...raw.actors.b, reservation: { dist: 'normal', mean: 0.35, sd: 0.05, min: 0.2, max: 0.5 }, patience: { dist: 'uniform', min: 0.8, max: 0.99 } },
    },
  };
}

describe('common random numbers: pinning one parameter leaves every other draw identical', () => {
  const compiled = compiledFrom(manyParameters({ dist: 'beta', alpha: 2, beta: 2, min: 0.8, max: 0.99 }));
  const pinnedSlot = findSlot(compiled, 'actors.a.patience');
  const sample = (c: typeof compiled, run: number) => sampleParameters(c, runRng('crn', run), new Float64Array(c.parameters.length));

  it('at every pinned value, in every run', () => {
    expect(pinnedSlot).toBeGreaterThan(0);
    expect(compiled.parameters.filter((p) => p.uncertain).length).toBeGreaterThanOrEqual(5);
    for (const value of [0.5, 0.8, 0.9, 1]) {
      const pinned = withPins(compiled, [{ slot: pinnedSlot, value }]);
      for (let run = 0; run < 200; run++) {
        const free = sample(compiled, run);
        const fixed = sample(pinned, run);
        expect(fixed[pinnedSlot]).toBe(value);
        fixed[pinnedSlot] = free[pinnedSlot];
        expect(fixed).toEqual(free);
      }
    }
  });

  it('which --set PATH=fixed(x) would not give: a fixed parameter draws nothing, so later draws shift', () => {
    const setFixed = compiledFrom(manyParameters(0.9));
    const later = findSlot(compiled, 'actors.b.patience');
    expect(later).toBeGreaterThan(pinnedSlot);
    let differing = 0;
    for (let run = 0; run < 50; run++) if (sample(setFixed, run)[later] !== sample(compiled, run)[later]) differing++;
    expect(differing).toBe(50);
  });

  it('pinning a fixed parameter at its own value reproduces the plain batch exactly', () => {
    const capability = findSlot(compiled, 'actors.a.capability');
    expect(compiled.parameters[capability].distribution).toMatchObject({ dist: 'fixed', value: 1 });
    const plain = simulateInProcess(compiled, { seed: 'same', runs: 1500 });
    const pinned = simulateInProcess(withPins(compiled, [{ slot: capability, value: 1 }]), { seed: 'same', runs: 1500 });
    expect(pinned).toEqual(plain);
  });

  it('pins reach the worker threads (the compiled scenario is structured-cloned to them)', async () => {
    const reservation = findSlot(compiled, 'actors.a.reservation');
    const pinned = withPins(compiled, [{ slot: reservation, value: 0.45 }]);
    const inWorkers = await runParallel(pinned, { seed: 'workers', runs: 2500, workers: 2 });
    expect(inWorkers).toEqual(simulateInProcess(pinned, { seed: 'workers', runs: 2500 }));
    expect(inWorkers).not.toEqual(simulateInProcess(compiled, { seed: 'workers', runs: 2500 }));
  });
});

describe('parley sweep on the command line', () => {
  const work = mkdtempSync(join(tmpdir(), 'parley-sweep-'));
  const model = join(work, 'never-agree.json');
  const modelText = JSON.stringify(neverAgree(6, { dist: 'uniform', min: 0, max: 0.2 }), null, 2);
  writeFileSync(model, modelText);
  const parley = (...args: string[]) => parleyInProcess('sweep', model, ...args);
  const noFolderLeft = (name: string) => readdirSync(work).filter((f) => f.includes(name)).length === 0;

  it('writes a folder: sweep.json, manifest.json, charts and report.html', async () => {
    const out = join(work, 'curve');
    const run = await parley('--param', 'negotiation.breakdownRisk=0:0.2:3', '-n', '1200', '--seed', 's1', '--workers', '2', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/P\(deal\) goes from 0% at Talks|P\(deal\) goes from 0%/);
    const files = readdirSync(out).sort();
    expect(files).toEqual(['baseline-summary.json', 'charts', 'manifest.json', 'report.html', 'scenario.json', 'sweep.json']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ analysis: 'sweep', seed: 's1', runs: 1200, gridPoints: 3, batches: 4, params: ['negotiation.breakdownRisk=0:0.2:3'] });
    expect(manifest.command).toMatch(/^sweep /);
    expect(manifest.model.sha256).toBe(createHash('sha256').update(modelText).digest('hex'));
    const sweep = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(sweep.points.map((p: { values: number[] }) => p.values[0])).toEqual([0, 0.1, 0.2]);
    expect(sweep.points[0].outcomes.breakdown.count).toBe(0);
    const charts = readdirSync(join(out, 'charts'));
    for (const name of ['sweep-curves', 'sweep-terms']) for (const ext of ['vl.json', 'svg']) expect(charts).toContain(`${name}.${ext}`);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toMatch(/common random numbers|same seeds/);
    expect(report).not.toMatch(/<script src=/);
  });

  it("draws every term panel on its measure's whole scale: shares 0–1, positions 0 to K − 1, levels over the issue's range", async () => {
    const out = join(work, 'scales');
    const run = await parleyInProcess(
      'sweep',
      'models/ukraine-2025.yaml',
      '--param',
      'actors.russia.patience=0.9:0.99:2',
      '-n',
      '300',
      '--seed',
      's1',
      '--out',
      out,
    );
    expect(run.code, run.stderr).toBe(0);
    // The issues as the model file states them (read from its YAML, not through parley).
    const issues = (
      parse(readFileSync('models/ukraine-2025.yaml', 'utf8')) as {
        issues: Record<string, { label: string; kind: string; range?: [number, number]; options?: object }>;
      }
    ).issues;
    const spec = JSON.parse(readFileSync(join(out, 'charts', 'sweep-terms.vl.json'), 'utf8'));
    const panels = (spec.vconcat?.[0] ?? spec).concat as { title: { text: string }; layer: { encoding: { y: { scale: { domain: number[] } } } }[] }[];
    expect(panels).toHaveLength(Object.keys(issues).length);
    for (const panel of panels) {
      const issue = Object.values(issues).find((i) => i.label === panel.title.text)!;
      const expected = issue.kind === 'continuous' ? issue.range : issue.kind === 'ordinal' ? [0, Object.keys(issue.options ?? {}).length - 1] : [0, 1];
      for (const layer of panel.layer) expect(layer.encoding.y.scale.domain, issue.label).toEqual(expected);
    }
  });

  it('draws heatmaps for two parameters', async () => {
    const out = join(work, 'grid');
    const run = await parley('--param', 'negotiation.breakdownRisk=0:0.2:2', '--param', 'negotiation.rounds=3:6:2', '-n', '300', '--out', out);
    expect(run.code, run.stderr).toBe(0);
    const charts = readdirSync(join(out, 'charts'));
    expect(charts).toContain('sweep-heatmap-deal.svg');
    expect(charts).not.toContain('sweep-curves.svg');
  });

  for (const [why, flag, message] of [
    ['an unknown path', 'negotiation.nonsense=0:1:3', /negotiation\.nonsense/],
    ['a value outside the parameter’s allowed range', 'negotiation.breakdownRisk=0:1.5:3', /breakdownRisk.*(\[0, 1\]|1\.5)/],
    ['a value the field does not accept (rounds must be whole)', 'negotiation.rounds=2:7:3', /rounds/],
    ['fewer than two steps', 'negotiation.breakdownRisk=0:0.2:1', /STEPS ≥ 2/],
  ] as const) {
    it(`exits 2 with a clear message and writes nothing for ${why}`, async () => {
      const name = `bad-${flag.split('=')[0]}-${flag.length}`;
      const run = await parley('--param', flag, '-n', '100', '--out', join(work, name));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toMatch(/--param/);
      expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
      expect(noFolderLeft(name)).toBe(true);
    });
  }

  it('never overwrites a folder', async () => {
    const run = await parley('--param', 'negotiation.breakdownRisk=0:0.2:2', '-n', '100', '--out', join(work, 'curve'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/already exists/);
    expect(existsSync(join(work, 'curve', 'sweep.json'))).toBe(true);
  });
});
