/**
 * Bad inputs to `parley merge`: edited, forged, truncated, oversized and special files in shard
 * folders. Each case edits one copy of three honest shards and expects exit 2, a message that
 * names the shard's folder (or file) and what is wrong, no "internal error", and nothing written.
 */
import { STATUS_COUNT } from '../../src/negotiation/run-result.ts';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellsOf, copyShards, edit, forge, leftBehind, parley, redigest, runShards, writeJson, type Json } from './shard-forgery.ts';

interface MergeCase {
  name: string;
  /** Changes the copies of the shards (shard 1 unless the case says otherwise). */
  tamper: (shards: string[]) => void;
  expected: RegExp;
  /** The folders given to merge (default: all three, in order). */
  given?: (shards: string[]) => string[];
  /** The folder the message must name (default: shard 1's). */
  names?: (shards: string[]) => string | undefined;
}

const aggregate = (change: (agg: Json) => void) => (shards: string[]) => forge(shards[1], { aggregate: change });
const manifest = (change: (m: Json) => void) => (shards: string[]) => forge(shards[1], { manifest: change });
const shardOf = (m: Json) => m.shard as Json;
const file = (name: string) => (shards: string[]) => join(shards[1], name);
const SHARD_RUNS = 1000;

const CASES: MergeCase[] = [
  // Edits the digest catches (nobody recomputed it).
  {
    name: 'an edited deal count',
    tamper: (s) => edit(s[1], { aggregate: (a) => (cellsOf(a, 'outcomes')[0] += 100) }),
    expected: /aggregate\.json: changed since parley run wrote it/,
  },
  {
    name: 'a manifest edited to another seed',
    tamper: (s) => edit(s[1], { manifest: (m) => (m.seed = 'another') }),
    expected: /manifest\.json: shard\.digest: does not match the manifest/,
  },
  {
    name: 'a manifest edited to another model hash',
    tamper: (s) => edit(s[1], { manifest: (m) => ((m.model as Json).sha256 = '0'.repeat(64)) }),
    expected: /shard\.digest: does not match/,
  },
  {
    name: 'an edited scenario.json',
    tamper: (s) => writeFileSync(join(s[1], 'scenario.json'), readFileSync(join(s[1], 'scenario.json'), 'utf8').replace('"rounds": ', '"rounds": 1')),
    expected: /scenario\.json: changed since parley run wrote it/,
  },
  {
    name: 'an edited runs.csv',
    tamper: (s) => writeFileSync(join(s[1], 'runs.csv'), readFileSync(join(s[1], 'runs.csv'), 'utf8').replace(',deal,', ',breakdown,')),
    expected: /runs\.csv: changed since parley run wrote it/,
  },
  { name: 'runs.csv removed from a shard that saved it', tamper: (s) => rmSync(join(s[1], 'runs.csv')), expected: /runs\.csv: no such file/ },
  {
    name: 'a runs.csv the manifest does not list',
    tamper: manifest((m) => delete (shardOf(m).files as Json)['runs.csv']),
    expected: /runs\.csv: not listed in manifest\.json/,
  },
  {
    name: 'a manifest without a digest (an older parley)',
    tamper: (s) => edit(s[1], { manifest: (m) => delete shardOf(m).digest }),
    expected: /manifest\.json: shard\.digest: missing \(a shard written by a parley without shard digests\? rerun it\)/,
  },

  // Forged: every SHA-256 and the digest recomputed, so the invariants must catch it.
  {
    name: 'a deal count raised',
    tamper: aggregate((a) => (cellsOf(a, 'outcomes')[0] += 1)),
    expected: /outcomes: the runs by outcome add up to 1001, but the shard's runs is 1000/,
  },
  {
    name: 'a negative count balanced by another',
    tamper: aggregate((a) => {
      const o = cellsOf(a, 'outcomes');
      o[0] += o[1] + 10;
      o[1] = -10;
    }),
    expected: /outcomes\[1\]: expected a non-negative integer \(runs by outcome\), got -10/,
  },
  {
    name: 'a fractional count',
    tamper: aggregate((a) => {
      cellsOf(a, 'outcomes')[0] += 0.5;
      cellsOf(a, 'outcomes')[1] -= 0.5;
    }),
    expected: /outcomes\[0\]: expected a non-negative integer/,
  },
  {
    name: 'a deal turned into a breakdown',
    tamper: aggregate((a) => {
      cellsOf(a, 'outcomes')[0] -= 1;
      cellsOf(a, 'outcomes')[1] += 1;
    }),
    expected: /roundsByStatus: the runs by outcome and round \(deal\) add up to \d+, but outcomes\[0\] \(deal\) is \d+/,
  },
  {
    name: 'a deal added to a package',
    tamper: aggregate((a) => (cellsOf(a, 'packageDeals')[0] += 1)),
    expected: /packageDeals: the deals by package add up to \d+, but outcomes\[0\] \(deal\)/,
  },
  {
    name: 'a run added to a utility bin',
    tamper: aggregate((a) => (cellsOf(a, 'utilityHistogram')[1500] += 1)),
    expected: /utilityHistogram: the runs by actor and utility bin \(actor 0\) add up to 1001/,
  },
  {
    name: 'more out-of-range utilities than the end bins hold',
    tamper: aggregate((a) => (cellsOf(a, 'utilityOutOfRange')[0] = SHARD_RUNS)),
    expected: /utilityOutOfRange\[0\]: 1000 .* more than the runs in actor 0's two end bins/,
  },
  {
    name: 'more runs above the reservation utility than deals',
    tamper: aggregate((a) => (cellsOf(a, 'aboveReservation')[0] = cellsOf(a, 'outcomes')[0] + 1)),
    expected: /aboveReservation\[0\]: .* more than outcomes\[0\] \(deal\)/,
  },
  {
    name: 'a mean utility shifted',
    tamper: aggregate((a) => (cellsOf(a, 'utilitySum')[0] += 2 ** 22 * 50)),
    expected: /utilitySum\[0\], \[1\]: (not the cells|the sum of outcome utilities, by actor is .* outside \[)/,
  },
  {
    name: 'an exact sum no runs can give',
    tamper: aggregate((a) => (cellsOf(a, 'dealUtilitySum')[1] = 2 ** 20 * SHARD_RUNS)),
    expected: /dealUtilitySum\[0\], \[1\]: not the cells of an exact sum of \d+ values/,
  },
  {
    name: 'a reservation sum beyond the utility bound',
    tamper: aggregate((a) => (cellsOf(a, 'reservationSum')[0] = 2 ** 22 * SHARD_RUNS * 2)),
    expected: /reservationSum\[0\], \[1\]: not the cells of an exact sum of 1000 values/,
  },
  {
    name: 'a sampled-value sum outside its bins',
    tamper: aggregate((a) => (cellsOf(a, 'assumptionSum')[0] += 2 ** 22 * 100)),
    expected: /assumptionSum\[0\], \[1\]: (not the cells|.* outside \[)/,
  },
  {
    name: "a run added to an uncertain parameter's bin",
    tamper: aggregate((a) => (cellsOf(a, 'assumptionOutcomes')[STATUS_COUNT] += 1)),
    expected: /assumptionOutcomes: the runs by uncertain parameter, bin and outcome \(parameter 0, deal\) add up to/,
  },
  { name: 'a trace point moved', tamper: aggregate((a) => (cellsOf(a, 'traceRuns')[0] += 1)), expected: /traceRuns\[0\]: expected 1001 / },
  {
    name: 'a falling convergence trace',
    tamper: aggregate((a) => {
      const t = cellsOf(a, 'traceDeals');
      t[3] = t[2] - 1;
    }),
    expected: /traceDeals\[3\]: .* cannot follow/,
  },
  { name: 'a field deleted', tamper: aggregate((a) => delete a.packageDeals), expected: /packageDeals: expected an array of \d+ integers/ },
  {
    name: 'an array one cell longer',
    tamper: aggregate((a) => cellsOf(a, 'utilityHistogram').push(0)),
    expected: /utilityHistogram: expected \d+ numbers .* got \d+/,
  },
  {
    name: 'a count written as null (NaN in JSON)',
    tamper: aggregate((a) => ((a.outcomes as unknown[])[2] = null)),
    expected: /outcomes\[2\]: expected a non-negative integer .* got null/,
  },
  {
    name: 'a count of 1e300',
    tamper: aggregate((a) => (cellsOf(a, 'packageDeals')[0] = 1e300)),
    expected: /packageDeals\[0\]: expected a non-negative integer .* got 1e\+300/,
  },
  {
    name: 'another range in aggregate.json',
    tamper: aggregate((a) => (a.firstRun = 0)),
    expected: /aggregate\.json: firstRun, endRun, batch: expected runs 1000 to 2000/,
  },
  {
    name: 'an aggregate.json that is not an object',
    tamper: (s) => {
      writeJson(join(s[1], 'aggregate.json'), [1, 2]);
      redigest(s[1]);
    },
    expected: /aggregate\.json: expected an object/,
  },
  {
    name: 'a manifest edited to another parley version',
    tamper: manifest((m) => (m.parley = '9.9.9')),
    expected: /manifest\.json: parley: written by parley 9\.9\.9, this is parley \d/,
  },
  { name: 'a manifest edited to another seed', tamper: manifest((m) => (m.seed = 'another')), expected: /seed "another" differs from .*shard-0's "corpus"/ },
  {
    name: 'a manifest edited to another model',
    tamper: manifest((m) => ((m.model as Json).sha256 = 'a'.repeat(64))),
    expected: /model file SHA-256 aaaaaaaaaaaa… differs/,
  },
  {
    name: "a shard's range edited to overlap the one before",
    tamper: manifest((m) => (shardOf(m).firstRun = 0)),
    expected: /shard\.firstRun, shard\.endRun: runs \[0, 2000\), but shard 1\/3 of a batch of 2500 runs from run 0 is runs \[1000, 2000\)/,
  },
  {
    name: 'a manifest edited to a larger batch',
    tamper: manifest((m) => (m.runs = 250_000)),
    expected: /shard\.firstRun, shard\.endRun: .* is runs \[83000, 166000\)/,
  },
  {
    name: 'a shard renumbered as another (range forged to match)',
    tamper: manifest((m) => Object.assign(shardOf(m), { index: 2, firstRun: 2000, endRun: 2500 })),
    expected: /shard 2\/3 is also in .*\n.*missing shard 1\/3/,
    names: (s) => s[2],
  },
  {
    name: 'a shard count of a million (range forged to match)',
    tamper: manifest((m) => Object.assign(shardOf(m), { count: 1_000_000, firstRun: 0, endRun: 0 })),
    expected: /one of 1000000 shards, but .*shard-0 is one of 3/,
  },
  {
    name: 'a lone shard claiming a million shards',
    tamper: manifest((m) => Object.assign(shardOf(m), { count: 1_000_000, firstRun: 0, endRun: 0 })),
    given: (s) => [s[1]],
    expected: /missing shards 0\/1000000, 2\/1000000, .* and 999,989 more/,
    names: () => undefined,
  },
  { name: 'a shard count beyond 2^30', tamper: manifest((m) => (shardOf(m).count = 2 ** 40)), expected: /manifest\.json: shard\.count: Too big/ },
  {
    name: 'a manifest without its shard',
    tamper: (s) => edit(s[1], { manifest: (m) => delete m.shard }),
    expected: /manifest\.json: shard: expected the manifest of a shard/,
  },
  {
    name: 'scenario.json of another model (hashes forged)',
    tamper: (s) => {
      writeFileSync(join(s[1], 'scenario.json'), readFileSync(join(s[1], 'scenario.json'), 'utf8').replace(/"title": "[^"]*"/, '"title": "Another"'));
      redigest(s[1]);
    },
    expected: /scenario\.json differs from .*shard-0's \(not the same model and overrides\)/,
  },

  // Files that are missing, broken, oversized or not files at all.
  {
    name: 'a missing manifest.json',
    tamper: (s) => rmSync(join(s[1], 'manifest.json')),
    expected: /manifest\.json: no such file \(is this a folder written by parley run --shard\?\)/,
  },
  {
    name: 'a manifest.json that is not JSON',
    tamper: (s) => writeFileSync(join(s[1], 'manifest.json'), '{"shard": '),
    expected: /manifest\.json: not valid JSON/,
  },
  {
    name: 'a 5 MB manifest.json',
    tamper: (s) => writeFileSync(join(s[1], 'manifest.json'), ' '.repeat(5 * 2 ** 20)),
    expected: /manifest\.json: 5,242,880 bytes, more than a manifest can be/,
  },
  {
    name: 'a 2 GiB aggregate.json (sparse)',
    tamper: (s) => truncateSync(join(s[1], 'aggregate.json'), 2 ** 31),
    expected: /aggregate\.json: 2,147,483,648 bytes, more than the aggregate of this scenario's shard can be/,
  },
  {
    name: 'a 100 MB scenario.json (sparse)',
    tamper: (s) => truncateSync(join(s[1], 'scenario.json'), 100 * 2 ** 20),
    expected: /scenario\.json: 104,857,600 bytes, more than a resolved scenario can be/,
  },
  {
    name: 'an aggregate.json that is a FIFO with no writer',
    tamper: (s) => {
      rmSync(join(s[1], 'aggregate.json'));
      execFileSync('mkfifo', [join(s[1], 'aggregate.json')]);
    },
    expected: /aggregate\.json: a FIFO, not a regular file/,
  },
  {
    name: 'an aggregate.json that is a folder',
    tamper: (s) => {
      rmSync(join(s[1], 'aggregate.json'));
      mkdirSync(join(s[1], 'aggregate.json'));
    },
    expected: /aggregate\.json: a folder, not a regular file/,
  },
  {
    name: 'an aggregate.json linked to /dev/zero',
    tamper: (s) => {
      rmSync(join(s[1], 'aggregate.json'));
      symlinkSync('/dev/zero', join(s[1], 'aggregate.json'));
    },
    expected: /aggregate\.json: a device or other special file, not a regular file/,
  },
  { name: 'a shard folder that does not exist', tamper: (s) => rmSync(s[1], { recursive: true }), expected: /shard-1: no such folder/ },
  {
    name: 'a file given as a shard folder',
    tamper: (s) => {
      rmSync(s[1], { recursive: true });
      writeFileSync(s[1], 'x');
    },
    expected: /shard-1: not a folder/,
  },
];

describe('parley merge refuses tampered shards', () => {
  const work = mkdtempSync(join(tmpdir(), 'parley-merge-corpus-'));
  let honest: string[] = [];
  beforeAll(async () => {
    honest = await runShards(join(work, 'honest'), { runs: 2500, count: 3, seed: 'corpus' });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('the honest shards merge into what one unsharded run writes: summary.json and runs.csv, byte for byte', async () => {
    const merged = join(work, 'honest-merged');
    const r = await parley('merge', ...honest, '--out', merged);
    expect(r.code, r.stderr).toBe(0);
    const whole = join(work, 'whole');
    const run = await parley('run', '--runs', '2500', '--seed', 'corpus', '--save-runs', '--no-charts', '--out', whole);
    expect(run.code, run.stderr).toBe(0);
    for (const name of ['summary.json', 'runs.csv']) expect(readFileSync(join(merged, name), 'utf8'), name).toBe(readFileSync(join(whole, name), 'utf8'));
  });

  it.each(CASES.map((c, k) => [c.name, k] as const))('%s', async (_name, k) => {
    const c = CASES[k];
    const folder = join(work, `case-${k}`);
    mkdirSync(folder);
    const shards = copyShards(honest, folder);
    c.tamper(shards);
    const out = join(folder, 'merged');
    const r = await parley('merge', ...(c.given ?? ((s: string[]) => s))(shards), '--out', out);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(c.expected);
    const named = (c.names ?? file(''))(shards);
    if (named !== undefined) expect(r.stderr).toContain(named.replace(/\/$/, ''));
    expect(r.stderr).not.toMatch(/internal error| {4}at /);
    expect(leftBehind(out)).toEqual([]);
  });
});
