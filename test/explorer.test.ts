/**
 * The explorer's page logic that needs no browser (src/explorer/): the state in the address, the
 * page's chunking of a batch, the controls generated from the model, and Export — each checked
 * against the CLI's own reading of the same settings (prepareModelText, simulateInProcess), not
 * against outputs pasted back. test/e2e/explore-browser.test.ts runs the page itself in Chromium.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createAggregate,
  createRunContext,
  mergeAggregates,
  parseFieldPath,
  prepareModelText,
  simulateInProcess,
  simulateRange,
  summarize,
  type ParamRange,
} from '../src/core.ts';
import {
  choiceText,
  distributionFields,
  editOf,
  editText,
  explorerControls,
  PICKED_DISTRIBUTIONS,
  rescaleChoice,
  switchDistribution,
} from '../src/explorer/controls.ts';
import { splitLine } from '../src/explorer/control-view.ts';
import { DEFAULT_EXPLORE_RUNS, stateFromHash, stateToHash, type ExplorerState } from '../src/explorer/explorer-state.ts';
import { modelWithVariant, runCommandLine, variantEntry } from '../src/explorer/export-text.ts';
import { exploreChunks, FIRST_CHUNK_RUNS, type FromExploreWorker, type ToExploreWorker } from '../src/explorer/worker-protocol.ts';
import { PageWorkers } from '../src/explorer/page-batch.ts';

const FILE = 'models/ukraine-2025.yaml';
const TEXT = readFileSync(FILE, 'utf8');
const DEFAULTS: ExplorerState = { set: [], variant: null, seed: '1', runs: DEFAULT_EXPLORE_RUNS };

function prepared(options: { set?: string[]; variant?: string }, text = TEXT) {
  const result = prepareModelText(text, FILE, options);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result;
}

describe('the state in the address', () => {
  const state: ExplorerState = {
    set: ['actors.russia.reservation=triangular(0.38, 0.62, 0.7)', 'actors.us.salience.nato~=0.2', 'vetoPlayers=[ukraine, russia]'],
    variant: 'us-backstops',
    seed: 'a b&c=#',
    runs: 1234,
  };

  it('reads back what it writes, whatever the characters', () => {
    expect(stateFromHash(stateToHash(state), DEFAULTS)).toEqual({ state, problems: [] });
    // Without the page's keys (a link written by hand), --set lines add to the command line's.
    const read = stateFromHash('#set=negotiation.beliefNoise%3D0.1', { ...DEFAULTS, set: ['actors.us.patience=0.9'] });
    expect(read.state.set).toEqual(['actors.us.patience=0.9', 'negotiation.beliefNoise=0.1']);
  });

  it('keeps the defaults for what it cannot read, and says what', () => {
    const read = stateFromHash('#runs=0&seed=&colour=red', DEFAULTS);
    expect(read.state).toEqual(DEFAULTS);
    expect(read.problems).toHaveLength(3);
    expect(read.problems.join('\n')).toMatch(/runs.*positive whole number[\s\S]*seed[\s\S]*unknown key "colour"/);
  });
});

describe("the page's chunks", () => {
  it('cover the batch in order, the first one per worker small', () => {
    for (const [runs, workers] of [
      [1, 2],
      [150, 2],
      [2000, 2],
      [2001, 3],
      [777, 8],
    ]) {
      const chunks = exploreChunks(runs, workers);
      expect(chunks[0].firstRun).toBe(0);
      expect(chunks.at(-1)!.endRun).toBe(runs);
      chunks.forEach((c, k) => {
        expect(c.index).toBe(k);
        expect(c.endRun).toBeGreaterThan(c.firstRun);
        if (k > 0) expect(c.firstRun).toBe(chunks[k - 1].endRun);
        if (k < workers && c.endRun < runs) expect(c.endRun - c.firstRun).toBe(FIRST_CHUNK_RUNS);
      });
    }
  });

  it("merged in run order, give the CLI's summary bit for bit (its chunks are 1,000 runs)", () => {
    const { compiled } = prepared({ set: ['actors.russia.reservation=triangular(0.38, 0.62, 0.7)'] });
    const runs = 1300;
    const batch = { firstRun: 0, runs };
    const ctx = createRunContext(compiled);
    const total = createAggregate(compiled, batch, 0);
    for (const chunk of exploreChunks(runs, 2))
      mergeAggregates(total, simulateRange(ctx, { seed: 'chunks', firstRun: chunk.firstRun, endRun: chunk.endRun, batch }));
    const cli = simulateInProcess(compiled, { seed: 'chunks', runs });
    expect(JSON.stringify(summarize(compiled, total, 'chunks'), null, 2)).toBe(JSON.stringify(summarize(compiled, cli, 'chunks'), null, 2));
  });
});

describe('the controls', () => {
  const { scenario } = prepared({});
  const controls = explorerControls(scenario);

  it('one per settable path, with the parameter’s label, source and range', () => {
    const russia = controls.find((c) => c.path === 'actors.russia.reservation')!;
    expect(russia.group).toBe(scenario.actors.russia.label);
    expect(russia.label).toBe("Russia's resolve (fallback)");
    expect(russia.source).toMatch(/^¶14/);
    expect(russia.input).toEqual({ kind: 'distribution', range: { min: -1, max: 1 }, words: [] });
    expect(controls.find((c) => c.path === 'actors.russia.concession')!.input).toEqual({ kind: 'choice' }); // a choice of styles
    expect(controls.find((c) => c.path === 'negotiation.proposers')!.input).toEqual({ kind: 'choice' });
    expect(controls.find((c) => c.path === 'actors.us.concession')!.input).toMatchObject({ kind: 'distribution', words: ['boulware', 'linear', 'conceder'] });
    expect(controls.find((c) => c.path === 'negotiation.rounds')!.input).toEqual({
      kind: 'word',
      words: ['none'],
      number: { min: 1, max: 10000, integer: true },
    });
    expect(controls.find((c) => c.path === 'negotiation.mediator')!.input).toEqual({ kind: 'word', words: ['neutral', ...Object.keys(scenario.actors)] });
    expect(prepared({ set: ['negotiation.mediator=us'] }).scenario.negotiation.mediator).toBe('us');
    expect(controls.find((c) => c.path === 'vetoPlayers')!.input).toEqual({ kind: 'actors', actors: Object.keys(scenario.actors) });
    expect(controls.find((c) => c.path === 'issues.nato.options.membership.consent')!.input.kind).toBe('actors');
    expect(controls.find((c) => c.path === 'negotiation.roundLength')!.input).toEqual({ kind: 'duration', units: ['day', 'week', 'month', 'year'] });
    // What the duration editor writes is what --set reads.
    expect(prepared({ set: ['negotiation.roundLength=3 weeks'] }).scenario.negotiation.roundLength).toEqual({ value: 3, unit: 'week' });
    expect(controls.find((c) => c.path === 'negotiation.protocol')!.input).toMatchObject({
      kind: 'word',
      words: expect.arrayContaining(['alternating-offers', 'nash']),
    });
    expect(controls.find((c) => c.path === 'actors.us.salience.nato')!.rebalances).toBe(true);
    expect(new Set(controls.map((c) => c.path)).size).toBe(controls.length);
  });

  it('a distribution control writes back the file’s value, and every type it switches to is a valid model', () => {
    const distributions = controls.filter((c) => c.input.kind === 'distribution' && editOf(c.value) !== undefined);
    expect(distributions.length).toBeGreaterThan(50);
    const edits = distributions.map((control) => ({ control, edit: editOf(control.value)!, range: (control.input as { range: ParamRange }).range }));
    // All at once (one model each: preparing the model is what takes the time here).
    const unchanged = prepared({ set: edits.map(({ control, edit }) => `${control.path}=${editText(edit)}`) });
    for (const { control, edit } of edits) expect(editOf(valueAt(unchanged.scenario, control.path)), control.path).toEqual(edit);
    // Switched: every parameter but the saliences at once (a salience's mean may move, and an actor's
    // weights must keep their sum), then one salience alone.
    const salience = edits.find(({ control }) => control.rebalances)!;
    for (const dist of PICKED_DISTRIBUTIONS) {
      const lines = (list: typeof edits) =>
        list.map(({ control, edit, range }) => {
          const switched = switchDistribution(edit, dist, range);
          expect(Object.keys(switched.fields)).toEqual(distributionFields(dist));
          return `${control.path}${control.rebalances ? '~=' : '='}${editText(switched)}`;
        });
      for (const set of [lines(edits.filter(({ control }) => !control.rebalances)), lines([salience])]) {
        const result = prepareModelText(TEXT, FILE, { set });
        expect(result.ok ? [] : result.problems.map((p) => `${p.path.join('.')}: ${p.message}`), dist).toEqual([]);
      }
    }
  });
});

function valueAt(scenario: unknown, path: string): unknown {
  const parts = parseFieldPath(path);
  if (typeof parts === 'string') throw new Error(parts);
  return parts.reduce<unknown>((x, part) => (x as Record<string | number, unknown>)[part], scenario);
}

describe('a choice control', () => {
  it('sets one probability and rescales the others, keeping their ratios and the sum 1', () => {
    const choice = rescaleChoice({ 'us-leads': 0.6, 'russia-leads': 0.2, 'ukraine-leads': 0.2 }, 'russia-leads', 0.5);
    expect(choice['russia-leads']).toBe(0.5);
    expect(choice['us-leads'] / choice['ukraine-leads']).toBeCloseTo(3, 9);
    expect(Object.values(choice).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(rescaleChoice({ a: 1, b: 0, c: 0 }, 'a', 0.4)).toEqual({ a: 0.4, b: 0.3, c: 0.3 });
  });

  it('writes what --set reads: the proposers with their orders kept', () => {
    const { scenario } = prepared({});
    const proposers = explorerControls(scenario).find((c) => c.path === 'negotiation.proposers')!;
    const choice = rescaleChoice((proposers.value as { choice: Record<string, number> }).choice, 'ukraine-leads', 0.5);
    const edited = prepared({ set: [`negotiation.proposers=${choiceText(proposers.value, choice)}`] }).scenario.negotiation.proposers as unknown as {
      choice: Record<string, number>;
      orders: unknown;
    };
    expect(edited.choice).toEqual(choice);
    expect(edited.orders).toEqual((proposers.value as { orders: unknown }).orders);
    // A concession style drawn from a choice (a distribution of kind choice).
    const style = explorerControls(scenario).find((c) => c.path === 'actors.russia.concession')!;
    const styles = rescaleChoice((style.value as { choice: Record<string, number> }).choice, 'linear', 0.5);
    expect(
      (prepared({ set: [`actors.russia.concession=${choiceText(style.value, styles)}`] }).scenario.actors.russia.concession as unknown as { choice: unknown })
        .choice,
    ).toEqual(styles);
  });
});

describe('Export', () => {
  const state: ExplorerState = {
    set: [
      'actors.russia.reservation=triangular(0.38, 0.62, 0.7)',
      'actors.us.salience.nato~=0.2',
      'vetoPlayers=[ukraine, russia, us]',
      'actors.russia.concession={choice: {boulware: 0.5, linear: 0.5}}',
    ],
    variant: null,
    seed: 'x y',
    runs: 300,
  };

  it('the command line quotes each --set line as one word', () => {
    const line = runCommandLine(FILE, state);
    expect(line).toBe(
      `parley run ${FILE} --runs 300 --seed 'x y' --set 'actors.russia.reservation=triangular(0.38, 0.62, 0.7)' --set 'actors.us.salience.nato~=0.2' --set 'vetoPlayers=[ukraine, russia, us]' --set 'actors.russia.concession={choice: {boulware: 0.5, linear: 0.5}}'`,
    );
    // Read back as a POSIX shell splits it: every quoted line is one argument, as typed.
    const words = [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => (m[1] as string | undefined) ?? m[2]);
    expect(words.filter((_, k) => words[k - 1] === '--set')).toEqual(state.set);
  });

  it('the variants: entry, pasted into the model, gives the scenario the --set lines give', () => {
    const entry = variantEntry('explored', state);
    expect(entry.startsWith('variants:\n  explored:\n')).toBe(true);
    // As a user pastes it (into the variants: section there is), and as Export's edited model has it.
    const pasted = TEXT.replace(/^variants:\n/m, entry);
    expect(modelWithVariant(TEXT, 'explored', state)).toBe(pasted);
    const withoutVariants = TEXT.slice(0, TEXT.search(/^variants:/m));
    expect(modelWithVariant(withoutVariants, 'explored', state)).toBe(`${withoutVariants.trimEnd()}\n\n${entry}`);
    const fromVariant = prepared({ variant: 'explored' }, pasted);
    const fromLines = prepared({ set: state.set });
    expect(fromVariant.scenario.actors).toEqual(fromLines.scenario.actors);
    expect(fromVariant.scenario.vetoPlayers).toEqual(fromLines.scenario.vetoPlayers);
    expect(fromVariant.rebalanced).toEqual(fromLines.rebalanced);
    expect(fromVariant.rebalanced).toHaveLength(1);
  });

  it('splits a line into its path, its value and whether it rescales', () => {
    expect(splitLine('actors.us.salience.nato~=0.2')).toEqual({ path: 'actors.us.salience.nato', value: '0.2', rebalance: true });
    expect(splitLine('a.b=x=y')).toEqual({ path: 'a.b', value: 'x=y', rebalance: false });
    expect(splitLine('no-equals')).toBeUndefined();
  });
});

/**
 * A stand-in for a Web Worker that runs the worker's own message handler (explore-worker.ts's
 * logic through the core) only when the test says, so replies can arrive late and out of order.
 */
class SteppedWorker {
  onmessage: ((event: MessageEvent<FromExploreWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  private inbox: ToExploreWorker[] = [];
  private ctx: { id: number; ctx: ReturnType<typeof createRunContext>; seed: string; batch: { firstRun: number; runs: number } } | undefined;
  postMessage(message: ToExploreWorker): void {
    this.inbox.push(message);
  }
  get pending(): number {
    return this.inbox.length;
  }
  /** Handles the next message; a chunk's reply goes to the page. */
  step(): void {
    const message = this.inbox.shift()!;
    if (message.type === 'batch') {
      this.ctx = { id: message.id, ctx: createRunContext(message.compiled), seed: message.seed, batch: message.batch };
      return;
    }
    const c = this.ctx!;
    const aggregate = simulateRange(c.ctx, { seed: c.seed, firstRun: message.chunk.firstRun, endRun: message.chunk.endRun, batch: c.batch });
    this.onmessage!({ data: { type: 'done', id: message.id, chunk: message.chunk, aggregate } } as MessageEvent<FromExploreWorker>);
  }
}

describe('a batch over the page’s workers', () => {
  it('merges chunks that come back out of order, and a new batch drops the old one’s replies', () => {
    const { compiled } = prepared({});
    const [a, b] = [new SteppedWorker(), new SteppedWorker()];
    const pool = new PageWorkers([a, b] as unknown as Worker[]);
    const events: string[] = [];
    const results: string[] = [];
    const listener = (name: string) => ({
      progress: (_: unknown, runsDone: number) => events.push(`${name} ${runsDone}`),
      done: (aggregate: Parameters<typeof summarize>[1]) => results.push(`${name} ${JSON.stringify(summarize(compiled, aggregate, 'pool'))}`),
      failed: (message: string) => events.push(`${name} failed ${message}`),
    });
    pool.start({ compiled, seed: 'pool', runs: 600 }, listener('first'));
    // b's chunk [100, 200) comes back before a's [0, 100): nothing can be shown until a's arrives.
    b.step(); // setup
    b.step(); // [100, 200)
    expect(events).toEqual([]);
    a.step();
    a.step(); // [0, 100): runs [0, 200) are merged
    expect(events).toEqual(['first 200']);
    // A change: the second batch starts while each worker still holds a chunk of the first.
    pool.start({ compiled, seed: 'pool', runs: 700 }, listener('second'));
    while (a.pending + b.pending > 0) {
      if (a.pending > 0) a.step();
      if (b.pending > 0) b.step();
    }
    expect(events.filter((e) => e.startsWith('first'))).toEqual(['first 200']);
    expect(results).toHaveLength(1);
    expect(results[0]).toBe(`second ${JSON.stringify(summarize(compiled, simulateInProcess(compiled, { seed: 'pool', runs: 700 }), 'pool'))}`);
  });
});
