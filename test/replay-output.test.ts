/**
 * `parley replay`: where it writes (beside the run folder, as the README says, never inside it),
 * and a transcript a reader can follow — per round the offer's terms and only the response that
 * decides it (checked against the responses replay.json records), lines of at most 100
 * characters, and one table of every actor at the end whose gain is its outcome minus its
 * fallback. The concession chart has one panel per actor, each with its fallback line.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayFolder } from '../src/cli/replay-command.ts';
import { parley } from './helpers/cli.ts';

interface ReplayJson {
  outcome: string;
  utilities: Record<string, number>;
  rounds: { round: number; proposer: string | null; offer: number; responses: { actor: string; accepts: boolean }[] }[];
}

describe('parley replay', () => {
  const work = mkdtempSync(join(tmpdir(), 'parley-replay-out-'));
  const batch = join(work, 'batch');

  it('writes beside the run folder, not inside it', async () => {
    expect((await parley('run', '--runs', '200', '--seed', 'beside', '--no-charts', '--out', batch)).code).toBe(0);
    const before = readdirSync(batch).sort();
    const r = await parley('replay', batch, '--run', '7');
    expect(r.code, r.stderr).toBe(0);
    const expected = join(work, 'ukraine-2025-replay-run-7');
    expect(replayFolder(work, 'ukraine-2025', 7)).toBe(expected);
    expect(readdirSync(expected).sort()).toEqual(['concession-paths.png', 'concession-paths.svg', 'concession-paths.vl.json', 'replay.json', 'transcript.txt']);
    expect(readdirSync(batch).sort()).toEqual(before);
    expect(r.stdout).toContain('ukraine-2025-replay-run-7/');
    expect(existsSync(join(batch, 'ukraine-2025-replay-run-7'))).toBe(false);
  });

  it('tells each round by its terms and the one response that decides it, then every actor in one table', async () => {
    const out = join(work, 'run-7');
    expect((await parley('replay', batch, '--run', '7', '--out', out)).code).toBe(0);
    const transcript = readFileSync(join(out, 'transcript.txt'), 'utf8');
    const replay = JSON.parse(readFileSync(join(out, 'replay.json'), 'utf8')) as ReplayJson;
    const scenario = JSON.parse(readFileSync(join(batch, 'scenario.json'), 'utf8')) as {
      actors: Record<string, { label: string }>;
      issues: Record<string, { label: string }>;
    };
    const label = (id: string) => scenario.actors[id].label;
    for (const line of transcript.trimEnd().split('\n')) expect([...line].length, line).toBeLessThanOrEqual(100);

    // The rounds' blocks, in order: each starts with "Round N:".
    const blocks = transcript.split(/\n(?=Round \d+:)/).slice(1);
    const offered = replay.rounds.filter((r) => r.offer >= 0);
    expect(blocks).toHaveLength(replay.rounds.length);
    offered.forEach((r, k) => {
      const block = blocks.find((b) => b.startsWith(`Round ${r.round}:`))!.split('\n\n')[0];
      if (r.proposer !== null) expect(block.split('\n')[0]).toContain(label(r.proposer));
      // The first offer spells out every issue; later ones say what changed or that nothing did.
      if (k === 0) for (const issue of Object.values(scenario.issues)) expect(block).toContain(`${issue.label}: `);
      else expect(block).toMatch(/changed since round \d+|the same package as in round \d+/);
      const rejection = r.responses.find((x) => !x.accepts);
      const decides = block.split('\n').find((l) => /^ {4}(rejected|accepted|nobody)/.test(l))!;
      if (rejection !== undefined) expect(decides).toMatch(new RegExp(`^ {4}rejected by ${label(rejection.actor).replace(/[()]/g, '\\$&')}[ :]`));
      else if (r.responses.length > 0) expect(decides).toMatch(new RegExp(`^ {4}accepted by all ${r.responses.length} asked`));
      // Only the deciding actor's numbers (its utility and its aspiration), not a pair per actor.
      expect(block.match(/\d\.\d{3}/g)?.length ?? 0).toBeLessThanOrEqual(2);
    });

    // The table: one row per actor, outcome = the replay's utility, gain = outcome − fallback.
    const rows = transcript.split('\n').filter((l) => Object.values(scenario.actors).some((a) => l.startsWith(`  ${a.label} `)));
    expect(rows).toHaveLength(Object.keys(scenario.actors).length);
    for (const [id, actor] of Object.entries(scenario.actors)) {
      const cells = rows
        .find((l) => l.startsWith(`  ${actor.label} `))!
        .slice(actor.label.length + 2)
        .trim()
        .split(/\s+/);
      const [fallback, , , , outcome, gain] = cells.map((c) => Number(c.replace('−', '-')));
      expect(outcome).toBeCloseTo(replay.utilities[id], 3);
      expect(gain).toBeCloseTo(outcome - fallback, 2);
    }
  });

  it("counts a deal's outcome as the fallback plus the package's gain discounted by patience per round (r + δ^(k−1)(u − r)), as the table's note says", async () => {
    // Russia's patience fixed at 0.9 per round: its outcome follows from its fallback and the last offer's value alone.
    const model = join(import.meta.dirname, '..', 'models', 'ukraine-2025.yaml');
    const transcript = async (run: number) => {
      const out = join(work, `discounted-${run}`);
      const r = await parley('replay', model, '--seed', '3', '--run', String(run), '--set', 'actors.russia.patience=0.9', '--out', out);
      expect(r.code, r.stderr).toBe(0);
      return readFileSync(join(out, 'transcript.txt'), 'utf8');
    };
    let text = '';
    for (let run = 0; run < 20 && !/^Result: deal in round/m.test(text); run++) text = await transcript(run);
    const round = Number(/^Result: deal in round (\d+)/m.exec(text)![1]);
    const row = text.split('\n').find((l) => l.startsWith('  Russia '))!;
    const [fallback, , , lastOffer, outcome] = row
      .replace(/^ {2}Russia \([^)]*\)/, '')
      .trim()
      .split(/\s+/)
      .map((c) => Number(c.replace('−', '-')));
    expect(round).toBeGreaterThan(1);
    expect(outcome).toBeCloseTo(fallback + 0.9 ** (round - 1) * (lastOffer - fallback), 2);
    expect(text).toContain('r + δ^(k−1)(u − r)');
  });

  it('draws the concession paths as one panel per actor with its fallback line', () => {
    const spec = JSON.parse(readFileSync(join(work, 'run-7', 'concession-paths.vl.json'), 'utf8'));
    const chart = spec.vconcat[0];
    expect(chart.facet.field).toBe('actor');
    const fallbacks = chart.data.values.filter((v: { fallback?: number }) => v.fallback !== undefined);
    expect(fallbacks).toHaveLength(7);
    expect(
      chart.spec.layer.some((l: { mark: { type: string }; encoding: { y: { field: string } } }) => l.mark.type === 'rule' && l.encoding.y.field === 'fallback'),
    ).toBe(true);
    // The caption names the run and the seed.
    expect(JSON.stringify(spec.title.text)).toContain('replay of run 7');
    expect(JSON.stringify(spec.title.text)).toContain('seed beside');
  });
});
