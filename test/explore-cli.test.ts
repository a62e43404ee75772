/**
 * `parley explore`'s command line (in this process, through main(argv)): --out writes the one
 * offline file with the model and the command line's settings in it and never overwrites; bad
 * input — a --set the model refuses, an unknown variant, --port with --out — exits 2 before
 * anything is written. The page itself is tested in Chromium (test/e2e/explore-browser.test.ts).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExplorerData } from '../src/explorer/page-data.ts';
import { parley } from './helpers/cli.ts';

const work = mkdtempSync(join(tmpdir(), 'parley-explore-cli-'));
const MODEL = 'models/ukraine-2025.yaml';

/** The JSON the page reads its model and settings from. */
function pageData(html: string): ExplorerData {
  const m = /<script type="application\/json" id="explorer-data">([\s\S]*?)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]) as ExplorerData;
}

describe('parley explore --out', () => {
  it('writes one self-contained page: the model, the settings, the worker and the libraries inlined, nothing to fetch', async () => {
    const file = join(work, 'explore.html');
    const run = await parley(
      'explore',
      MODEL,
      '--out',
      file,
      '--runs',
      '500',
      '--seed',
      's',
      '--variant',
      'us-backstops',
      '--set',
      'actors.russia.reservation=0.6',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Wrote .*explore\.html \(\d\.\d MB\)/);
    const html = readFileSync(file, 'utf8');
    const data = pageData(html);
    expect(data.modelText).toBe(readFileSync(MODEL, 'utf8'));
    expect(data.defaults).toEqual({ set: ['actors.russia.reservation=0.6'], variant: 'us-backstops', seed: 's', runs: 500 });
    expect(data.variants).toContain('us-backstops');
    expect([data.served, data.saveToken]).toEqual([false, null]);
    // No element loads anything from elsewhere: every script is inline.
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link[^>]*\shref=|https?:\/\/[^"'\s]*\.(js|css)\b/i);
    expect(html.match(/<script/g)!.length).toBe(6); // data, worker, vega, vega-lite, vega-embed, page
    expect(html.length).toBeLessThan(3_000_000);
  });

  it('never overwrites a file', async () => {
    const file = join(work, 'taken.html');
    writeFileSync(file, 'mine');
    const run = await parley('explore', MODEL, '--out', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/already exists/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it('checks the model and the settings first (exit 2, nothing written)', async () => {
    const cases: [string[], RegExp][] = [
      [['--set', 'actors.russia.reservation=2'], /actors\.russia\.reservation/],
      [['--set', 'no-equals-sign'], /PATH=VALUE/],
      [['--variant', 'no-such'], /no variant "no-such"/],
      [['--port', '8080'], /--port and --out/],
      [['--runs', '2000000'], /at most 1,000,000 runs/],
    ];
    for (const [args, message] of cases) {
      const file = join(work, `bad-${args.join('-').replace(/\W+/g, '_')}.html`);
      const run = await parley('explore', MODEL, '--out', file, ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(existsSync(file)).toBe(false);
    }
  });
});
