/**
 * V8's code cache (src/charts/code-cache.ts) across processes, from the built package: the command
 * line and Vega's files leave their caches after a command, the next command takes them without
 * writing them again and draws the same bytes, a cache made under other V8 flags is refused and made
 * again, and PARLEY_CACHE_DIR set empty writes nothing anywhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'parley-code-cache-e2e-'));

/** `parley ARGS…` with the cache in `cache` ('' turns it off) and a home of its own. */
function parley(cache: string, home: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', PARLEY_CACHE_DIR: cache, HOME: home };
  delete env.XDG_CACHE_HOME;
  return spawnSync(process.execPath, ['bin/parley.mjs', ...args], { encoding: 'utf8', env, timeout: 60_000 });
}

/** Each file of the folder (name → bytes). */
function files(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))]));
}

describe('the code cache, from dist/', () => {
  it('is left by a run and taken by the next, which writes it again nowhere and draws the same bytes', () => {
    const cache = join(work, 'cache');
    const home = mkdtempSync(join(work, 'home-'));
    const first = parley(cache, home, 'run', '--runs', '200', '--seed', 'cache', '--out', join(work, 'first'));
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const names = readdirSync(cache).sort();
    expect(names).toEqual([
      expect.stringMatching(/^parley\.cjs-[0-9a-f]{16}-[0-9a-f]{8}-run\.v8cache$/),
      expect.stringMatching(/^vega-lite\.min\.js-[0-9a-f]{16}-[0-9a-f]{8}\.v8cache$/),
      expect.stringMatching(/^vega\.min\.js-[0-9a-f]{16}-[0-9a-f]{8}\.v8cache$/),
    ]);
    const written = new Map(names.map((name) => [name, statSync(join(cache, name)).mtimeMs]));

    const second = parley(cache, home, 'run', '--runs', '200', '--seed', 'cache', '--out', join(work, 'second'));
    expect(second.status).toBe(0);
    // Taken, so not written again.
    for (const [name, mtime] of written) expect(statSync(join(cache, name)).mtimeMs).toBe(mtime);
    expect(readFileSync(join(work, 'second/summary.json'))).toEqual(readFileSync(join(work, 'first/summary.json')));
    const [drawnFirst, drawnSecond] = [files(join(work, 'first/charts')), files(join(work, 'second/charts'))];
    expect([...drawnSecond.keys()].sort()).toEqual([...drawnFirst.keys()].sort());
    for (const [name, bytes] of drawnFirst) if (name.endsWith('.svg') || name.endsWith('.png')) expect(drawnSecond.get(name)!.equals(bytes), name).toBe(true);
    expect(existsSync(join(home, '.cache'))).toBe(false);
  });

  it('is not left by a command that fails', () => {
    const cache = join(work, 'failing');
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, 'actors: 3\n');
    const result = parley(cache, work, 'validate', bad);
    expect(result.status).toBe(2);
    expect(existsSync(cache) ? readdirSync(cache).filter((name) => name.includes('-validate')) : []).toEqual([]);
  });

  it('never fails a command where it cannot be written (a file where its folder should be)', () => {
    const aFile = join(work, 'a-file');
    writeFileSync(aFile, 'not a folder');
    const result = parley(aFile, work, 'run', '--runs', '50', '--out', join(work, 'blocked'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readdirSync(join(work, 'blocked/charts')).filter((name) => name.endsWith('.png'))).toHaveLength(8);
  });

  it('is written nowhere when PARLEY_CACHE_DIR is empty', () => {
    const home = mkdtempSync(join(work, 'home-off-'));
    const result = parley('', home, 'run', '--runs', '50', '--out', join(work, 'off'));
    expect(result.status).toBe(0);
    expect(readdirSync(home)).toEqual([]);
  });

  it('made under other V8 flags is refused by V8, and the script runs as without it and makes it again', () => {
    const folder = join(work, 'flags');
    const script = join(work, 'evaluate.mjs');
    writeFileSync(
      script,
      `const { runCachedScript } = await import(${JSON.stringify(pathToFileURL(join(process.cwd(), 'dist/charts/code-cache.js')).href)});
const source = '(function () { function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } return fib; })()';
const run = runCachedScript(source, { path: '/virtual/fib.js', folder: ${JSON.stringify(folder)} });
console.log(JSON.stringify({ used: run.cacheUsed, fib20: run.value(20), saved: run.save() }));`,
    );
    const evaluate = (...flags: string[]) => JSON.parse(spawnSync(process.execPath, [...flags, script], { encoding: 'utf8' }).stdout) as unknown;
    // fib(20) = 6765.
    expect(evaluate()).toEqual({ used: false, fib20: 6765, saved: true });
    expect(evaluate()).toEqual({ used: true, fib20: 6765, saved: false });
    expect(evaluate('--max-lazy')).toEqual({ used: false, fib20: 6765, saved: true });
    expect(evaluate('--max-lazy')).toEqual({ used: true, fib20: 6765, saved: false });
  });
});
