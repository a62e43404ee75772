/**
 * V8's code cache on disk (src/charts/code-cache.ts): where it lives, what its files are called and
 * who may read them, which are removed, and that a damaged file is no cache. Within one process V8
 * answers a second compilation of the same text from its own in-memory cache without looking at
 * the cache given, so whether V8 takes or refuses a cache is tested across processes, from the
 * built package (test/e2e/code-cache.test.ts).
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCacheFolder, runCachedScript } from '../src/charts/code-cache.ts';

/** A script whose value is a function with work in it, so that running it compiles more than the top level. */
function script(constant: number): string {
  return `(function () {
  function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
  function table(k) { const out = []; for (let i = 0; i < k; i++) out.push(fib(i % 15) * ${constant}); return out; }
  return (k) => table(k).reduce((a, b) => a + b, 0);
})()`;
}

/** The sum the script's function computes, by the formula and not by the script. */
function expected(constant: number, k: number): number {
  const fib = (n: number): number => (n < 2 ? n : fib(n - 1) + fib(n - 2));
  let sum = 0;
  for (let i = 0; i < k; i++) sum += fib(i % 15) * constant;
  return sum;
}

const folder = () => mkdtempSync(join(tmpdir(), 'parley-code-cache-'));

describe('the code cache', () => {
  it('is written after the work with its digest, for the user alone, and not written again once taken', () => {
    const dir = folder();
    const first = runCachedScript(script(3), { path: '/virtual/work.js', folder: dir });
    expect(first.cacheUsed).toBe(false);
    expect((first.value as (k: number) => number)(100)).toBe(expected(3, 100));
    expect(first.save()).toBe(true);
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^work\.js-[0-9a-f]{16}-[0-9a-f]{8}\.v8cache$/);
    expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o077).toBe(0);

    const second = runCachedScript(script(3), { path: '/virtual/work.js', folder: dir });
    expect(second.cacheUsed).toBe(true);
    expect((second.value as (k: number) => number)(100)).toBe(expected(3, 100));
    // A cache that was taken is not written again.
    const before = readFileSync(join(dir, file));
    expect(second.save()).toBe(false);
    expect(readFileSync(join(dir, file)).equals(before)).toBe(true);
  });

  it('is never taken by another text of the same length; the caches of another build go once unused for a week', () => {
    const dir = folder();
    expect(script(3).length).toBe(script(4).length);
    runCachedScript(script(3), { path: '/virtual/work.js', folder: dir }).save();
    const [first] = readdirSync(dir);
    const other = runCachedScript(script(4), { path: '/virtual/work.js', folder: dir });
    expect(other.cacheUsed).toBe(false);
    expect((other.value as (k: number) => number)(50)).toBe(expected(4, 50));
    expect(other.save()).toBe(true);
    // Both builds may be in use (two installs): the first build's cache stays while it is recent.
    expect(readdirSync(dir)).toHaveLength(2);
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    utimesSync(join(dir, first), eightDaysAgo, eightDaysAgo);
    // A temporary file a process left when it died, and one being written now.
    writeFileSync(join(dir, `${first}.partial-1-abc`), 'x');
    utimesSync(join(dir, `${first}.partial-1-abc`), eightDaysAgo, eightDaysAgo);
    writeFileSync(join(dir, `${first}.partial-2-def`), 'x');
    expect(runCachedScript(script(4), { path: '/virtual/work.js', folder: dir, use: 'again' }).save()).toBe(true);
    const left = readdirSync(dir);
    expect(left).not.toContain(first);
    expect(left).not.toContain(`${first}.partial-1-abc`);
    expect(left).toContain(`${first}.partial-2-def`);
    expect(left.filter((name) => name.endsWith('.v8cache'))).toHaveLength(2);
    expect(runCachedScript(script(4), { path: '/virtual/work.js', folder: dir }).cacheUsed).toBe(true);
  });

  it('keeps one cache per use of the same script', () => {
    const dir = folder();
    runCachedScript(script(5), { path: '/virtual/cli.cjs', folder: dir, use: 'run' }).save();
    runCachedScript(script(5), { path: '/virtual/cli.cjs', folder: dir, use: 'validate' }).save();
    expect(readdirSync(dir).sort()).toEqual([expect.stringMatching(/-run\.v8cache$/), expect.stringMatching(/-validate\.v8cache$/)]);
    expect(runCachedScript(script(5), { path: '/virtual/cli.cjs', folder: dir, use: 'run' }).cacheUsed).toBe(true);
  });

  it('takes a file whose bytes do not match their digest as no cache, and makes it again', () => {
    const dir = folder();
    runCachedScript(script(6), { path: '/virtual/work.js', folder: dir }).save();
    const [file] = readdirSync(dir);
    const bytes = readFileSync(join(dir, file));
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 5] ^= 0xff;
    for (const damaged of [flipped, bytes.subarray(0, bytes.length >> 1), Buffer.alloc(0), Buffer.alloc(bytes.length, 0x5a)]) {
      writeFileSync(join(dir, file), damaged);
      const run = runCachedScript(script(6), { path: '/virtual/work.js', folder: dir });
      expect(run.cacheUsed).toBe(false);
      expect((run.value as (k: number) => number)(40)).toBe(expected(6, 40));
      expect(run.save()).toBe(true);
      expect(readFileSync(join(dir, file)).length).toBeGreaterThan(32);
      expect(runCachedScript(script(6), { path: '/virtual/work.js', folder: dir }).cacheUsed).toBe(true);
    }
  });

  it('is skipped in silence where it cannot be written, and not used at all without a folder', () => {
    const dir = folder();
    const aFile = join(dir, 'a-file');
    writeFileSync(aFile, 'not a folder');
    const blocked = runCachedScript(script(7), { path: '/virtual/work.js', folder: aFile });
    expect((blocked.value as (k: number) => number)(10)).toBe(expected(7, 10));
    expect(blocked.save()).toBe(false);
    const under = runCachedScript(script(7), { path: '/virtual/work.js', folder: join(aFile, 'inside') });
    expect(under.save()).toBe(false);
    const none = runCachedScript(script(7), { path: '/virtual/work.js', folder: undefined });
    expect(none.cacheUsed).toBe(false);
    expect(none.save()).toBe(false);
  });

  it('is not read from a folder or file that others may write to, or through a symbolic link', () => {
    const dir = folder();
    runCachedScript(script(8), { path: '/virtual/work.js', folder: dir }).save();
    const [file] = readdirSync(dir);
    const taken = () => runCachedScript(script(8), { path: '/virtual/work.js', folder: dir }).cacheUsed;
    expect(taken()).toBe(true);
    chmodSync(dir, 0o777);
    expect(taken()).toBe(false);
    chmodSync(dir, 0o700);
    chmodSync(join(dir, file), 0o666);
    expect(taken()).toBe(false);
    chmodSync(join(dir, file), 0o600);
    expect(taken()).toBe(true);
    const linked = folder();
    symlinkSync(join(dir, file), join(linked, file));
    expect(runCachedScript(script(8), { path: '/virtual/work.js', folder: linked }).cacheUsed).toBe(false);
  });

  it('lives where the environment says: PARLEY_CACHE_DIR, XDG_CACHE_HOME, then ~/.cache; off when PARLEY_CACHE_DIR is empty', () => {
    expect(codeCacheFolder({ PARLEY_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' })).toBe('/c');
    expect(codeCacheFolder({ PARLEY_CACHE_DIR: 'relative' })).toBe(join(process.cwd(), 'relative'));
    expect(codeCacheFolder({ PARLEY_CACHE_DIR: '', XDG_CACHE_HOME: '/x' })).toBeUndefined();
    expect(codeCacheFolder({ PARLEY_CACHE_DIR: '  ' })).toBeUndefined();
    expect(codeCacheFolder({ XDG_CACHE_HOME: '/x' })).toBe(join('/x', 'parley'));
    expect(codeCacheFolder({ XDG_CACHE_HOME: '' })).toMatch(/[\\/]\.cache[\\/]parley$/);
  });
});
