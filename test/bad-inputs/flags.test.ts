/**
 * Bad flags: every one refused before any work with exit 2, a message naming the flag and what it
 * expects, and no folder written. Resource limits (--max-memory, --max-time) refuse a batch whose
 * estimate exceeds them, with the estimate, the limit and what to change.
 */
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { baseModel, expectNothingLeft, expectRefused, runCli, scratch, writeModel } from './harness.ts';
import { generatedModelYaml } from '../helpers/generated-model.ts';

const dir = scratch('flags');
const model = writeModel(dir, baseModel());
const big = writeModel(dir, generatedModelYaml(100, 3, 100));
const out = join(dir, 'out');

const cases: [string, string[], RegExp][] = [
  ['--runs many', ['run', model, '--runs', 'many'], /--runs <N>' argument 'many' is invalid\. expected a positive whole number, got "many"/],
  ['--runs 0', ['run', model, '--runs', '0'], /expected a positive whole number, got "0"/],
  ['--runs -5', ['run', model, '--runs', '-5'], /--runs|unknown option '-5'/],
  ['--runs 1.5', ['run', model, '--runs', '1.5'], /expected a positive whole number, got "1\.5"/],
  ['--runs beyond 2^30', ['run', model, '--runs', String(2 ** 31)], /expected at most 1073741824/],
  ['--workers 0', ['run', model, '--workers', '0'], /--workers <W>' argument '0' is invalid/],
  ['--first-run x', ['run', model, '--first-run', 'x'], /expected a whole number ≥ 0, got "x"/],
  ['--first-run + --runs beyond 2^30', ['run', model, '--first-run', String(2 ** 30 - 5), '--runs', '10'], /--first-run \+ --runs: expected at most 2\^30/],
  ['--shard 5/4', ['run', model, '--shard', '5/4'], /--shard: /],
  ['--shard x', ['run', model, '--shard', 'x'], /--shard: /],
  ['--set without =', ['run', model, '--set', 'actors.a.patience'], /--set: expected PATH=VALUE/],
  [
    '--set of a field that is not there',
    ['run', model, '--set', 'actors.zz.patience=0.9'],
    /--set actors\.zz\.patience=0\.9: .*unknown actor "zz"; expected one of: a, b, c/,
  ],
  [
    '--set out of range',
    ['run', model, '--set', 'actors.a.patience=1.3'],
    /--set actors\.a\.patience=1\.3: actors\.a\.patience: expected a number in \(0, 1\], got 1\.3/,
  ],
  ['--set an unknown distribution', ['run', model, '--set', 'actors.a.patience=gauss(1, 2)'], /unknown distribution "gauss"; expected one of: fixed, uniform/],
  ['--set a distribution with too few numbers', ['run', model, '--set', 'actors.a.patience=beta(1)'], /beta\(…\) takes alpha, beta \[, min, max\]/],
  ['--set a distribution with a word', ['run', model, '--set', 'actors.a.patience=uniform(low, 1)'], /uniform\(…\): expected a number for min, got "low"/],
  ['--set an empty path', ['run', model, '--set', '..=1'], /--set: expected a field path like actors\.russia\.patience/],
  [
    '--set a value left empty',
    ['run', model, '--set', 'actors.a.patience='],
    /actors\.a\.patience: expected a number or a distribution .*, got nothing \(null\)/,
  ],
  [
    '--set a distribution without its dist',
    ['run', model, '--set', 'actors.a.patience={a: 1}'],
    /actors\.a\.patience\.dist: missing; expected one of: fixed, uniform/,
  ],
  ['an empty --seed (an unset shell variable)', ['run', model, '--seed', ''], /--seed <S>' argument '' is invalid\. expected a seed \(any text/],
  ['an empty --seed on replay', ['replay', model, '--run', '3', '--seed', ''], /--seed <S>' argument '' is invalid\. expected a seed/],
  ['--mechanism nope', ['run', model, '--mechanism', 'nope'], /--mechanism: expected one of alternating-offers, .*or all; got "nope"/],
  ['--variant nope', ['run', model, '--variant', 'nope'], /--variant: no variant "nope" in the model; expected one of: patient/],
  ['an unknown option', ['run', model, '--frobnicate'], /unknown option '--frobnicate'/],
  ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
  ['--max-memory abc', ['run', model, '--max-memory', 'abc'], /expected a size such as 512M, 4G or 2GiB, got "abc"/],
  ['--max-memory 1K', ['run', model, '--max-memory', '1K'], /--max-memory: this needs about \d+ MiB \(3 actors × 10 packages.*more than the limit of 1 MiB/],
  ['--max-time x', ['run', model, '--max-time', 'x'], /expected a duration such as 90s, 30m, 2h or 1d, got "x"/],
  [
    '--max-time 1s for a long batch',
    ['run', big, '--runs', '100000', '--max-time', '1s'],
    /--max-time: this would take about .* \(100,000 runs of 100 actors × 1,000,000 packages on \d workers?\), more than the limit of 1 s/,
  ],
  [
    '100 actors × 10⁶ packages on 64 workers',
    ['run', big, '--workers', '64', '--runs', '10000'],
    /--max-memory: this needs about [\d.]+ GiB \(100 actors × 1,000,000 packages, tables in each of 64 workers\).*Use fewer --workers/,
  ],
  ['sweep --param without a grid', ['sweep', model, '--param', 'actors.a.reservation'], /--param/],
  ['sweep --param with one step', ['sweep', model, '--param', 'actors.a.reservation=0.2:0.4:1'], /--param.*STEPS|steps|at least 2/i],
  ['sweep --param out of range', ['sweep', model, '--param', 'actors.a.reservation=0.2:3:3'], /actors\.a\.reservation: expected a number in \[-1, 1\]/],
  ['sweep --max-memory 1M', ['sweep', model, '--param', 'actors.a.reservation=0.2:0.4:3', '--max-memory', '1M'], /--max-memory: this needs about/],
  ['sensitivity --low 0.9 --high 0.1', ['sensitivity', model, '--low', '0.9', '--high', '0.1'], /--low.*--high|low < high|0 < low < high/i],
  ['sensitivity --low 2', ['sensitivity', model, '--low', '2'], /--low/],
  ['replay without --run', ['replay', model], /required option '--run <I>' not specified/],
  ['replay --run beyond the batch', ['replay', model, '--run', 'x'], /--run <I>' argument 'x' is invalid/],
  ['view --port 70000', ['view', '--serve', '--port', '70000'], /expected a port from 1 to 65535, got "70000"/],
  ['view of a folder that is not there', ['view', '--runs-dir', join(dir, 'nowhere')], /nowhere: no such folder \(run parley run first\)/],
  ['view of a folder without a report', ['view', dir], /no report\.html/],
  ['import an unknown format', ['import', 'spss', model], /FORMAT: expected one of bdm, ktab, decide, genius, geniusweb, got "spss"/],
  ['import --levels x', ['import', 'bdm', model, '--levels', 'x'], /expected a whole number of levels per issue, got "x"/],
  [
    'init with a bad name',
    ['init', 'Bad Name', '--out', join(dir, 'x.yaml')],
    /NAME: expected an id of lower-case letters, digits and dashes, starting with a letter, got "Bad Name"/,
  ],
  ['compare with one folder', ['compare', dir], /compare: expected at least two run folders, got 1/],
  ['compare folders that are no runs', ['compare', dir, dir], /no such file \(is this a folder written by/],
];

describe('bad flags: exit 2 naming the flag, nothing written', () => {
  it.each(cases)('%s', async (_, args, pattern) => {
    const target = args[0] === 'init' || args[0] === 'import' || args[0] === 'view' ? [] : ['--out', out];
    const r = await runCli(...args, ...target);
    expectRefused(r, 2, pattern);
    expectNothingLeft(out);
  });
});
