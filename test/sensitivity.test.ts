/**
 * `parley sensitivity` against things independent of its code: Spearman's ρ against hand-computed
 * examples (with ties); the paired Monte Carlo error of a swing against the one computed run by
 * run; the tornado's top driver on a scenario built so that one parameter obviously dominates;
 * the arms at the quantiles; and the command line end to end.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchRunner } from '../src/analysis/batch-runner.ts';
import { pairedDealChange } from '../src/analysis/paired-difference.ts';
import { findSlot, withPins } from '../src/analysis/pins.ts';
import { spearman } from '../src/analysis/rank-correlation.ts';
import { planSensitivity, runSensitivity } from '../src/analysis/sensitivity.ts';
import { Status } from '../src/negotiation/run-result.ts';
import { createRunContext, simulateRun } from '../src/simulation/batch.ts';
import { simulateInProcess } from '../src/simulation/in-process.ts';
import { buildCharts } from '../src/charts/chart-builder.ts';
import { sensitivityChartBuilders } from '../src/charts/analysis-charts.ts';
import { parley as parleyInProcess } from './helpers/cli.ts';
import { compiledFrom, fearonScenario } from './helpers/build-scenario.ts';
import { renderQuietly } from './helpers/render-quietly.ts';

const inProcess: BatchRunner = (compiled, batch) => simulateInProcess(compiled, { seed: batch.seed, runs: batch.runs, onRows: batch.onRows });

/**
 * Fearon's two states (p = 0.5, costs 0.1) where A's reservation is very uncertain, uniform(0.2, 0.9):
 * at its 10% quantile (0.27) a deal is easy, at its 90% quantile (0.83) impossible (B needs x ≤ 0.6).
 * B's patience varies a little and talks collapse (risk 0.02) or not (0) on a coin flip: both matter far less.
 */
function dominated() {
  const raw = fearonScenario({ p: 0.5, costA: 0.1, costB: 0.1, rounds: 12 });
  return {
    ...raw,
    negotiation: { rounds: 12, breakdownRisk: { dist: 'bernoulli', p: 0.5, ifTrue: 0.02, ifFalse: 0 } },
    actors: {
      a: { ...raw.actors.a, label: "A's fallback", reservation: { dist: 'uniform', min: 0.2, max: 0.9, label: "A's fallback" } },
      b: { ...raw.actors.b, patience: { dist: 'uniform', min: 0.9, max: 0.95, label: "B's patience" } },
    },
  };
}

describe("Spearman's rank correlation", () => {
  it('matches hand-computed values', () => {
    // No ties: ρ = 1 − 6 Σd² / (n(n² − 1)) = 1 − 6·4/120 = 0.8.
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 14);
    // Monotone but not linear: 1; reversed: −1.
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 14);
    expect(spearman([0.1, 0.2, 0.3], [9, 5, 1])).toBeCloseTo(-1, 14);
    // Ties share the average rank: x ranks 1, 2.5, 2.5, 4 against 1, 3, 2, 4 give 4.5 / √(4.5 · 5) = 3/√10.
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(3 / Math.sqrt(10), 14);
    // A binary outcome (deal or not): ranks 1.5, 1.5, 3.5, 3.5 against 1, 2, 3, 4 give 4 / √(4 · 5).
    expect(spearman([1, 2, 3, 4], [0, 0, 1, 1])).toBeCloseTo(4 / Math.sqrt(20), 14);
  });

  it('is undefined (null) when a column never varies', () => {
    expect(spearman([1, 2, 3], [1, 1, 1])).toBeNull();
    expect(spearman([1], [2])).toBeNull();
  });
});

describe('the paired error of a swing', () => {
  it('matches the standard error of the per-run differences computed run by run', () => {
    const compiled = compiledFrom(dominated());
    const slot = findSlot(compiled, 'actors.a.reservation');
    const first = withPins(compiled, [{ slot, value: 0.5 }]);
    const second = withPins(compiled, [{ slot, value: 0.6 }]);
    const runs = 4000;
    const paired = pairedDealChange(simulateInProcess(first, { seed: 'pair', runs }), simulateInProcess(second, { seed: 'pair', runs }));

    // Run by run: the same run index in both arms, its deal indicator's difference.
    const a = createRunContext(first);
    const b = createRunContext(second);
    const differences: number[] = [];
    for (let run = 0; run < runs; run++) {
      const dealFirst = simulateRun(a, 'pair', run).status === Status.Deal ? 1 : 0;
      const dealSecond = simulateRun(b, 'pair', run).status === Status.Deal ? 1 : 0;
      differences.push(dealSecond - dealFirst);
    }
    const mean = differences.reduce((s, d) => s + d, 0) / runs;
    const sd = Math.sqrt(differences.reduce((s, d) => s + (d - mean) ** 2, 0) / (runs - 1));
    expect(paired.change).toBeCloseTo(mean, 12);
    expect(paired.change).toBeLessThan(-0.05);
    expect(paired.change).toBeGreaterThan(-0.95);
    expect(paired.blocks).toBe(200);
    // 200 blocks estimate the variance with about 10% relative error.
    expect(paired.standardError! / (sd / Math.sqrt(runs))).toBeGreaterThan(0.75);
    expect(paired.standardError! / (sd / Math.sqrt(runs))).toBeLessThan(1.3);
    expect(paired.low).toBeLessThan(paired.change);
    expect(paired.high).toBeGreaterThan(paired.change);
  });

  it('is exactly zero when the pin changes nothing', () => {
    const compiled = compiledFrom(dominated());
    const capability = findSlot(compiled, 'actors.a.capability');
    const one = simulateInProcess(withPins(compiled, [{ slot: capability, value: 1 }]), { seed: 'z', runs: 1000 });
    const same = pairedDealChange(one, simulateInProcess(compiled, { seed: 'z', runs: 1000 }));
    expect(same).toMatchObject({ change: 0, standardError: 0, low: 0, high: 0 });
  });
});

describe('the tornado', () => {
  const compiled = compiledFrom(dominated());

  it('pins each uncertain parameter at its quantiles, a yes/no fact at its two values', () => {
    const plan = planSensitivity(compiled, { low: 0.1, high: 0.9 });
    const byPath = Object.fromEntries(plan.map((p) => [p.parameter, p]));
    expect(byPath['actors.a.reservation'].arms[0].value).toBeCloseTo(0.27, 12);
    expect(byPath['actors.a.reservation'].arms[1].value).toBeCloseTo(0.83, 12);
    expect(byPath['actors.b.patience'].arms[0].value).toBeCloseTo(0.905, 12);
    expect(byPath['negotiation.breakdownRisk']).toMatchObject({
      yesNo: true,
      arms: [
        { label: 'no', value: 0 },
        { label: 'yes', value: 0.02 },
      ],
    });
  });

  it('puts the dominating parameter on top, names it first, and finds it in the rank correlations', async () => {
    const { result, baseline } = await runSensitivity(compiled, { seed: 'tornado', runs: 1500, simulate: inProcess });
    expect(result.parameters.map((p) => p.parameter)[0]).toBe('actors.a.reservation');
    const top = result.parameters[0];
    // From a fallback of 0.27 (a deal nearly always) to 0.83 (none possible).
    expect(top.high.deal.count).toBe(0);
    expect(top.low.deal.share).toBeGreaterThan(0.8);
    expect(top.dealSwing.change).toBeCloseTo(top.high.deal.share - top.low.deal.share, 12);
    expect(top.dealSwing.high).toBeLessThan(0);
    for (const other of result.parameters.slice(1)) expect(Math.abs(other.dealSwing.change)).toBeLessThan(Math.abs(top.dealSwing.change) / 3);
    // Sorted by the size of the swing.
    const sizes = result.parameters.map((p) => Math.abs(p.dealSwing.change));
    expect([...sizes].sort((x, y) => y - x)).toEqual(sizes);
    expect(result.headline[0]).toMatch(/^P\(deal\) moves most with A's fallback \(−\d+ points from its 10% to its 90% quantile\)/);

    // Rank correlations of the baseline batch: the fallback against the deal indicator, strongly negative.
    const rc = result.rankCorrelations;
    expect(rc.runs).toBe(1500);
    expect(rc.outcomes.map((o) => o.id)).toEqual(['deal', 'round', 'utility.a', 'utility.b']);
    const fallback = rc.parameters.find((p) => p.parameter === 'actors.a.reservation')!;
    expect(fallback.rho[0]).toBeLessThan(-0.5);
    expect(Math.abs(rc.parameters.find((p) => p.parameter === 'actors.b.patience')!.rho[0]!)).toBeLessThan(Math.abs(fallback.rho[0]!));
    expect(baseline.runs).toBe(1500);
    expect(result.baseline.deal.count).toBe(baseline.outcomes.deal.count);

    // The tornado lists the parameters in the same order, and every chart draws without a warning.
    const charts = buildCharts(sensitivityChartBuilders, result);
    expect(charts.map((c) => c.name)).toEqual(['tornado', 'term-swings', 'rank-correlation']);
    for (const chart of charts) {
      const { svg, messages } = await renderQuietly(chart.spec);
      expect(messages).toEqual([]);
      if (chart.name === 'tornado') {
        const labels = result.parameters.map((p) => svg.indexOf(p.label));
        expect(labels.every((at) => at >= 0)).toBe(true);
        expect([...labels].sort((x, y) => x - y)).toEqual(labels);
      }
      if (chart.name === 'term-swings') {
        // One unit per panel: every cell of a panel measures its issue the same way, and every issue is in one panel.
        const panels = (chart.spec as unknown as { hconcat: { data: { values: { termRank: number; term: string }[] } }[] }).hconcat;
        const measured = panels.map((panel) => new Set(panel.data.values.map((v) => result.terms[v.termRank].measure)));
        for (const m of measured) expect(m.size).toBe(1);
        expect(panels.flatMap((panel) => [...new Set(panel.data.values.map((v) => v.termRank))]).sort()).toEqual(result.terms.map((_, i) => i));
        // Headers are wrapped, never cut: each holds its issue's label word for word.
        for (const panel of panels) for (const v of panel.data.values) expect(v.term.replace(/\s+/g, ' ').trim()).toContain(result.terms[v.termRank].label);
      }
      if (chart.name === 'rank-correlation') {
        // Exactly the cells of an actor's own fallback against its own utility are marked as expected (greyed).
        const cells = (chart.spec as unknown as { data: { values: { path: string; outcomeRank: number; expected: boolean }[] } }).data.values;
        const outcomeIds = result.rankCorrelations.outcomes.map((o) => o.id);
        for (const c of cells) {
          const own = ['a', 'b'].some((actor) => c.path === `actors.${actor}.reservation` && outcomeIds[c.outcomeRank] === `utility.${actor}`);
          expect(c.expected, `${c.path} × ${outcomeIds[c.outcomeRank]}`).toBe(own);
        }
        expect(cells.some((c) => c.expected)).toBe(true);
      }
    }
  });
});

describe('parley sensitivity on the command line', () => {
  const work = mkdtempSync(join(tmpdir(), 'parley-sensitivity-'));
  const model = join(work, 'dominated.json');
  writeFileSync(model, JSON.stringify(dominated(), null, 2));
  const parley = (...args: string[]) => parleyInProcess('sensitivity', model, ...args);

  it('writes a folder: sensitivity.json, manifest.json, the tornado and rank-correlation charts, report.html', async () => {
    const out = join(work, 'tornado');
    const run = await parley('-n', '1000', '--seed', 't', '--low', '0.2', '--high', '0.8', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/P\(deal\) moves most with A's fallback \(−\d+ points from its 20% to its 80% quantile\)/);
    expect(readdirSync(out).sort()).toEqual(['baseline-summary.json', 'charts', 'manifest.json', 'report.html', 'scenario.json', 'sensitivity.json']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ analysis: 'sensitivity', seed: 't', runs: 1000, quantiles: { low: 0.2, high: 0.8 }, uncertainParameters: 3, batches: 7 });
    expect(manifest.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    const result = JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8'));
    expect(result.parameters[0].low.value).toBeCloseTo(0.34, 12);
    const charts = readdirSync(join(out, 'charts'));
    for (const name of ['tornado', 'term-swings', 'rank-correlation']) for (const ext of ['vl.json', 'svg']) expect(charts).toContain(`${name}.${ext}`);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/paired 95% intervals/);
  });

  it('exits 2 and writes nothing for quantiles out of order or out of (0, 1)', async () => {
    for (const flags of [
      ['--low', '0.9', '--high', '0.1'],
      ['--low', '0'],
      ['--high', '1.5'],
    ]) {
      const out = join(work, `bad-${flags.join('')}`);
      const run = await parley('-n', '100', '--out', out, ...flags);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/quantile/);
      expect(readdirSync(work).some((f) => f.includes('bad-'))).toBe(false);
    }
  });
});

describe('structural choices and fixed numbers in the tornado', () => {
  /** The dominated scenario with B's concession style a choice and a fixed deadline of 30 rounds. */
  function structural() {
    const raw = dominated();
    return {
      ...raw,
      negotiation: { ...raw.negotiation, rounds: 30 },
      actors: { ...raw.actors, b: { ...raw.actors.b, concession: { choice: { boulware: 0.5, conceder: 0.5 }, label: "B's style" } } },
    };
  }

  it('runs a choice at each alternative, and with --fixed swings the deadline and other fixed numbers by ± the share', () => {
    const compiled = compiledFrom(structural());
    const plan = planSensitivity(compiled, { low: 0.1, high: 0.9 }, 0.2);
    const byPath: Partial<Record<string, (typeof plan)[number]>> = Object.fromEntries(plan.map((p) => [p.parameter, p]));
    expect(byPath['actors.b.concession']).toMatchObject({
      kind: 'choice',
      arms: [
        { label: 'boulware', value: 4 },
        { label: 'conceder', value: 0.25 },
      ],
    });
    expect(byPath['negotiation.rounds']).toMatchObject({ kind: 'fixed', arms: [{ value: 24 }, { value: 36 }] });
    // A fixed number stays within what its field allows: A's patience 0.95 ± 20% is cut at 1.
    expect(byPath['actors.a.patience']?.arms.map((a) => a.value)).toEqual([0.76, 1]);
    // Zeros (absent) and structural indices are not swung.
    expect(byPath['negotiation.beliefNoise']).toBeUndefined();
    expect(byPath['negotiation.protocol']).toBeUndefined();
  });

  it('pins the deadline past the model’s own (36 > 30 rounds) to exactly what a model with that deadline gives, run by run', () => {
    const compiled = compiledFrom(structural());
    const pinned = withPins(compiled, [{ slot: findSlot(compiled, 'negotiation.rounds'), value: 36 }]);
    const raw = structural();
    const set = compiledFrom({ ...raw, negotiation: { ...raw.negotiation, rounds: 36 } });
    const a = createRunContext(pinned);
    const b = createRunContext(set);
    const own = createRunContext(compiled);
    let changed = 0;
    for (let run = 0; run < 400; run++) {
      const x = simulateRun(a, 'deadline', run);
      const y = { ...simulateRun(b, 'deadline', run) };
      expect([x.status, x.round, x.packageId]).toEqual([y.status, y.round, y.packageId]);
      const z = simulateRun(own, 'deadline', run);
      if (z.status !== x.status || z.round !== x.round || z.packageId !== x.packageId) changed++;
    }
    // The pin had teeth: the longer deadline changed some runs (a deadline sets the horizon of a patient seat).
    expect(changed).toBeGreaterThan(0);
  });

  it('names the alternatives in the tornado row and says what the number rests on', async () => {
    const compiled = compiledFrom(structural());
    const { result } = await runSensitivity(compiled, { seed: 'structural', runs: 600, fixedShare: 0.2, simulate: inProcess });
    const style = result.parameters.find((p) => p.parameter === 'actors.b.concession')!;
    expect(style.kind).toBe('choice');
    expect(style.alternatives?.map((a) => a.label)).toEqual(['boulware', 'conceder']);
    expect([style.low.label, style.high.label].sort()).toEqual(['boulware', 'conceder']);
    expect(style.low.deal.share).toBeLessThanOrEqual(style.high.deal.share);
    const deadline = result.parameters.find((p) => p.parameter === 'negotiation.rounds')!;
    expect(deadline).toMatchObject({ kind: 'fixed', low: { value: 24 }, high: { value: 36 } });
    expect(result.fixedShare).toBe(0.2);
    const charts = buildCharts(sensitivityChartBuilders, result);
    const tornado = JSON.stringify(charts.find((c) => c.name === 'tornado')!.spec);
    expect(tornado).toContain("B's style (");
    expect(tornado).toMatch(/structural choice/);
  });
});
