/**
 * The built command line end to end, as a user runs it: `node bin/parley.mjs …` (dist/, which
 * `npm test` builds first) in a child process, its worker threads loading dist/ too. The rest of
 * the CLI's behaviour is tested in-process through main(argv) (test/cli.test.ts).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parleyProcess as parley } from '../helpers/cli.ts';

const work = mkdtempSync(join(tmpdir(), 'parley-e2e-'));

describe('parley run, spawned', () => {
  const out = join(work, 'first');
  const run = parley('run', '--runs', '1500', '--seed', '7', '--workers', '2', '--out', out);

  it('exits 0 with nothing on stderr, prints the summary, and writes every chart as SVG and PNG', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Ukraine 2025: .* — 1,500 runs, seed 7 · on 2 workers\n/);
    expect(run.stdout).toMatch(/Overall a deal is reached in \d+(\.\d)?% of runs|No run of 1,500 reached a deal/);
    expect(run.stdout).toMatch(/simulation \d+\.\d s on 2 workers\.\n$/);
    const charts = readdirSync(join(out, 'charts'));
    const svgs = charts.filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThanOrEqual(7);
    for (const svg of svgs) {
      expect(readFileSync(join(out, 'charts', svg), 'utf8')).toMatch(/^<svg/);
      // The PNG signature, at twice the SVG's width.
      const png = readFileSync(join(out, 'charts', svg.replace(/\.svg$/, '.png')));
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const svgWidth = Number(/width="([\d.]+)"/.exec(readFileSync(join(out, 'charts', svg), 'utf8'))![1]);
      expect(png.readUInt32BE(16)).toBe(Math.ceil(svgWidth * 2));
    }
  });

  it('--no-charts writes the specs and the report but draws nothing, with the same summary', () => {
    const plain = join(work, 'no-charts');
    const r = parley('run', '--runs', '1500', '--seed', '7', '--workers', '1', '--no-charts', '--out', plain);
    expect(r.code, r.stderr).toBe(0);
    const specs = readdirSync(join(out, 'charts')).filter((f) => f.endsWith('.vl.json'));
    expect(readdirSync(join(plain, 'charts')).sort()).toEqual(specs.sort());
    expect(existsSync(join(plain, 'report.html'))).toBe(true);
    expect(readFileSync(join(plain, 'summary.json'), 'utf8')).toBe(readFileSync(join(out, 'summary.json'), 'utf8'));
  });
});

describe('failures, spawned', () => {
  it('a broken model: every problem with file and field path, exit 2, no stack trace, no folder', () => {
    const out = join(work, 'broken');
    const result = parley('run', 'test/fixtures/broken-model.yaml', '--runs', '10', '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/test\/fixtures\/broken-model\.yaml:\d+:\d+: actors\.ukraine\.patience: expected a number in \(0, 1\], got 1\.3/);
    expect(result.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(existsSync(out)).toBe(false);
  });

  it('a run that throws in a worker: exit 1, the run and the command that reproduces it, no folder', () => {
    const out = join(work, 'failing');
    const result = parley('run', '--runs', '2500', '--seed', '3', '--workers', '2', '--out', out, '--fail-at-run', '1234');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/run 1234 failed/);
    expect(result.stderr).toMatch(/parley run \S+ --seed 3 --first-run 1234 --runs 1 --workers 1/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).some((f) => f.startsWith('.failing'))).toBe(false);
  });
});

describe('parley view --serve, spawned', () => {
  it('serves the index and the reports on localhost until stopped', async () => {
    const dir = join(work, 'runs-list');
    // The run folder of the first test above (with its charts drawn), copied: a run of its own would add nothing here.
    cpSync(join(work, 'first'), join(dir, 'first'), { recursive: true });
    symlinkSync('/etc', join(dir, 'etc-link'));
    const child = spawn(process.execPath, ['bin/parley.mjs', 'view', '--serve', '--runs-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (chunk) => {
        stdout += String(chunk);
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (m) done(m[1]);
      });
      child.on('exit', () => fail(new Error(`exited early: ${stdout}`)));
    });
    const index = await fetch(url);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(await index.text()).toContain('href="first/report.html"');
    const report = await fetch(`${url}first/`);
    expect(report.status).toBe(200);
    expect(await report.text()).toContain('<h1>');
    expect((await fetch(`${url}first/charts/outcome-shares.png`)).headers.get('content-type')).toBe('image/png');
    expect((await fetch(`${url}..%2F..%2Fetc%2Fpasswd`)).status).toBe(403);
    expect((await fetch(`${url}no-such-file.html`)).status).toBe(404);
    expect((await fetch(`${url}etc-link/passwd`)).status).toBe(403); // a link may not lead outside
    const code = await new Promise<number | null>((done) => {
      child.removeAllListeners('exit');
      child.on('exit', (c) => done(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});
