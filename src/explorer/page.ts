/**
 * The explorer page's script (bundled by scripts/build-explorer.mjs; it imports only parley/core
 * and the page's own modules, and draws with the vega-embed the page inlines). It reads the model
 * and the command line's settings from the page, the state from the address (explorer-state.ts),
 * builds a control per settable path (controls.ts, control-view.ts), and on every change prepares
 * the model with the state's `--set` lines exactly as `parley run` does (prepareModelText), cancels
 * the running batch and starts the new one on the Web Workers (page-batch.ts), redrawing the
 * headline and the main charts as chunks arrive.
 */
import {
  chartBuilders,
  compare,
  COMPARED_OUTCOME_LABELS,
  comparisonChartBuilders,
  describeRebalancing,
  formatProblem,
  outcomeRows,
  parseFieldPath,
  prepareModelText,
  summarize,
  type Aggregate,
  type Comparison,
  type CompiledScenario,
  type Summary,
} from '../core.ts';
import { controlRow, splitLine, type ControlRow } from './control-view.ts';
import { explorerControls } from './controls.ts';
import { runsProblem, sameState, stateFromHash, stateToHash, type ExplorerState } from './explorer-state.ts';
import { modelWithVariant, runCommandLine, variantEntry } from './export-text.ts';
import { PageWorkers } from './page-batch.ts';
import { summaryJsonText, type ExplorerData } from './page-data.ts';
import { thousands } from '../format/numbers.ts';

declare const vegaEmbed: (target: HTMLElement, spec: unknown, options: Record<string, unknown>) => Promise<{ finalize: () => void }>;

/** The charts the page draws as the batch runs: outcome shares, the zone of agreement, agreed terms, time to a deal, actor gains. */
const MAIN_CHARTS = ['outcome-shares', 'zone-of-agreement', 'agreed-terms', 'rounds-to-deal', 'actor-utilities'];
/**
 * While a batch runs, the headline is redrawn at most every HEADLINE_REDRAW_MS and the charts every
 * CHART_REDRAW_MS (the first chunk's and the last are always shown): on two cores this thread
 * shares them with the workers, and every redraw is time the batch waits.
 */
const HEADLINE_REDRAW_MS = 150;
const CHART_REDRAW_MS = 600;
const EMBED_OPTIONS = { renderer: 'svg', ast: true, actions: { export: true, source: false, compiled: false, editor: false } };

const data = JSON.parse(document.getElementById('explorer-data')!.textContent) as ExplorerData;
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the page's own elements, looked up by id: the caller names the element type it created.
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// ---- workers: one per core the browser reports, from the inlined worker script ----
const workerUrl = URL.createObjectURL(new Blob([document.getElementById('explorer-worker')!.textContent], { type: 'text/javascript' }));
const workerCount = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 8));
const workers = new PageWorkers(Array.from({ length: workerCount }, () => new Worker(workerUrl)));

// ---- state ----
const read = stateFromHash(location.hash, data.defaults);
let state: ExplorerState = read.state;
let current: { summary: Summary; state: ExplorerState; final: boolean } | null = null;
let pinned: { summary: Summary; state: ExplorerState } | null = null;
let rows: ControlRow[] = [];
let startedAt = 0;
let firstHeadlineMs: number | null = null;
let lastChartDraw = 0;
let lastHeadline = 0;

/** What scripts and tests can read: the finished batch's summary.json text, the state, timings. */
const api = {
  state: () => state,
  summaryJson: () => (current !== null && current.final ? summaryJsonText(current.summary) : null),
  settled: false,
  firstHeadlineMs: null as number | null,
  batchMs: null as number | null,
  /** Milliseconds from the page's start to its first headline (load to first result). */
  firstResultAt: null as number | null,
  /** Milliseconds the last change spent preparing the model (parse, validate, compile) before its batch started. */
  prepareMs: null as number | null,
  /** Milliseconds of the last batch spent in this thread summarizing the chunks so far, and building and embedding charts (their drawing goes on after). */
  summarizeMs: 0,
  chartsMs: 0,
  workers: workerCount,
  /** The pin against the current result, as `parley compare` computes it (null: nothing pinned). */
  comparison: null as Comparison | null,
};
(window as unknown as { parleyExplorer: typeof api }).parleyExplorer = api;

function show(id: string, text: string): void {
  $(id).textContent = text;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

// ---- controls ----
function buildControls(): void {
  const base = prepareModelText(data.modelText, data.file, { variant: state.variant ?? undefined });
  const box = $('controls');
  box.replaceChildren();
  rows = [];
  if (!base.ok) {
    box.textContent = base.problems.map(formatProblem).join('\n');
    return;
  }
  const groups = new Map<string, HTMLElement>();
  for (const control of explorerControls(base.scenario)) {
    let group = groups.get(control.group);
    if (group === undefined) {
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = control.group;
      details.append(summary);
      details.open = control.group === 'Negotiation';
      box.append(details);
      groups.set(control.group, details);
      group = details;
    }
    const row = controlRow(
      control,
      (line) => {
        edit(control.path, line);
      },
      valueOf,
    );
    group.append(row.element);
    rows.push(row);
  }
  showLines();
}

/** A line's value as the scenario holds it: the base model with that line alone. */
function valueOf(line: string): unknown {
  const prepared = prepareModelText(data.modelText, data.file, { variant: state.variant ?? undefined, set: [line] });
  const split = splitLine(line);
  if (!prepared.ok || split === undefined) return undefined;
  const parts = parseFieldPath(split.path);
  if (typeof parts === 'string') return undefined;
  let value: unknown = prepared.scenario;
  for (const part of parts) value = (value as Record<string | number, unknown> | undefined)?.[part];
  return value;
}

/** Marks the rows the state's lines edit and shows their values. */
function showLines(): void {
  const byPath = new Map(
    state.set.flatMap((line) => {
      const split = splitLine(line);
      return split === undefined ? [] : [[split.path, line] as const];
    }),
  );
  for (const row of rows) {
    const line = byPath.get(row.control.path) ?? null;
    row.show(line);
    // A group with an edit in it (from the address) opens, so the edit shows.
    if (line !== null) row.element.closest('details')!.open = true;
  }
}

/** A control's line replaces that path's line where it stands (or goes, on reset; a new path's goes last). */
function edit(path: string, line: string | null): void {
  const at = state.set.findIndex((l) => splitLine(l)?.path === path);
  const set = [...state.set];
  if (at < 0 && line !== null) set.push(line);
  else if (at >= 0 && line !== null) set[at] = line;
  else if (at >= 0) set.splice(at, 1);
  change({ ...state, set });
}

function change(next: ExplorerState): void {
  // The same settings again (a field that loses focus after its edit fires "change" once more): the batch goes on.
  if (sameState(next, state)) return;
  state = next;
  history.replaceState(null, '', stateToHash(state));
  run();
}

// ---- a batch ----
function run(): void {
  const changedAt = performance.now();
  startedAt = changedAt;
  api.settled = false;
  // The result shown is the last batch's until the new one's first chunk; it is no longer the state's.
  current = null;
  api.summarizeMs = 0;
  api.chartsMs = 0;
  $<HTMLElement>('problems').textContent = '';
  const prepared = prepareModelText(data.modelText, data.file, { variant: state.variant ?? undefined, set: state.set });
  if (!prepared.ok) {
    workers.cancel();
    show('problems', prepared.problems.map(formatProblem).join('\n'));
    show('status', 'not run: fix the settings above');
    api.settled = true;
    return;
  }
  // A salience set with ~= rescaled the actor's other weights: say by how much.
  show('rebalanced', prepared.rebalanced.map((r) => `Rebalanced ${describeRebalancing(r)}`).join('\n'));
  const compiled = prepared.compiled;
  api.prepareMs = performance.now() - changedAt;
  firstHeadlineMs = null;
  lastChartDraw = 0;
  show('status', `running ${thousands(state.runs)} runs on ${workerCount} worker${workerCount === 1 ? '' : 's'}…`);
  workers.start(
    { compiled, seed: state.seed, runs: state.runs },
    {
      progress: (aggregate, runsDone) => {
        if (firstHeadlineMs === null || performance.now() - lastHeadline >= HEADLINE_REDRAW_MS) update(compiled, aggregate, runsDone, false);
      },
      done: (aggregate) => {
        update(compiled, aggregate, state.runs, true);
      },
      failed: (message) => {
        show('problems', message);
        show('status', 'failed');
        api.settled = true;
      },
    },
  );
}

function update(compiled: CompiledScenario, aggregate: Aggregate, runsDone: number, final: boolean): void {
  const began = performance.now();
  lastHeadline = began;
  const summary = summarize(compiled, aggregate, state.seed);
  api.summarizeMs += performance.now() - began;
  current = { summary, state, final };
  const elapsed = performance.now() - startedAt;
  if (firstHeadlineMs === null) {
    firstHeadlineMs = elapsed;
    api.firstHeadlineMs = elapsed;
    api.firstResultAt ??= performance.now();
  }
  drawHeadline(summary);
  drawComparison(summary, final);
  if (final || elapsed - lastChartDraw >= CHART_REDRAW_MS) {
    lastChartDraw = elapsed;
    const drawing = performance.now();
    drawCharts(summary);
    api.chartsMs += performance.now() - drawing;
  }
  show(
    'status',
    final
      ? `${thousands(runsDone)} runs in ${(elapsed / 1000).toFixed(2)} s on ${workerCount} worker${workerCount === 1 ? '' : 's'} (first headline after ${(firstHeadlineMs / 1000).toFixed(2)} s)`
      : `${thousands(runsDone)} of ${thousands(state.runs)} runs…`,
  );
  if (final) {
    api.batchMs = elapsed;
    api.settled = true;
    $<HTMLButtonElement>('save').disabled = !data.served;
  }
}

function drawHeadline(summary: Summary): void {
  const table = document.createElement('table');
  table.innerHTML = '<thead><tr><th></th><th class="num">share</th><th class="num">95% interval</th><th class="num">runs</th></tr></thead>';
  const body = document.createElement('tbody');
  for (const [label, p] of outcomeRows(summary)) {
    const tr = document.createElement('tr');
    for (const [text, num] of [
      [label, false],
      [pct(p.share), true],
      [`${pct(p.low)}–${pct(p.high)}`, true],
      [thousands(p.count), true],
    ] as const) {
      const td = document.createElement('td');
      td.textContent = text;
      if (num) td.className = 'num';
      tr.append(td);
    }
    tr.dataset.outcome = label;
    body.append(tr);
  }
  table.append(body);
  $('headline').replaceChildren(table);
  show('runs-done', `${thousands(summary.runs)} runs, seed ${summary.seed}`);
}

const views = new Map<string, { finalize: () => void }>();
const latestDrawing = new Map<string, number>();
let chartDrawings = 0;
function drawCharts(summary: Summary): void {
  for (const builder of chartBuilders.filter((b) => MAIN_CHARTS.includes(b.name))) {
    let target = document.getElementById(`chart-${builder.name}`);
    if (target === null) {
      const section = document.createElement('section');
      section.className = 'chart';
      section.title = builder.description;
      target = document.createElement('div');
      target.id = `chart-${builder.name}`;
      section.append(target);
      $('charts').append(section);
    }
    let spec: unknown;
    try {
      spec = builder.build(summary);
    } catch (e) {
      target.textContent = `This chart could not be drawn: ${(e as Error).message}`;
      continue;
    }
    // Drawn aside and swapped in when done (no blank chart meanwhile); a drawing overtaken by a newer one is dropped.
    const into = target;
    const holder = document.createElement('div');
    const mine = ++chartDrawings;
    latestDrawing.set(builder.name, mine);
    vegaEmbed(holder, spec, EMBED_OPTIONS)
      .then((view) => {
        if (latestDrawing.get(builder.name) !== mine) {
          view.finalize();
          return;
        }
        into.replaceChildren(holder);
        views.get(builder.name)?.finalize();
        views.set(builder.name, view);
      })
      .catch((error: unknown) => {
        into.textContent = `This chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
      });
  }
}

// ---- pin and compare (compareSummaries, as `parley compare`) ----
function drawComparison(summary: Summary | null, final = false): void {
  const box = $('comparison');
  api.comparison = null;
  if (pinned === null || summary === null) {
    box.replaceChildren();
    return;
  }
  const comparison = compare([
    { label: 'pinned', folder: 'pinned', summary: pinned.summary },
    { label: 'now', folder: 'now', summary },
  ]);
  api.comparison = comparison;
  const table = document.createElement('table');
  table.innerHTML =
    '<thead><tr><th>outcome</th><th class="num">pinned</th><th class="num">now</th><th class="num">difference</th><th class="num">95% interval</th></tr></thead>';
  const body = document.createElement('tbody');
  const base = new Map(comparison.outcomes.filter((o) => o.batch === 'pinned').map((o) => [o.outcome, o.share]));
  for (const o of comparison.outcomes.filter((x) => x.batch === 'now')) {
    const d = o.vsBaseline!;
    const tr = document.createElement('tr');
    tr.dataset.outcome = o.outcome;
    const cells = [
      COMPARED_OUTCOME_LABELS[o.outcome],
      pct(base.get(o.outcome)!.share),
      pct(o.share.share),
      `${d.estimate >= 0 ? '+' : ''}${(100 * d.estimate).toFixed(1)} pts`,
      `${(100 * d.low).toFixed(1)} to ${(100 * d.high).toFixed(1)}${d.beyondMonteCarloError ? '' : ' (within MC error)'}`,
    ];
    cells.forEach((text, k) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (k > 0) td.className = 'num';
      tr.append(td);
    });
    body.append(tr);
  }
  table.append(body);
  const note = document.createElement('p');
  note.textContent = comparison.commonRandomNumbers
    ? comparison.outcomes.some((o) => o.vsBaseline?.method === 'paired')
      ? 'Same seed and runs as the pin (common random numbers): the deal row’s interval is paired run by run; the other rows treat the batches as independent, which usually overstates their error.'
      : 'Same seed and runs as the pin: common random numbers.'
    : 'The seed or the runs differ from the pin: the batches are independent.';
  box.replaceChildren(table, note);
  if (final) {
    // The chart `parley compare` draws for the same two batches.
    const chart = document.createElement('div');
    chart.className = 'chart';
    box.append(chart);
    const builder = comparisonChartBuilders.find((b) => b.name === 'compare-outcomes')!;
    vegaEmbed(chart, builder.build(comparison), EMBED_OPTIONS).catch((error: unknown) => {
      chart.textContent = `This chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
    });
  }
}

// ---- the top bar ----
function setUp(): void {
  show('title', `parley explore · ${data.title}`);
  const runs = $<HTMLInputElement>('runs');
  const seed = $<HTMLInputElement>('seed');
  const variant = $<HTMLSelectElement>('variant');
  runs.value = String(state.runs);
  seed.value = state.seed;
  for (const name of ['', ...data.variants]) {
    const option = document.createElement('option');
    option.value = name;
    option.textContent = name === '' ? '(the model as written)' : name;
    variant.append(option);
  }
  variant.value = state.variant ?? '';
  runs.addEventListener('change', () => {
    const problem = runsProblem(runs.value);
    if (problem !== null) {
      show('problems', `runs: ${problem}`);
      return;
    }
    change({ ...state, runs: Number(runs.value) });
  });
  seed.addEventListener('change', () => {
    if (seed.value === '') {
      show('problems', 'seed: expected some text');
      return;
    }
    change({ ...state, seed: seed.value });
  });
  variant.addEventListener('change', () => {
    // Another variant is another starting point: its controls, and no lines yet.
    change({ ...state, variant: variant.value === '' ? null : variant.value, set: [] });
    buildControls();
  });
  $('reset-all').addEventListener('click', () => {
    change({ ...state, set: [] });
    showLines();
  });
  $('pin').addEventListener('click', () => {
    if (current === null || !current.final) {
      show('problems', 'pin: wait for the batch to finish');
      return;
    }
    pinned = { summary: current.summary, state: current.state };
    show(
      'pinned',
      `pinned: ${pinned.state.set.length} change${pinned.state.set.length === 1 ? '' : 's'}, ${thousands(pinned.summary.runs)} runs, seed ${pinned.summary.seed}`,
    );
    drawComparison(current.summary, true);
  });
  $('unpin').addEventListener('click', () => {
    pinned = null;
    show('pinned', '');
    drawComparison(null);
  });
  $('export').addEventListener('click', () => {
    // A variant name the model does not use yet.
    let name = 'explored';
    for (let k = 2; data.variants.includes(name); k++) name = `explored-${k}`;
    $<HTMLTextAreaElement>('export-set').value = runCommandLine(data.file, state);
    $<HTMLTextAreaElement>('export-variant').value = variantEntry(name, state);
    const model = $<HTMLAnchorElement>('export-model');
    model.href = URL.createObjectURL(new Blob([modelWithVariant(data.modelText, name, state)], { type: 'text/yaml' }));
    model.download = data.file
      .split(/[\\/]/)
      .pop()!
      .replace(/(\.ya?ml|\.json)?$/i, `-${name}.yaml`);
    show('export-model-name', name);
    const json = api.summaryJson();
    const link = $<HTMLAnchorElement>('export-summary');
    link.toggleAttribute('hidden', json === null);
    if (json !== null) link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    $('export-box').hidden = false;
  });
  const save = $<HTMLButtonElement>('save');
  save.hidden = !data.served;
  save.addEventListener('click', () => {
    save.disabled = true;
    fetch('save', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: data.saveToken, state }) })
      .then(async (response) => {
        show('saved', (await response.text()).trim());
      })
      .catch((e: unknown) => {
        show('saved', `not saved: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        save.disabled = false;
      });
  });
  if (read.problems.length > 0) show('problems', read.problems.join('\n'));
}

setUp();
buildControls();
run();
