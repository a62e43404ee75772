/**
 * Output targets and stops. --out that exists, runs under a file, lies on /proc or a read-only
 * file system, or that parley may not write: exit 2 naming --out and what is wrong. A disk that
 * fills while writing: exit 1 in plain words, nothing left. SIGINT, SIGTERM and SIGHUP remove the
 * partial folder; after SIGKILL the partial folder stays, and the next run to that --out and
 * `parley view` explain it and print the command that removes it. Of two runs to one --out, one
 * wins and the other exits 2. Signals, other users and concurrency run parley as a child process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseModel, canMount, expectNothingLeft, expectRefused, freshDir, isRoot, runCli, scratch, spawnParley, waitFor, writeModel } from './harness.ts';

const dir = scratch('out');
chmodSync(dir, 0o755);
const model = writeModel(dir, baseModel());
const mounts: string[] = [];
const mountable = canMount();

function mountTmpfs(name: string, options: string): string {
  const at = freshDir(dir, name);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', at]);
  if (r.status !== 0) throw new Error(`mount failed: ${String(r.stderr)}`);
  mounts.push(at);
  return at;
}

afterAll(() => {
  for (const at of mounts.reverse()) spawnSync('umount', [at]);
});

/** A partial folder as a run leaves it, with the marker of process `pid`. */
function fakePartial(parent: string, name: string, pid: number): string {
  const partial = join(parent, `.${name}.partial`);
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, '.parley-partial.json'), JSON.stringify({ pid, host: hostname(), startedAt: '2026-11-29T00:00:00.000Z', command: 'run' }));
  return partial;
}

/** The id of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('output targets (in this process)', () => {
  it('an --out that exists is never overwritten', async () => {
    const out = freshDir(dir, 'taken');
    writeFileSync(join(out, 'summary.json'), '{"keep": true}');
    const r = await runCli('run', model, '--runs', '10', '--out', out);
    expectRefused(r, 2, /taken already exists; parley never overwrites an earlier run \(choose another --out\)/);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe('{"keep": true}');
  });

  it('an --out that is a file', async () => {
    const out = join(dir, 'a-file');
    writeFileSync(out, 'x');
    expectRefused(await runCli('run', model, '--runs', '10', '--out', out), 2, /a-file already exists/);
    expect(readFileSync(out, 'utf8')).toBe('x');
  });

  it('an --out under a file names the file in the way (it said EEXIST)', async () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'x');
    const out = join(blocker, 'sub', 'run');
    expectRefused(
      await runCli('run', model, '--runs', '10', '--out', out),
      2,
      /--out .*blocker\/sub\/run: .*blocker is a file, not a folder, so nothing can be created under it; choose another --out/,
    );
  });

  it('an --out on /proc', async () => {
    expectRefused(
      await runCli('run', model, '--runs', '10', '--out', '/proc/parley-run'),
      2,
      /--out \/proc\/parley-run: a folder cannot be created there .*\/proc/,
    );
  });

  it('schema --out under a file, init --out that exists', async () => {
    const blocker = join(dir, 'blocker2');
    writeFileSync(blocker, 'x');
    expectRefused(await runCli('schema', '--out', join(blocker, 'schema.json')), 2, /blocker2 is a file, not a folder/);
    expectRefused(await runCli('init', 'border', '--out', model), 2, /already exists; parley init never overwrites a file/);
  });

  it('a partial folder left by a stopped run: explained with the command that removes it, and kept', async () => {
    const parent = freshDir(dir, 'stale');
    const partial = fakePartial(parent, 'run', deadPid());
    const out = join(parent, 'run');
    const r = await runCli('run', model, '--runs', '10', '--out', out);
    expectRefused(
      r,
      2,
      /an unfinished partial folder .*\.run\.partial is in the way, left by a run that was stopped before it finished \(PID \d+/,
      /Remove it with: {2}rm -rf .*\.run\.partial/,
    );
    expect(existsSync(partial)).toBe(true);
    expect(existsSync(out)).toBe(false);
    const view = await runCli('view', '--runs-dir', parent);
    expect(view.code, view.stderr).toBe(0);
    expect(view.stdout).toMatch(/Incomplete: \.run\.partial was left by a run that did not finish .*Remove it with: rm -rf/);
    expect(readFileSync(join(parent, 'index.html'), 'utf8')).toMatch(/<h2>Incomplete<\/h2>[\s\S]*stopped before it finished[\s\S]*rm -rf/);
  });

  it('a partial folder another live process is writing: exit 2, wait or choose another --out', async () => {
    const parent = freshDir(dir, 'busy');
    fakePartial(parent, 'run', process.ppid);
    const r = await runCli('run', model, '--runs', '10', '--out', join(parent, 'run'));
    expectRefused(r, 2, /another parley process \(PID \d+ .*\) is writing this folder now; wait for it to finish or choose another --out/);
  });

  it.skipIf(!mountable)('an --out on a read-only file system (it said ENOENT)', async () => {
    const ro = mountTmpfs('ro', 'ro,size=64k');
    const out = join(ro, 'run');
    expectRefused(
      await runCli('run', model, '--runs', '10', '--out', out),
      2,
      /--out .*ro\/run: the file system there is read-only; choose a folder on a writable disk/,
    );
  });

  it.skipIf(!mountable)('a disk that fills while writing: exit 1 in plain words, the partial folder removed (it was an internal error)', async () => {
    const small = mountTmpfs('small', 'size=256k');
    const out = join(small, 'run');
    const r = await runCli('run', model, '--runs', '50', '--workers', '1', '--out', out);
    expectRefused(r, 1, /parley: cannot write .*: no space left on the device \(ENOSPC\); free some space or choose a folder on another disk/);
    expectNothingLeft(out);
    expect(readdirSync(small)).toEqual([]);
  });

  it.skipIf(!mountable)('parley view on a read-only runs folder says so (exit 1)', async () => {
    const runs = mountTmpfs('ro-runs', 'size=64k');
    mkdirSync(join(runs, 'x'));
    spawnSync('mount', ['-o', 'remount,ro', runs]);
    const r = await runCli('view', '--runs-dir', runs);
    expectRefused(r, 1, /parley: cannot write .*ro-runs\/index\.html: the file system is read-only \(EROFS\).*\(or list another folder with --runs-dir\)/);
  });
});

describe.skipIf(!isRoot)('another user (parley as nobody)', () => {
  it('an --out parley may not write: exit 2, permission denied', async () => {
    const locked = freshDir(dir, 'locked');
    chmodSync(locked, 0o755);
    const out = join(locked, 'run');
    const { done } = spawnParley(['run', model, '--runs', '10', '--out', out], { asUser: 65534 });
    const r = await done;
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--out .*locked\/run: permission denied; choose a folder you can write to/);
    expectNothingLeft(out);
  });

  it('parley view on a runs folder it may not write: exit 1 saying so (it crashed with EACCES)', async () => {
    const runs = freshDir(dir, 'locked-runs');
    chmodSync(runs, 0o755);
    const { done } = spawnParley(['view', '--runs-dir', runs], { asUser: 65534 });
    const r = await done;
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/parley: cannot write .*locked-runs\/index\.html: permission denied \(EACCES\)/);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});

describe('stops', () => {
  const long = ['run', model, '--runs', '2000000', '--workers', '1', '--max-time', '1d'];

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const)('%s stops the workers and removes the partial folder', async (signal, code) => {
    const parent = freshDir(dir, `stop-${signal}`);
    const out = join(parent, 'run');
    const run = spawnParley([...long, '--out', out]);
    // The signal goes as soon as the partial folder appears: its handlers are installed before the
    // folder is made (cli/run-folder.ts), so there is no moment in which the folder exists unguarded.
    await waitFor(() => existsSync(join(parent, '.run.partial')), 30_000, 'the partial folder');
    run.child.kill(signal);
    const r = await run.done;
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(new RegExp(`parley: stopped by ${signal}; the partial folder was removed, nothing was written`));
    expect(readdirSync(parent)).toEqual([]);
  });

  it('after SIGKILL the partial folder stays; the next run to that --out explains it and how to remove it', async () => {
    const parent = freshDir(dir, 'killed');
    const out = join(parent, 'run');
    const run = spawnParley([...long, '--out', out]);
    await waitFor(() => existsSync(join(parent, '.run.partial', '.parley-partial.json')), 30_000, 'the partial folder');
    run.child.kill('SIGKILL');
    await run.done;
    expect(readdirSync(parent)).toEqual(['.run.partial']);
    const again = await runCli('run', model, '--runs', '10', '--out', out);
    expectRefused(again, 2, /left by a run that was stopped before it finished \(PID \d+/, /rm -rf .*\.run\.partial/);
  });

  it('two runs to one --out: one wins, the other exits 2 at once with a clear message', async () => {
    const parent = freshDir(dir, 'race');
    const out = join(parent, 'run');
    const first = spawnParley(['run', model, '--runs', '30000', '--workers', '1', '--no-charts', '--out', out]);
    await waitFor(() => existsSync(join(parent, '.run.partial', '.parley-partial.json')), 30_000, 'the first run to start');
    const second = await runCli('run', model, '--runs', '30000', '--workers', '1', '--out', out);
    expectRefused(second, 2, /--out .*race\/run: another parley process \(PID \d+ .*\) is writing this folder now/);
    const r = await first.done;
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(parent)).toEqual(['run']);
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
    expect(existsSync(join(out, '.parley-partial.json'))).toBe(false);
  });
});
