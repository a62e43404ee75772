/**
 * Forecasts reported as forecasts, and variants that do what they say (issue "Answers an analyst
 * can trust", parts 5 and 7), on the default scenario:
 *
 * - Under expected-utility and compromise a run ends with its forecast accepted or vetoed, never
 *   in a "breakdown": there were no talks. The summary names who vetoes (the actor the forecast
 *   misses by most) and by how much, and the nearest package everyone needed accepts.
 * - `us-refuses-backstop` ("The US will not backstop a European force") yields no deal with a
 *   US backstop, while the base scenario does yield such deals.
 */
import { describe, expect, it } from 'vitest';
import { readAndPrepare } from '../src/index.ts';
import { simulateInProcess } from '../src/simulation/in-process.ts';
import { summarize } from '../src/simulation/summarize.ts';
import { Status } from '../src/negotiation/run-result.ts';
import { defaultScenarioUnder } from './helpers/build-scenario.ts';

describe('forecasts reported as forecasts', () => {
  for (const mechanism of ['expected-utility', 'compromise']) {
    it(`${mechanism}: accepted or vetoed, with who vetoes and the nearest acceptable package; no talks, so no collapse`, () => {
      const compiled = defaultScenarioUnder(mechanism);
      const runs = 600;
      const agg = simulateInProcess(compiled, { seed: 'forecast', runs });
      const s = summarize(compiled, agg, 'forecast');
      expect(s.mechanismKind).toBe('forecast');
      expect(s.outcomes.breakdown.count + s.outcomes.deadline.count + s.outcomes.stalled.count).toBe(0);
      expect(s.outcomes.deal.count + s.outcomes.vetoed.count).toBe(runs);
      const f = s.forecast!;
      expect(f.runs).toBe(runs);
      expect(f.vetoed.count).toBe(s.outcomes.vetoed.count);
      // Every vetoed forecast has one actor it misses by most.
      expect(f.vetoes.reduce((n, v) => n + v.decisive.count, 0)).toBe(f.vetoed.count - f.noForecast);
      // The forecasts counted are the accepted ones and the vetoed ones that name a package.
      expect(f.packages.reduce((n, p) => n + p.count, 0)).toBeLessThanOrEqual(runs);
      if (f.vetoed.count > 0) {
        expect(f.vetoes[0].decisive.count).toBeGreaterThan(0);
        expect(f.vetoes[0].medianShortfall).toBeGreaterThan(0);
        // The summary lists the ten most frequent nearest packages; the aggregate holds them all.
        expect(agg.nearestAccepted.reduce((n, x) => n + x, 0) + f.noneAcceptable).toBe(f.vetoed.count);
        expect(f.nearestAccepted.length).toBeGreaterThan(0);
        // The nearest acceptable package exists exactly in the vetoed runs with a zone of agreement.
        expect(f.noneAcceptable).toBe(s.outcomes.vetoed.count - agg.zoneOutcomes[Status.Vetoed]);
      }
      const words = s.headline.join(' ');
      expect(words).toMatch(new RegExp(`The ${mechanism} forecast is accepted by every party whose consent it needs in \\d+(\\.\\d)?% of runs`));
      expect(words).not.toMatch(/collapse|break(s)? down|breakdown|run out the clock/);
    });
  }
});

describe('variants that do what they say', () => {
  const backstopDeals = (variant?: string) => {
    const prepared = readAndPrepare('models/ukraine-2025.yaml', [], variant);
    if (!prepared.ok) throw new Error(prepared.problems.map((p) => p.message).join('\n'));
    const { compiled } = prepared;
    const s = summarize(compiled, simulateInProcess(compiled, { seed: 'backstop', runs: 2000 }), 'backstop');
    const term = s.terms.find((t) => t.issue === 'backstop')!;
    return { deals: s.outcomes.deal.count, backstops: term.options.find((o) => o.option === 'us-backstop')!.deals.count, compiled };
  };

  it('us-refuses-backstop: no deal has a US backstop (a hard constraint), while the base scenario has such deals', () => {
    const base = backstopDeals();
    expect(base.backstops).toBeGreaterThan(100);
    const refuses = backstopDeals('us-refuses-backstop');
    expect(refuses.deals).toBeGreaterThan(100);
    expect(refuses.backstops).toBe(0);
    // No package with a backstop is even on the table.
    const b = refuses.compiled.issues.findIndex((i) => i.id === 'backstop');
    const I = refuses.compiled.issues.length;
    for (let p = 0; p < refuses.compiled.packageCount; p++)
      expect(refuses.compiled.issues[b].options[refuses.compiled.packageOptions[p * I + b]].id).toBe('none');
  });

  it('the base scenario never pairs "no guarantee" with "guarantees as a condition of the ceasefire"', () => {
    const { compiled } = backstopDeals();
    const I = compiled.issues.length;
    const g = compiled.issues.findIndex((i) => i.id === 'guarantee');
    const q = compiled.issues.findIndex((i) => i.id === 'sequencing');
    for (let p = 0; p < compiled.packageCount; p++) {
      const guarantee = compiled.issues[g].options[compiled.packageOptions[p * I + g]].id;
      const sequencing = compiled.issues[q].options[compiled.packageOptions[p * I + q]].id;
      expect(guarantee === 'none' && sequencing === 'guarantees-first').toBe(false);
    }
  });
});

describe('a comparison of mechanisms', () => {
  it('says "forecast accepted" for a forecast, and names who vetoes it and how far the nearest acceptable package lies', async () => {
    const { compareSummaries } = await import('../src/simulation/compare.ts');
    const summaryOf = (mechanism: string) => {
      const compiled = defaultScenarioUnder(mechanism);
      return summarize(compiled, simulateInProcess(compiled, { seed: 'compare', runs: 500 }), 'compare');
    };
    const talks = summaryOf('alternating-offers');
    const forecast = summaryOf('compromise');
    const c = compareSummaries([
      { label: 'alternating-offers', folder: null, summary: talks },
      { label: 'compromise', folder: null, summary: forecast },
    ]);
    const top = forecast.forecast!.vetoes[0];
    expect(c.headline[0]).toMatch(/^Against alternating-offers \(deal in \d+% of runs\):/);
    expect(c.headline[1]).toMatch(
      new RegExp(`^compromise: forecast accepted in .*; vetoed in \\d+(\\.\\d)?%, most often by ${top.label.replace(/[()]/g, '\\$&')}`),
    );
    expect(c.headline[1]).not.toMatch(/collapse|breakdown/);
  });
});
