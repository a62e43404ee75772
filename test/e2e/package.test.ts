/**
 * parley as a published package: `npm pack` ships only dist/, models/, the bin, README, LICENSE and
 * package.json; the tarball installs into an empty folder (its dependencies from npm's cache), where
 * `npx parley run` works, the README's API example runs as written (importing 'parley' by name
 * through the package's exports) and gives the CLI's numbers, and its types check.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'parley-package-'));
const app = join(work, 'app');

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The README's example: the ```js block after the marker line. */
function readmeExample(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const marker = readme.indexOf('<!-- api-example');
  expect(marker, 'README.md has the API example marker').toBeGreaterThan(0);
  const block = /```js\n([\s\S]*?)```/.exec(readme.slice(marker));
  return block![1];
}

let packed: string[] = [];

beforeAll(() => {
  // dist/ is built by `npm test` (pretest); --ignore-scripts packs it as it is (prepack would clean it under the running tests).
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root);
  expect(pack.code, pack.stderr).toBe(0);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  packed = info.files.map((f) => f.path);
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'parley-example', private: true, type: 'module' }));
  const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, info.filename)], app);
  expect(install.code, install.stderr).toBe(0);
  writeFileSync(join(app, 'example.mjs'), readmeExample());
});

describe('the packed tarball', () => {
  it('holds only dist/, models/, the bin, README, LICENSE and package.json', () => {
    const outside = packed.filter((f) => !/^(dist\/|models\/)/.test(f) && !['bin/parley.mjs', 'README.md', 'LICENSE', 'package.json'].includes(f));
    expect(outside).toEqual([]);
    for (const f of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/index.js.map',
      'dist/core.js',
      'dist/core.d.ts',
      'dist/cli/main.js',
      'dist/bundle/parley.cjs',
      'dist/charts/code-cache.js',
      'dist/parallel/worker.js',
      'dist/cli/templates/scenario-template.yaml',
      'dist/charts/fonts/ParleySans.ttf',
      'dist/charts/fonts/ParleySans-Bold.ttf',
      'dist/charts/fonts/LICENSE',
      'models/ukraine-2025.yaml',
      'models/scenario.schema.json',
      'LICENSE',
    ]) {
      expect(packed).toContain(f);
    }
    expect(packed.some((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toBe(false);
  });

  it('installs into an empty folder, where `npx parley run` simulates and writes a run folder', () => {
    const r = run('npx', ['--no-install', 'parley', 'run', '--runs', '200', '--out', 'first-run'], app);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/— 200 runs, seed 1/);
    expect(readdirSync(join(app, 'first-run')).sort()).toEqual(['charts', 'manifest.json', 'report.html', 'scenario.json', 'summary.json']);
    expect(readdirSync(join(app, 'first-run', 'charts')).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(7);
  });

  it("runs the README's API example, which gives the numbers `parley run` gives for the same model, seed and runs", () => {
    const r = run(process.execPath, ['example.mjs'], app);
    expect(r.code, r.stderr).toBe(0);
    // The example names its folder "patient-russia": 4,000 runs, seed 1, Russia's patience at 0.99.
    const folder = resolve(app, 'patient-russia');
    expect(r.stdout).toContain(folder);
    const summary = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8'));
    const deal = summary.outcomes.deal;
    expect(r.stdout).toContain(`P(deal) ${(100 * deal.share).toFixed(1)}% (95% interval ${(100 * deal.low).toFixed(1)}–${(100 * deal.high).toFixed(1)}%)`);
    expect(r.stdout.match(/bytes of SVG/g)?.length).toBe(readdirSync(join(folder, 'charts')).filter((f) => f.endsWith('.svg')).length);
    // The installed bin itself (npx, which the test above goes through, adds seconds of npm's start-up).
    const cli = run(
      join(app, 'node_modules', '.bin', 'parley'),
      ['run', '--set', 'actors.russia.patience=0.99', '--runs', '4000', '--seed', '1', '--no-charts', '--out', 'from-cli'],
      app,
    );
    expect(cli.code, cli.stderr).toBe(0);
    expect(readFileSync(join(app, 'from-cli', 'summary.json'), 'utf8')).toBe(readFileSync(join(folder, 'summary.json'), 'utf8'));
    expect(existsSync(join(folder, 'report.html'))).toBe(true);
  });

  it('works imported from `node --input-type=module -e` (an option worker threads refuse, on the command line or in NODE_OPTIONS) and under V8 options', () => {
    const body = [
      "const { summary } = await simulate(loadModel(DEFAULT_MODEL).compiled, { seed: '1', runs: 2000, workers: 2 });",
      "const { svg, png } = await renderChart({ mark: 'point', data: { values: [{ x: 1 }] }, encoding: { x: { field: 'x', type: 'quantitative' } } });",
      'console.log(summary.runs, svg.startsWith("<svg"), png.length > 0);',
    ];
    const esm = ["import { DEFAULT_MODEL, loadModel, renderChart, simulate } from 'parley';", ...body].join('\n');
    const commonJs = ["(async () => { const { DEFAULT_MODEL, loadModel, renderChart, simulate } = await import('parley');", ...body, '})();'].join('\n');
    for (const [args, nodeOptions] of [
      [['--input-type=module', '-e', esm], ''],
      [['--max-old-space-size=2048', '--input-type', 'module', '-e', esm], ''],
      [['--max-old-space-size=2048', '--stack-size=2000', '-e', commonJs], ''],
      [['-e', esm], '--input-type=module --max-old-space-size=2048'],
    ] as const) {
      const r = run(process.execPath, [...args], app, { NODE_OPTIONS: nodeOptions });
      expect(r.code, `${nodeOptions} ${args.slice(0, -1).join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout.trim()).toBe('2000 true true');
    }
  });

  it('types: the example type-checks against the installed declarations, and a wrong call does not', () => {
    writeFileSync(
      join(app, 'typed.ts'),
      [
        "import { loadModel, simulate, type Summary } from 'parley';",
        "import { parseScenarioText, type CompiledScenario } from 'parley/core';",
        "const model = loadModel('model.yaml');",
        'const compiled: CompiledScenario = model.compiled;',
        "const summary: Summary = (await simulate(compiled, { seed: '1', runs: 10 })).summary;",
        'export const share: number = summary.outcomes.deal.share;',
        "export const parsed = parseScenarioText('', 'empty.yaml').ok;",
        '// @ts-expect-error: a batch needs its seed',
        'void simulate(compiled, { runs: 10 });',
        '',
      ].join('\n'),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const flags = [
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--target',
      'es2022',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--lib',
      'es2022,dom',
    ];
    // One compiler run over both files (each one's errors name it; --allowJs and --checkJs touch only the .mjs).
    const checked = run(process.execPath, [tsc, ...flags, '--allowJs', '--checkJs', 'typed.ts', 'example.mjs'], app);
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.code).toBe(0);
  });
});
