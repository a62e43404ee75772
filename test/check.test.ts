/** `parley check`: the table, the exit codes, and the Fearon cases (the other suites have their own test files). */
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../src/cli/check-command.ts';
import { fearonSuite } from '../src/check/fearon-cases.ts';
import type { CheckSuite } from '../src/check/check-case.ts';
import { passes } from '../src/check/check-case.ts';
import { parley } from './helpers/cli.ts';

function capture() {
  let text = '';
  return { out: { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream, text: () => text };
}

describe('parley check', () => {
  it('prints the table and exits 0 when every case passes (CLI, Fearon suite)', async () => {
    const r = await parley('check', '--only', 'fearon');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/case\s+source\s+expected\s+parley\s+difference \(tolerance\)\s+result/);
    expect(r.stdout).toMatch(/deals outside \[p − c_A, p \+ c_B\].*pass/);
    expect(r.stdout).toMatch(/\d+ passed, 0 failed, 0 skipped\./);
  });

  it('exits 1 and marks the case FAIL when a value is outside its tolerance', () => {
    const failing: CheckSuite = {
      title: 'A suite with one wrong value',
      cases: () => [
        { name: 'right', source: 'arithmetic', expected: 2, actual: 1 + 1, tolerance: 0 },
        { name: 'wrong', source: 'arithmetic', expected: 3, actual: 1 + 1, tolerance: 0.5 },
        { name: 'absent', source: 'peer data', expected: Number.NaN, actual: Number.NaN, tolerance: 0, skipped: 'no data here' },
      ],
    };
    const io = capture();
    expect(checkCommand({}, io, [failing])).toBe(1);
    expect(io.text()).toMatch(/wrong\s+arithmetic\s+3\s+2\s+-1 \(±0\.5\)\s+FAIL/);
    expect(io.text()).toMatch(/absent: no data here/);
    expect(io.text()).toMatch(/1 passed, 1 failed, 1 skipped\./);
  });

  it('a case that could not run is counted as skipped, not passed, and the exit code is 1', () => {
    const absent = { name: 'absent', source: 'peer data', expected: Number.NaN, actual: Number.NaN, tolerance: 0, skipped: 'models/anchors/x.csv missing' };
    expect(passes(absent)).toBe(false);
    const io = capture();
    const suite: CheckSuite = {
      title: 'One case runs, one cannot',
      cases: () => [{ name: 'right', source: 'arithmetic', expected: 2, actual: 2, tolerance: 0 }, absent],
    };
    expect(checkCommand({}, io, [suite])).toBe(1);
    expect(io.text()).toMatch(/absent\s+peer data\s+—\s+—\s+—\s+skip/);
    expect(io.text()).toMatch(/1 passed, 0 failed, 1 skipped\./);
  });

  it('refuses an --only that matches no suite (exit 2)', async () => {
    const r = await parley('check', '--only', 'no-such-suite');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--only: no suite's title contains "no-such-suite"/);
  });
});

describe('Fearon (1995) cases', () => {
  for (const c of fearonSuite.cases()) it(c.name, () => expect(passes(c), `${c.actual} vs ${c.expected}`).toBe(true));
});
