/**
 * The bad-input corpus's common ground: a scratch folder, a small valid model to break one field
 * at a time, the CLI in this process (helpers/cli.ts) or, where a process is the point, as a
 * child, and the checks every case makes — its exit code, what its message names, and that nothing
 * was left behind (no output folder, no partial folder beside it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { expect } from 'vitest';
import { parley as runCli, type CliResult } from '../helpers/cli.ts';

export { runCli, type CliResult };

export function scratch(name: string): string {
  return mkdtempSync(join(tmpdir(), `parley-bad-${name}-`));
}

/** A small valid model: three actors, a categorical and a continuous issue, every parameter kind. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test breaks the model at a path of its own, in one line
export function baseModel(): Record<string, any> {
  const actor = (label: string, ideal: number, values: [number, number]) => ({
    label,
    capability: 1,
    reservation: 0.3,
    patience: { dist: 'uniform', min: 0.9, max: 0.99 },
    salience: { border: 0.6, guarantee: 0.4 },
    preferences: { border: { ideal }, guarantee: { none: values[0], force: values[1] } },
  });
  return {
    name: 'two-states',
    title: 'Two states and a guarantor',
    negotiation: { rounds: 10, breakdownRisk: { dist: 'uniform', min: 0.01, max: 0.03 } },
    vetoPlayers: ['a', 'b'],
    issues: {
      border: { label: 'Border', kind: 'continuous', range: [0, 1], levels: 5 },
      guarantee: { label: 'Guarantee', kind: 'categorical', options: { none: { label: 'None' }, force: { label: 'Force', consent: ['c'] } } },
    },
    actors: { a: actor('State A', 1, [0, 1]), b: actor('State B', 0, [1, 0]), c: actor('Guarantor', 0.5, [0.2, 0.8]) },
    variants: { patient: { description: 'A is patient', set: { 'actors.a.patience': 0.99 } } },
  };
}

let counter = 0;

/** Writes `text` (or the model as YAML) to a fresh file in `dir` and returns its path. */
export function writeModel(dir: string, model: Record<string, unknown> | string, extension = 'yaml'): string {
  const file = join(dir, `model-${++counter}.${extension}`);
  writeFileSync(file, typeof model === 'string' ? model : stringify(model));
  return file;
}

/** The exit code and every pattern in stderr (and no stack trace unless it is a bug). */
export function expectRefused(result: CliResult, code: number, ...patterns: (RegExp | string)[]): void {
  expect(result.code, `stderr: ${result.stderr}\nstdout: ${result.stdout}`).toBe(code);
  for (const p of patterns) {
    if (typeof p === 'string') expect(result.stderr, result.stderr).toContain(p);
    else expect(result.stderr, result.stderr).toMatch(p);
  }
  expect(result.stderr).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)?\n/);
}

/** Nothing written: `out` does not exist and no partial folder of it is left beside it. */
export function expectNothingLeft(out: string): void {
  expect(existsSync(out)).toBe(false);
  const parent = dirname(out);
  if (existsSync(parent)) expect(readdirSync(parent).filter((f) => f.startsWith(`.${basename(out)}.partial`))).toEqual([]);
}

export function freshDir(parent: string, name: string): string {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const isRoot = process.getuid?.() === 0;

/** Whether this process may mount a tmpfs (root in a namespace that allows it). */
export function canMount(): boolean {
  if (!isRoot) return false;
  const probe = mkdtempSync(join(tmpdir(), 'parley-mount-probe-'));
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
  if (ok) spawnSync('umount', [probe]);
  return ok;
}

/** parley as a child process (for signals, other users, concurrency); resolves when it exits. */
export function spawnParley(args: string[], options: { asUser?: number } = {}) {
  const command = options.asUser === undefined ? process.execPath : 'setpriv';
  const argv =
    options.asUser === undefined
      ? ['bin/parley.mjs', ...args]
      : [`--reuid=${options.asUser}`, `--regid=${options.asUser}`, '--clear-groups', process.execPath, 'bin/parley.mjs', ...args];
  const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += String(c)));
  child.stderr.on('data', (c) => (stderr += String(c)));
  // 'close' comes after the exit and after the pipes have drained: every byte the child wrote is in stdout and stderr.
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done, output: () => ({ stdout, stderr }) };
}

/** Waits until `predicate` holds (polling), or fails after `ms`. */
export async function waitFor(predicate: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
