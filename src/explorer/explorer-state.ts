/**
 * What the explorer page explores, as data: the `--set` lines, the variant, the seed and the runs —
 * exactly what `parley run` takes, so that "Export" is this state written out and the CLI gives the
 * same numbers. It lives in the page's address (the fragment after "#"), so a page can be reloaded
 * or shared: `#runs=2000&seed=1&variant=us-backstops&set=actors.russia.reservation.mode%3D0.6`.
 *
 * Reading an address never throws: what cannot be read is reported as a problem (with the part of
 * the address it came from) and left at its default; `--set` lines are checked later, with the
 * model, like the command line's.
 */
import { thousands } from '../format/numbers.ts';

export interface ExplorerState {
  /** `--set` lines (PATH=VALUE, or PATH~=W for a salience whose actor's other weights are rescaled), in the order they apply. */
  set: string[];
  /** The model's variant applied before the lines, or null for none. */
  variant: string | null;
  /** The master seed: run i draws from "seed/i". */
  seed: string;
  runs: number;
}

/** Runs in the page unless the address or the command line says otherwise: a batch of about a second on two cores. */
export const DEFAULT_EXPLORE_RUNS = 2000;
/** The largest batch the page runs (the CLI takes up to 2^30; a browser tab is not the place for that). */
export const MAX_EXPLORE_RUNS = 1_000_000;

export interface ReadState {
  state: ExplorerState;
  /** What in the address was not understood, in words (empty: all of it was). */
  problems: string[];
}

/** The state as an address fragment, "#…" (keys in a fixed order, so equal states give equal addresses). */
export function stateToHash(state: ExplorerState): string {
  const params = new URLSearchParams();
  params.set('runs', String(state.runs));
  params.set('seed', state.seed);
  if (state.variant !== null) params.set('variant', state.variant);
  for (const line of state.set) params.append('set', line);
  return `#${params.toString()}`;
}

/** A whole number of runs from 1 to MAX_EXPLORE_RUNS, or why not. */
export function runsProblem(text: string): string | null {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) return `expected a positive whole number of runs, got "${text}"`;
  if (n > MAX_EXPLORE_RUNS) return `expected at most ${thousands(MAX_EXPLORE_RUNS)} runs in the page, got ${text} (use parley run for more)`;
  return null;
}

/** The state an address fragment holds, starting from `defaults` (the command line's); unknown keys and bad values are problems. */
export function stateFromHash(hash: string, defaults: ExplorerState): ReadState {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const state: ExplorerState = { ...defaults, set: [...defaults.set] };
  const problems: string[] = [];
  if (text === '') return { state, problems };
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(text);
  } catch {
    return { state, problems: ['the address after # is not a query (key=value&…); the command line’s settings are used'] };
  }
  const lines: string[] = [];
  for (const [key, value] of params) {
    if (key === 'runs') {
      const problem = runsProblem(value);
      if (problem === null) state.runs = Number(value);
      else problems.push(`runs in the address: ${problem}`);
    } else if (key === 'seed') {
      if (value === '') problems.push('seed in the address: expected some text, got nothing');
      else state.seed = value;
    } else if (key === 'variant') {
      state.variant = value === '' ? null : value;
    } else if (key === 'set') {
      lines.push(value);
    } else {
      problems.push(`unknown key "${key}" in the address (expected runs, seed, variant or set)`);
    }
  }
  // An address the page wrote (it always has runs) is the whole state: what it leaves out is not set.
  if (params.has('runs')) {
    state.set = lines;
    if (!params.has('variant')) state.variant = null;
  } else if (lines.length > 0) {
    state.set = [...state.set, ...lines];
  }
  return { state, problems };
}

/** Whether two states describe the same batch. */
export function sameState(a: ExplorerState, b: ExplorerState): boolean {
  return stateToHash(a) === stateToHash(b);
}
