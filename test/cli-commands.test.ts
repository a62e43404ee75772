/**
 * The commands as commander declares them (src/cli/main.ts): each with its flags, its module loaded
 * only once commander has chosen it. Help, bad flags and a command's own errors give the same
 * output and exit codes as before the commands were loaded lazily: 0 for help, 2 for bad input,
 * before or after the command's module loads (test/import-graph.test.ts checks what loads).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parley } from './helpers/cli.ts';

const COMMANDS = [
  'run',
  'merge',
  'compare',
  'sweep',
  'sensitivity',
  'replay',
  'init',
  'import',
  'export',
  'validate',
  'show',
  'schema',
  'check',
  'explore',
  'view',
];

const work = mkdtempSync(join(tmpdir(), 'parley-commands-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the commands, loaded when chosen', () => {
  it('parley --help lists every command and exits 0', async () => {
    const { code, stdout } = await parley('--help');
    expect(code).toBe(0);
    const listed = [...stdout.matchAll(/^ {2}(\w+)\b/gm)].map((m) => m[1]).filter((name) => name !== 'help');
    expect(listed).toEqual(COMMANDS);
  });

  for (const command of COMMANDS) {
    it(`parley ${command} --help shows its usage and exits 0, without running it`, async () => {
      const { code, stdout, stderr } = await parley(command, '--help');
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: parley ${command}\\b`));
      expect(stderr).toBe('');
    });
  }

  it('a bad flag value is refused (exit 2) before the command loads', async () => {
    const { code, stderr } = await parley('run', '--runs', 'many');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--runs.*expected a positive whole number, got "many"/);
    const low = await parley('sensitivity', '--low', '1.5');
    expect(low.code).toBe(2);
    expect(low.stderr).toMatch(/expected a quantile level between 0 and 1/);
    const levels = await parley('import', 'bdm', 'x.csv', '--levels', 'few');
    expect(levels.code).toBe(2);
    expect(levels.stderr).toMatch(/expected a whole number of levels per issue, got "few"/);
  });

  it("a command's own usage errors exit 2 once its module has loaded", async () => {
    const missing = join(work, 'nowhere.yaml');
    const validate = await parley('validate', missing);
    expect(validate.code).toBe(2);
    expect(validate.stderr).toContain(missing);
    const format = await parley('import', 'nosuch', join(work, 'x.csv'));
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/nosuch/);
    const mechanism = await parley('run', '--mechanism', 'nosuch', '--runs', '10', '--out', join(work, 'run'));
    expect(mechanism.code).toBe(2);
    expect(mechanism.stderr).toMatch(/--mechanism: expected one of/);
  });

  it('parley validate and parley schema answer as before: the default model is valid, the schema is JSON Schema', async () => {
    const validate = await parley('validate');
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/ukraine-2025\.yaml: valid — 7 actors, 7 issues/);
    const out = join(work, 'schema.json');
    const schema = await parley('schema', '--out', out);
    expect(schema.code).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { $schema?: string };
    expect(written.$schema).toMatch(/json-schema\.org/);
  });
});
