/**
 * The single negotiating text (Raiffa 1982; NegMAS's single-text veto mechanisms): outcomes
 * worked out by hand from the protocol and the aspiration formula, and invariants over random
 * scenarios — a deal never leaves a consenting actor below war, a kept amendment never lowers the
 * utility of an actor whose consent it needs (the mediator aside), so under a neutral mediator the
 * veto players end weakly better off than with the starting text.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { parseOverrides, readAndPrepare } from '../src/index.ts';
import type { CompiledScenario } from '../src/negotiation/compiled-scenario.ts';
import { amendment, singleTextLayout, startingText, type SingleTextLayout } from '../src/negotiation/mechanisms/single-text.ts';
import { Status } from '../src/negotiation/run-result.ts';
import { vetoPlayersOf } from '../src/negotiation/solutions/bargaining-problem.ts';
import { createRunContext, simulateRun, type RunContext } from '../src/simulation/batch.ts';
import { compiledFrom, randomTastes } from './helpers/build-scenario.ts';
import { runRng } from '../src/simulation/seeding.ts';
import { sampleParameters } from '../src/simulation/sample-parameters.ts';

/**
 * The starting text run `run` of the batch seeded `seed` began with: its RNG advanced past the
 * parameter draws (these scenarios have no belief noise, so nothing else draws first).
 */
function startOf(ctx: RunContext, layout: SingleTextLayout, seed: string, run: number): number {
  const rng = runRng(seed, run);
  sampleParameters(ctx.compiled, rng, new Float64Array(ctx.compiled.parameters.length));
  return startingText(layout, ctx.table, rng);
}

interface Side {
  reservation: number;
  ideal: number;
  strategy?: string;
  /** Value of the joint option of a second, common-interest issue (absent: one issue only). */
  joint?: number;
}

/** Two states, a share x ∈ [0, 1] in 11 levels (A's ideal 1, B's 0), optionally a yes/no issue both like; T rounds, no discounting, no breakdown risk. */
function twoStates(a: Side, b: Side, mediator: string, rounds = 20) {
  const withJoint = a.joint !== undefined;
  const actor = (label: string, side: Side) => ({
    label,
    capability: 1,
    reservation: side.reservation,
    patience: 1,
    concession: 'linear',
    strategy: side.strategy ?? 'time-based',
    salience: withJoint ? { share: 0.5, joint: 0.5 } : { share: 1 },
    preferences: withJoint ? { share: { ideal: side.ideal }, joint: { none: 0, yes: side.joint } } : { share: { ideal: side.ideal } },
  });
  return {
    name: 'two-states',
    title: 'Two states and a mediator',
    negotiation: { protocol: 'single-text', mediator, rounds, breakdownRisk: 0 },
    vetoPlayers: ['a', 'b'],
    issues: {
      share: { label: 'Share to A', kind: 'continuous', range: [0, 1], levels: 11 },
      ...(withJoint ? { joint: { label: 'Joint project', kind: 'categorical', options: { none: { label: 'None' }, yes: { label: 'Yes' } } } } : {}),
    },
    actors: { a: actor('A', a), b: actor('B', b) },
  };
}

function terms(compiled: CompiledScenario, p: number): number[] {
  const I = compiled.issues.length;
  return compiled.issues.map((issue, i) => {
    const o = compiled.packageOptions[p * I + i];
    return issue.levels ? issue.levels[o] : o;
  });
}

/**
 * Aspiration of a linear time-based actor: asp(t) = r + (best − r)(1 − t), t = round/T; in round k
 * (0-based) it signs u when u − r ≥ asp((k + 1)/T) − r (patience 1, no breakdown risk). So it first
 * signs in round k + 1 = ⌈T (1 − (u − r)/(best − r))⌉ (1-based).
 */
function firstSigningRound(u: number, reservation: number, best: number, rounds: number): number {
  return Math.ceil(rounds * (1 - (u - reservation) / (best - reservation)) - 1e-9);
}

describe('single text: outcomes worked out by hand', () => {
  it('neutral mediator, opposed interests: the text stays at the middle (x = 0.5); signed when both aspirations reach it', () => {
    const compiled = compiledFrom(twoStates({ reservation: 0.2, ideal: 1 }, { reservation: 0.2, ideal: 0 }, 'neutral'));
    const result = simulateRun(createRunContext(compiled), 'opposed', 0);
    expect(result.status).toBe(Status.Deal);
    expect(terms(compiled, result.packageId)).toEqual([0.5]);
    expect(result.round).toBe(firstSigningRound(0.5, 0.2, 1, 20)); // 13
  });

  it('neutral mediator: the common-interest term is added in round 2 (one term at a time), the opposed one stays', () => {
    const compiled = compiledFrom(twoStates({ reservation: 0.3, ideal: 1, joint: 1 }, { reservation: 0.3, ideal: 0, joint: 1 }, 'neutral'));
    const ctx = createRunContext(compiled);
    const result = simulateRun(ctx, 'joint', 0);
    const layout = singleTextLayout(compiled);
    // The joint option drawn first in canonical order ("none" before "yes"), as a uniform of 0 draws.
    const start = startingText(layout, ctx.table, () => 0);
    expect(terms(compiled, start)).toEqual([0.5, 0]);
    expect(terms(compiled, amendment(layout, ctx.table, ctx.seats, 1, start))).toEqual([0.5, 1]);
    // u = 0.5·0.5 + 0.5·1 = 0.75 for both; best = 1.
    expect(result.status).toBe(Status.Deal);
    expect(terms(compiled, result.packageId)).toEqual([0.5, 1]);
    expect(result.round).toBe(firstSigningRound(0.75, 0.3, 1, 20)); // 8
  });

  it('neutral mediator: no deal when the middle is worse than war for one side and no single change helps both', () => {
    const compiled = compiledFrom(twoStates({ reservation: 0.6, ideal: 1 }, { reservation: 0.2, ideal: 0 }, 'neutral'));
    const ctx = createRunContext(compiled);
    for (let run = 0; run < 5; run++) expect(simulateRun(ctx, 'stuck', run).status).toBe(Status.Deadline);
  });

  it('a hardliner mediator keeps its own best text (x = 1) and the other side signs when its aspiration falls that far', () => {
    const compiled = compiledFrom(twoStates({ reservation: 0.2, ideal: 1, strategy: 'hardliner' }, { reservation: -0.2, ideal: 0 }, 'a'));
    const result = simulateRun(createRunContext(compiled), 'hardliner', 0);
    expect(result.status).toBe(Status.Deal);
    expect(terms(compiled, result.packageId)).toEqual([1]);
    expect(result.round).toBe(firstSigningRound(0, -0.2, 1, 20)); // 17
  });

  it('a time-based mediator concedes one step at a time, never below its reservation, and the deal lies in the bargaining range', () => {
    const compiled = compiledFrom(twoStates({ reservation: 0.3, ideal: 1 }, { reservation: 0.25, ideal: 0 }, 'a'));
    const ctx = createRunContext(compiled);
    const result = simulateRun(ctx, 'concession', 0);
    expect(result.status).toBe(Status.Deal);
    const [x] = terms(compiled, result.packageId);
    expect(x).toBeGreaterThanOrEqual(0.3 - 1e-9);
    expect(x).toBeLessThanOrEqual(0.75 + 1e-9);
    const layout = singleTextLayout(compiled);
    let text = startingText(layout, ctx.table, () => 0);
    expect(terms(compiled, text)).toEqual([1]);
    for (let round = 1; round < result.round; round++) {
      const next = amendment(layout, ctx.table, ctx.seats, round, text);
      if (next >= 0) {
        // The mediator proposes the change best for itself among those B prefers: one level down.
        expect(terms(compiled, next)[0]).toBeCloseTo(terms(compiled, text)[0] - 0.1, 12);
        text = next;
      }
    }
    expect(text).toBe(result.packageId);
  });
});

/** A random scenario: random weights and values, a guarantor's consent on one option, a random mediator. */
function randomScenario(rng: () => number, k: number) {
  const ids = ['a', 'b', 'c', 'd'];
  const actors = Object.fromEntries(
    ids.map((id, a) => {
      const tastes = randomTastes(rng, 3);
      return [
        id,
        {
          label: id,
          capability: 1,
          reservation: { dist: 'uniform', min: 0.05, max: 0.5 },
          patience: { dist: 'uniform', min: 0.8, max: 1 },
          concession: ['boulware', 'linear', 'conceder'][(a + k) % 3],
          strategy: (a + k) % 5 === 0 ? 'hardliner' : 'time-based',
          ...tastes,
        },
      ];
    }),
  );
  return {
    name: 'random',
    title: 'Random scenario',
    negotiation: { protocol: 'single-text', mediator: ['neutral', 'a', 'c', 'd'][k % 4], rounds: 15, breakdownRisk: { dist: 'uniform', min: 0, max: 0.05 } },
    vetoPlayers: ['a', 'b'],
    issues: {
      x: { label: 'X', kind: 'categorical', options: { x0: { label: 'x0' }, x1: { label: 'x1', consent: ['c'] }, x2: { label: 'x2', consent: ['c', 'd'] } } },
      y: { label: 'Y', kind: 'ordinal', options: { y0: { label: 'y0' }, y1: { label: 'y1' }, y2: { label: 'y2' } } },
      z: { label: 'Z', kind: 'continuous', range: [0, 10], levels: 6 },
    },
    actors,
    interactions: [{ when: { x: 'x1', y: 'y2' }, effect: { b: { dist: 'uniform', min: -0.2, max: 0.2 } } }],
    infeasible: [{ when: { x: 'x2', y: 'y0' } }],
  };
}

/** Replays a finished run's texts (the mechanism's own steps) and checks every kept amendment. */
function checkTextPath(ctx: RunContext, layout: SingleTextLayout, rounds: number, start: number): number {
  const { compiled, instance } = ctx;
  const P = instance.packageCount;
  const u = (a: number, p: number) => instance.utility[a * P + p];
  const veto = vetoPlayersOf(compiled);
  let text = start;
  for (let round = 1; round < rounds; round++) {
    const next = amendment(layout, ctx.table, ctx.seats, round, text);
    if (next < 0) continue;
    // One term changed.
    const I = compiled.issues.length;
    let changed = 0;
    for (let i = 0; i < I; i++) if (compiled.packageOptions[next * I + i] !== compiled.packageOptions[text * I + i]) changed++;
    expect(changed).toBe(1);
    // Every actor whose consent the amended text needs, the mediator aside, strictly gains.
    compiled.consenters.forEach((a, k) => {
      if ((compiled.consentMask[next] & (1 << k)) !== 0 && a !== compiled.mediator) expect(u(a, next)).toBeGreaterThan(u(a, text));
    });
    text = next;
  }
  if (compiled.mediator < 0) for (const a of veto) expect(u(a, text)).toBeGreaterThanOrEqual(u(a, start));
  return text;
}

describe('single text: invariants over random scenarios', () => {
  it('deals leave consenting actors at or above war; kept amendments never hurt a consenting actor (the mediator aside)', () => {
    const rng = seedrandom.alea('single-text');
    let deals = 0;
    let amended = 0;
    for (let k = 0; k < 40; k++) {
      const compiled = compiledFrom(randomScenario(rng, k));
      const ctx = createRunContext(compiled);
      const layout = singleTextLayout(compiled);
      for (let run = 0; run < 25; run++) {
        const result = simulateRun(ctx, `st-${k}`, run);
        const start = startOf(ctx, layout, `st-${k}`, run);
        const finalText = checkTextPath(ctx, layout, result.round, start);
        if (finalText !== start) amended++;
        if (result.status !== Status.Deal) continue;
        deals++;
        expect(result.packageId).toBe(finalText);
        compiled.consenters.forEach((a, bit) => {
          if ((compiled.consentMask[result.packageId] & (1 << bit)) !== 0)
            expect(result.utilities[a]).toBeGreaterThanOrEqual(ctx.instance.reservation[a] - 1e-12);
        });
      }
    }
    // The invariants were exercised: deals happened and texts were amended.
    expect(deals).toBeGreaterThan(100);
    expect(amended).toBeGreaterThan(100);
  });
});

describe('single text on the default scenario', () => {
  for (const mediator of ['neutral', 'us']) {
    it(`mediator ${mediator}: runs, and every deal leaves the consenting actors at or above war`, () => {
      const overrides = parseOverrides(['negotiation.protocol=single-text', `negotiation.mediator=${mediator}`]);
      if (typeof overrides === 'string') throw new Error(overrides);
      const prepared = readAndPrepare('models/ukraine-2025.yaml', overrides);
      if (!prepared.ok) throw new Error(prepared.problems.map((p) => p.message).join('\n'));
      const { compiled } = prepared;
      const ctx = createRunContext(compiled);
      const layout = singleTextLayout(compiled);
      const P = compiled.packageCount;
      for (let run = 0; run < 200; run++) {
        const result = simulateRun(ctx, 'default', run);
        expect(result.round).toBeGreaterThanOrEqual(1);
        expect(result.round).toBeLessThanOrEqual(compiled.maxRounds);
        // The default scenario has no belief noise, so the run's RNG reaches the mechanism right after the parameters.
        checkTextPath(ctx, layout, result.round, startOf(ctx, layout, 'default', run));
        if (result.status !== Status.Deal) continue;
        compiled.consenters.forEach((a, bit) => {
          if ((compiled.consentMask[result.packageId] & (1 << bit)) !== 0)
            expect(ctx.instance.utility[a * P + result.packageId]).toBeGreaterThanOrEqual(ctx.instance.reservation[a] - 1e-12);
        });
      }
    });
  }
});

describe('single text in a replay transcript', () => {
  it('shows the text each round was signed or refused on, with the signing responses only', async () => {
    const { replayRun } = await import('../src/simulation/replay.ts');
    const overrides = parseOverrides(['negotiation.protocol=single-text', 'negotiation.mediator=us']);
    if (typeof overrides === 'string') throw new Error(overrides);
    const loaded = readAndPrepare('models/ukraine-2025.yaml', overrides);
    if (!loaded.ok) throw new Error('default scenario invalid');
    const { compiled } = loaded;
    for (let run = 0; run < 30; run++) {
      const { rounds, result } = replayRun(compiled, '1', run);
      for (const r of rounds) {
        // Signing asks the consenting actors in actor order and stops at the first refusal.
        const actors = r.responses.map((x) => x.actor);
        expect(actors).toEqual([...actors].sort((a, b) => a - b));
        expect(new Set(actors).size).toBe(actors.length);
        expect(r.responses.slice(0, -1).every((x) => x.accepts)).toBe(true);
      }
      // A deal is the text of its round, signed by everyone asked.
      if (result.status === Status.Deal) {
        const last = rounds[result.round - 1];
        expect(last.offer).toBe(result.packageId);
        expect(last.responses.every((x) => x.accepts)).toBe(true);
      }
    }
  });
});
