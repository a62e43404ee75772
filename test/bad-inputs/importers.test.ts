/**
 * Bad importer input (BDM CSV, KTAB SMP CSV, decide): exit 2 naming the file (and its line where
 * there is one) or the flag, nothing written. A decide file with more issues than any outcome
 * space can hold names the file, not a --levels the user never gave.
 */
import { writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectRefused, runCli, scratch } from './harness.ts';
import { mkfifoSync } from './mkfifo.ts';

const dir = scratch('import');
let n = 0;
function file(text: string | Buffer, extension = 'csv'): string {
  const f = join(dir, `input-${++n}.${extension}`);
  writeFileSync(f, text);
  return f;
}

/** A decide file with `issues` issues and two actors on opposite sides. */
function decide(issues: number): string {
  const q = (s: string) => `'${s}'`;
  const lines = [
    [q('#A'), q('A1'), q('A1'), q('')],
    [q('#A'), q('A2'), q('A2'), q('')],
  ].map((r) => r.join('\t'));
  for (let i = 0; i < issues; i++) lines.push([q('#P'), q(`p${i}`), q(`p${i}`), q(`p${i}`)].join('\t'));
  for (let i = 0; i < issues; i++)
    for (const [j, a] of ['A1', 'A2'].entries()) lines.push([q('#D'), q(a), q(`p${i}`), String((i * 7 + j * 50) % 100), '0.5', '1'].join('\t'));
  return lines.join('\n') + '\n';
}

const cases: [string, string, () => string, string[], RegExp][] = [
  [
    'BDM: no Salience column',
    'bdm',
    () => file('Actor,Capability,Position\nA,1,2\nB,1,3\n'),
    [],
    /input-\d+\.csv:1: expected a header with the columns .* missing Salience/,
  ],
  [
    'BDM: a capability that is text',
    'bdm',
    () => file('Actor,Capability,Position,Salience\nA,x,2,0.5\nB,1,3,0.5\n'),
    [],
    /input-\d+\.csv:2: Capability: expected a number ≥ 0, got "x"/,
  ],
  [
    'BDM: a short row',
    'bdm',
    () => file('Actor,Capability,Position,Salience\nA,1,2\nB,1,3,0.5\n'),
    [],
    /input-\d+\.csv:2: Salience: expected a number from 0 to 1 \(or 0 to 100\), got nothing/,
  ],
  ['BDM: an empty file', 'bdm', () => file(''), [], /input-\d+\.csv: expected a header row .* the file is empty/],
  [
    'BDM: a header and no actors',
    'bdm',
    () => file('Actor,Capability,Position,Salience\n'),
    [],
    /input-\d+\.csv: expected at least 2 actor rows after the header, got 0/,
  ],
  [
    'BDM: every capability 0',
    'bdm',
    () => file('Actor,Capability,Position,Salience\nA,0,2,0.5\nB,0,3,0.5\n'),
    [],
    /input-\d+\.csv: expected some actor with a capability above 0/,
  ],
  ['BDM: bytes that are not UTF-8', 'bdm', () => file(Buffer.from([0x41, 0x2c, 0xff, 0xfe, 0x0a])), [], /input-\d+\.csv: expected UTF-8 text/],
  [
    'BDM: a file over 10 MB',
    'bdm',
    () => file(`Actor,Capability,Position,Salience\n${'A,1,2,0.5\n'.repeat(1_200_000)}`),
    [],
    /input-\d+\.csv: the file is 1\d\.\d MB; parley reads input files of at most 10\.0 MB/,
  ],
  ['BDM: a folder', 'bdm', () => dir, [], /expected a file, got a directory/],
  ['BDM: a missing file', 'bdm', () => join(dir, 'nope.csv'), [], /nope\.csv: no such file/],
  ['BDM: a FIFO', 'bdm', () => mkfifoSync(join(dir, 'pipe.csv')), [], /pipe\.csv: expected a regular file, got a named pipe/],
  [
    'BDM: --levels 1',
    'bdm',
    () => file('Actor,Capability,Position,Salience\nA,1,2,0.5\nB,1,3,0.5\n'),
    ['--levels', '1'],
    /--levels 1: expected a whole number from 2 to 101/,
  ],
  [
    'BDM: --levels 500',
    'bdm',
    () => file('Actor,Capability,Position,Salience\nA,1,2,0.5\nB,1,3,0.5\n'),
    ['--levels', '500'],
    /--levels 500: expected a whole number from 2 to 101/,
  ],
  [
    'KTAB: a header that is not KTAB',
    'ktab',
    () => file('name,desc,nActors,nDims\nx,y,3,1\nA,a,1,50,50\n'),
    [],
    /input-\d+\.csv:1: expected `name,desc,nActors,nDims` with whole numbers/,
  ],
  ['KTAB: an empty file', 'ktab', () => file(''), [], /input-\d+\.csv(:\d+)?: expected/],
  [
    'decide: no #D rows',
    'decide',
    () => file("'#A'\t'US'\t'US'\t''\n'#P'\t'p'\t'p'\t'p'\n", 'txt'),
    [],
    /input-\d+\.txt: expected #D rows for at least 2 actors on at least 1 issue, got 0 actors on 0 issues/,
  ],
  [
    'decide: 40 issues (names the file, not --levels)',
    'decide',
    () => file(decide(40), 'txt'),
    [],
    /input-\d+\.txt: 40 issues: even 2 levels each make 2\^40 packages, more than the 1,000,000 parley enumerates; import at most 19 issues/,
  ],
  [
    'decide: 40 issues with --levels 3 (names the file too)',
    'decide',
    () => file(decide(40), 'txt'),
    ['--levels', '3'],
    /input-\d+\.txt: 40 issues: even 2 levels/,
  ],
  [
    'decide: 10 issues with --levels 5 (too many packages)',
    'decide',
    () => file(decide(10), 'txt'),
    ['--levels', '5'],
    /--levels 5: 5\^10 packages is more than 1,000,000 .* use at most 3 \(.*input-\d+\.txt has 10 issues\)/,
  ],
  [
    'decide: rows of undeclared actors, listed up to 50 and counted',
    'decide',
    () => file(decide(40).replace(/'#A'.*\n/g, ''), 'txt'),
    [],
    /… and [\d,]+ more problems in .*input-\d+\.txt \(fix these first\)/,
  ],
];

describe('bad importer input: exit 2 naming the file or the flag, no model written', () => {
  it.each(cases)('%s', async (_, format, make, extra, pattern) => {
    const out = join(dir, `model-${++n}.yaml`);
    const r = await runCli('import', format, make(), '--out', out, ...extra);
    expectRefused(r, 2, pattern);
    expect(r.stderr.split('\n').filter((l) => l !== '').length).toBeLessThanOrEqual(51);
    expect(existsSync(out)).toBe(false);
  });

  it('an existing --out is never overwritten (exit 2, the file intact)', async () => {
    const out = file('keep me\n', 'yaml');
    const r = await runCli('import', 'bdm', file('Actor,Capability,Position,Salience\nA,1,2,0.5\nB,1,3,0.5\n'), '--out', out);
    expectRefused(r, 2, /already exists; parley import never overwrites a file \(choose another --out\)/);
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');
  });

  it('an --out under a file names the file in the way', async () => {
    const blocker = file('x\n', 'txt');
    const r = await runCli('import', 'bdm', file('Actor,Capability,Position,Salience\nA,1,2,0.5\nB,1,3,0.5\n'), '--out', join(blocker, 'model.yaml'));
    expectRefused(r, 2, /--out .*: .*input-\d+\.txt is a file, not a folder/);
  });
});
