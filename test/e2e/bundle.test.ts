/**
 * The bundled command line (dist/bundle/parley.cjs, scripts/bundle-cli.mjs) against tsc's files it
 * was made from (PARLEY_UNBUNDLED=1): the same outputs, byte for byte, including a chart whose text
 * sends its PNG to the whole DejaVu Sans, found beside the compiled file that looks for it (each
 * import.meta.url in the bundle is that file's own place in dist/).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'parley-bundle-'));

function parley(env: NodeJS.ProcessEnv, ...args: string[]) {
  return spawnSync(process.execPath, ['bin/parley.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', PARLEY_CACHE_DIR: join(work, 'cache'), ...env },
    timeout: 60_000,
  });
}

describe('the bundled command line', () => {
  it('writes what the compiled files write, a chart in Hebrew and Armenian letters among them', () => {
    // Letters outside Parley Sans (the PNG font's subset): that chart's PNG is drawn in the whole DejaVu Sans.
    const model = join(work, 'letters.yaml');
    writeFileSync(model, readFileSync('models/ukraine-2025.yaml', 'utf8').replace('label: Ukraine (Zelenskyy)', 'label: "Ukraine (Զելենսկի, זלנסקי)"'));
    const outputs = ['bundled', 'unbundled'].map((name) => {
      const out = join(work, name);
      const result = parley(name === 'unbundled' ? { PARLEY_UNBUNDLED: '1' } : {}, 'run', model, '--runs', '100', '--seed', 'letters', '--out', out);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      return out;
    });
    const [bundled, unbundled] = outputs;
    expect(readFileSync(join(bundled, 'summary.json'))).toEqual(readFileSync(join(unbundled, 'summary.json')));
    const charts = readdirSync(join(bundled, 'charts'));
    expect(charts.filter((name) => name.endsWith('.png'))).toHaveLength(8);
    expect(readFileSync(join(bundled, 'charts/actor-utilities.svg'), 'utf8')).toContain('Զելենսկի');
    for (const name of charts) expect(readFileSync(join(bundled, 'charts', name)).equals(readFileSync(join(unbundled, 'charts', name))), name).toBe(true);
  });
});
