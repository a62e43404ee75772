/**
 * Bad model files: each is one mistake in an otherwise valid model (or a file that is not a model
 * at all). `parley run` must refuse it before any work — exit 2, one line per problem naming the
 * file, the line and column where there is one, the field path and what was expected — and leave
 * no folder behind.
 */
import { mkfifoSync } from './mkfifo.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseModel, expectNothingLeft, expectRefused, runCli, scratch, writeModel } from './harness.ts';

const dir = scratch('models');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Model = ReturnType<typeof baseModel>;
interface FieldCase {
  name: string;
  change: (m: Model) => void;
  /** The field path as printed. */
  path: string;
  message: RegExp;
}

const fieldCases: FieldCase[] = [
  { name: 'patience above 1', change: (m) => (m.actors.a.patience = 1.3), path: 'actors.a.patience', message: /expected a number in \(0, 1\], got 1\.3/ },
  { name: 'patience 0', change: (m) => (m.actors.a.patience = 0), path: 'actors.a.patience', message: /expected a number in \(0, 1\], got 0/ },
  { name: 'patience as text', change: (m) => (m.actors.a.patience = 'high'), path: 'actors.a.patience', message: /expected a number or a distribution/ },
  { name: 'reservation above 1', change: (m) => (m.actors.b.reservation = 2), path: 'actors.b.reservation', message: /expected a number in \[-1, 1\]/ },
  { name: 'negative capability', change: (m) => (m.actors.c.capability = -1), path: 'actors.c.capability', message: /expected a number in \[0, 1000000000\]/ },
  {
    name: 'saliences summing to 0.7',
    change: (m) => (m.actors.a.salience.border = 0.3),
    path: 'actors.a.salience',
    message: /expected weights that sum to 1 \(±0\.01\), got 0\.7/,
  },
  {
    name: 'a salience missing',
    change: (m) => delete m.actors.a.salience.guarantee,
    path: 'actors.a.salience',
    message: /missing the weight of issue "guarantee"/,
  },
  {
    name: 'a salience of an unknown issue',
    change: (m) => (m.actors.a.salience.nato = 0),
    path: 'actors.a.salience.nato',
    message: /unknown issue "nato"; expected one of: border, guarantee/,
  },
  {
    name: 'a value of an unknown option',
    change: (m) => (m.actors.a.preferences.guarantee.treaty = 1),
    path: 'actors.a.preferences.guarantee.treaty',
    message: /unknown option "treaty"/,
  },
  {
    name: 'an option value missing',
    change: (m) => delete m.actors.b.preferences.guarantee.force,
    path: 'actors.b.preferences.guarantee',
    message: /missing the value of option "force"/,
  },
  {
    name: 'an option value above 1',
    change: (m) => (m.actors.b.preferences.guarantee.force = 1.5),
    path: 'actors.b.preferences.guarantee.force',
    message: /expected a number in \[0, 1\]/,
  },
  {
    name: 'an ideal point outside the range',
    change: (m) => (m.actors.a.preferences.border.ideal = 3),
    path: 'actors.a.preferences.border.ideal',
    message: /expected an ideal point in the issue's range \[0, 1\], got 3/,
  },
  {
    name: 'an ideal point on a categorical issue',
    change: (m) => (m.actors.a.preferences.guarantee = { ideal: 1 }),
    path: 'actors.a.preferences.guarantee',
    message: /not an ideal point/,
  },
  {
    name: 'an unknown preference shape',
    change: (m) => (m.actors.a.preferences.border.shape = 'cubic'),
    path: 'actors.a.preferences.border.shape',
    message: /unknown value "cubic"; expected one of: linear, quadratic/,
  },
  {
    name: 'a veto player that is no actor',
    change: (m) => (m.vetoPlayers = ['a', 'moscow']),
    path: 'vetoPlayers[1]',
    message: /unknown actor "moscow"; expected one of: a, b, c/,
  },
  { name: 'no veto players', change: (m) => (m.vetoPlayers = []), path: 'vetoPlayers', message: /./ },
  { name: 'an unknown proposer', change: (m) => (m.negotiation.proposers = ['a', 'z']), path: 'negotiation.proposers[1]', message: /unknown actor "z"/ },
  { name: 'an empty proposer list', change: (m) => (m.negotiation.proposers = []), path: 'negotiation.proposers', message: /expected at least one proposer/ },
  { name: 'an unknown mediator', change: (m) => (m.negotiation.mediator = 'un'), path: 'negotiation.mediator', message: /unknown actor "un"/ },
  { name: 'an unknown protocol', change: (m) => (m.negotiation.protocol = 'auction'), path: 'negotiation.protocol', message: /./ },
  { name: 'an unknown strategy', change: (m) => (m.actors.a.strategy = 'tit-for-tat'), path: 'actors.a.strategy', message: /./ },
  {
    name: 'an unknown concession',
    change: (m) => (m.actors.a.concession = 'fast'),
    path: 'actors.a.concession',
    message: /expected boulware, linear, conceder, an exponent in \[0\.01, 100\]/,
  },
  { name: 'a concession exponent of 1000', change: (m) => (m.actors.a.concession = 1000), path: 'actors.a.concession', message: /./ },
  { name: 'an unknown top-level field', change: (m) => (m.colour = 'blue'), path: 'colour', message: /unknown field/ },
  { name: 'an unknown actor field', change: (m) => (m.actors.a.mood = 'calm'), path: 'actors.a.mood', message: /unknown field/ },
  { name: 'no name', change: (m) => delete m.name, path: 'name', message: /./ },
  { name: 'a name with capitals', change: (m) => (m.name = 'Two States'), path: 'name', message: /expected an id of lower-case letters/ },
  { name: 'an empty title', change: (m) => (m.title = ''), path: 'title', message: /expected a non-empty text/ },
  { name: 'an empty actor label', change: (m) => (m.actors.a.label = ''), path: 'actors.a.label', message: /expected a non-empty text/ },
  {
    name: 'an issue id with capitals',
    change: (m) => ((m.issues.Border = m.issues.border), delete m.issues.border),
    path: 'issues.Border',
    message: /expected an id of lower-case letters/,
  },
  {
    name: 'an actor id __proto__ (would be dropped)',
    change: (m) => Object.defineProperty(m.actors, '__proto__', { value: m.actors.c, enumerable: true }),
    path: 'actors.__proto__',
    message: /"__proto__" is reserved/,
  },
  { name: 'an actor id constructor', change: (m) => (m.actors.constructor = m.actors.c), path: 'actors.constructor', message: /"constructor" is reserved/ },
  { name: 'an issue id prototype', change: (m) => (m.issues.prototype = m.issues.border), path: 'issues.prototype', message: /"prototype" is reserved/ },
  {
    name: 'an option id constructor',
    change: (m) => (m.issues.guarantee.options.constructor = { label: 'A trap' }),
    path: 'issues.guarantee.options.constructor',
    message: /"constructor" is reserved/,
  },
  {
    name: 'a variant named __proto__',
    change: (m) => Object.defineProperty(m.variants, '__proto__', { value: { set: {} }, enumerable: true }),
    path: 'variants.__proto__',
    message: /"__proto__" is reserved/,
  },
  {
    name: 'an interaction on an unknown issue',
    change: (m) => (m.interactions = [{ when: { nato: 'yes' }, effect: { a: 0.1 } }]),
    path: 'interactions[0].when.nato',
    message: /unknown issue "nato"/,
  },
  {
    name: 'an interaction on a continuous issue',
    change: (m) => (m.interactions = [{ when: { border: 'x' }, effect: { a: 0.1 } }]),
    path: 'interactions[0].when.border',
    message: /expected a discrete issue/,
  },
  {
    name: 'an interaction effect on an unknown actor',
    change: (m) => (m.interactions = [{ when: { guarantee: 'force' }, effect: { z: 0.1 } }]),
    path: 'interactions[0].effect.z',
    message: /unknown actor "z"/,
  },
  {
    name: 'an interaction on an unknown option',
    change: (m) => (m.interactions = [{ when: { guarantee: 'treaty' }, effect: { a: 0.1 } }]),
    path: 'interactions[0].when.guarantee',
    message: /unknown option "treaty"/,
  },
  {
    name: 'an interaction with no terms',
    change: (m) => (m.interactions = [{ when: {}, effect: { a: 0.1 } }]),
    path: 'interactions[0].when',
    message: /expected at least one term/,
  },
  {
    name: 'every package infeasible',
    change: (m) => (m.infeasible = [{ when: { guarantee: ['none', 'force'] } }]),
    path: 'infeasible',
    message: /expected at least one feasible package/,
  },
  {
    name: 'a range the wrong way round',
    change: (m) => (m.issues.border.range = [1, 0]),
    path: 'issues.border.range',
    message: /expected \[low, high\] with low < high/,
  },
  { name: 'one level', change: (m) => (m.issues.border.levels = 1), path: 'issues.border.levels', message: /./ },
  { name: '102 levels', change: (m) => (m.issues.border.levels = 102), path: 'issues.border.levels', message: /./ },
  {
    name: 'a categorical issue with one option',
    change: (m) => delete m.issues.guarantee.options.force,
    path: 'issues.guarantee.options',
    message: /expected at least 2 options/,
  },
  {
    name: 'an unknown issue kind',
    change: (m) => (m.issues.border.kind = 'numeric'),
    path: 'issues.border.kind',
    message: /unknown kind "numeric"; expected one of: categorical, ordinal, continuous/,
  },
  {
    name: 'an option consent of an unknown actor',
    change: (m) => (m.issues.guarantee.options.force.consent = ['nobody']),
    path: 'issues.guarantee.options.force.consent[0]',
    message: /unknown actor "nobody"/,
  },
  { name: 'zero rounds', change: (m) => (m.negotiation.rounds = 0), path: 'negotiation.rounds', message: /./ },
  { name: '10,001 rounds', change: (m) => (m.negotiation.rounds = 10_001), path: 'negotiation.rounds', message: /./ },
  {
    name: 'a deadline choice that does not sum to 1',
    change: (m) => (m.negotiation.rounds = { choice: { '20': 0.5, '40': 0.4 } }),
    path: 'negotiation.rounds',
    message: /probabilities of the alternatives to sum to 1, got 0\.9/,
  },
  {
    name: 'a strategy choice with an unknown strategy',
    change: (m) => (m.actors.a.strategy = { choice: { 'time-based': 0.5, stubborn: 0.5 } }),
    path: 'actors.a.strategy.choice.stubborn',
    message: /unknown alternative "stubborn"/,
  },
  {
    name: 'a rate per month without a round length',
    change: (m) => (m.negotiation.breakdownRisk = { value: 0.02, per: 'month' }),
    path: 'negotiation.breakdownRisk.per',
    message: /a rate per month needs negotiation\.roundLength/,
  },
  {
    name: 'a time span on a number that is no rate',
    change: (m) => (m.actors.a.reservation = { value: 0.3, per: 'month' }),
    path: 'actors.a.reservation.per',
    message: /only a rate has a time span/,
  },
  {
    name: 'a constraint naming an unknown option',
    change: (m) => (m.constraints = [{ forbid: { guarantee: 'troops' } }]),
    path: 'constraints[0].forbid.guarantee',
    message: /unknown option "troops"/,
  },
  {
    name: 'a round length in fortnights',
    change: (m) => (m.negotiation.roundLength = '2 fortnights'),
    path: 'negotiation.roundLength.unit',
    message: /expected a unit of day, week, month, year/,
  },
  {
    name: 'a breakdown risk of 1.5',
    change: (m) => (m.negotiation.breakdownRisk = 1.5),
    path: 'negotiation.breakdownRisk',
    message: /expected a number in \[0, 1\], got 1\.5/,
  },
  {
    name: 'a uniform with min above max',
    change: (m) => (m.actors.a.patience = { dist: 'uniform', min: 0.99, max: 0.9 }),
    path: 'actors.a.patience',
    message: /expected min < max/,
  },
  {
    name: 'a distribution leaving the field range',
    change: (m) => (m.actors.a.patience = { dist: 'uniform', min: 0.5, max: 1.5 }),
    path: 'actors.a.patience',
    message: /support is \[0\.5, 1\.5\]/,
  },
  {
    name: 'a normal whose mean is far outside',
    change: (m) => (m.actors.a.reservation = { dist: 'normal', mean: 5, sd: 0.1, min: 0, max: 1 }),
    path: 'actors.a.reservation.mean',
    message: /expected the mean within 3 sd of \[min, max\]/,
  },
  {
    name: 'a normal with sd 0',
    change: (m) => (m.actors.a.reservation = { dist: 'normal', mean: 0.3, sd: 0, min: 0, max: 1 }),
    path: 'actors.a.reservation.sd',
    message: /./,
  },
  {
    name: 'a beta shape of 0',
    change: (m) => (m.actors.a.patience = { dist: 'beta', alpha: 0, beta: 2, min: 0.8, max: 1 }),
    path: 'actors.a.patience.alpha',
    message: /./,
  },
  {
    name: 'a beta shape of 1e7 (a spike)',
    change: (m) => (m.actors.a.patience = { dist: 'beta', alpha: 1e7, beta: 1e7, min: 0.8, max: 1 }),
    path: 'actors.a.patience.alpha',
    message: /expected a shape in \[1e-300, 1e6\], got 10000000.*spike/,
  },
  {
    name: 'a beta shape of 1e-320',
    change: (m) => (m.actors.a.patience = { dist: 'beta', alpha: 1e-320, beta: 1, min: 0.8, max: 1 }),
    path: 'actors.a.patience.alpha',
    message: /expected a shape in \[1e-300, 1e6\]/,
  },
  {
    name: 'a triangular mode outside',
    change: (m) => (m.actors.a.patience = { dist: 'triangular', min: 0.9, mode: 0.5, max: 0.99 }),
    path: 'actors.a.patience.mode',
    message: /expected min ≤ mode ≤ max/,
  },
  { name: 'a bernoulli p of 1.2', change: (m) => (m.actors.a.capability = { dist: 'bernoulli', p: 1.2 }), path: 'actors.a.capability.p', message: /./ },
  {
    name: 'an unknown distribution',
    change: (m) => (m.actors.a.patience = { dist: 'lognormal', mean: 0.9 }),
    path: 'actors.a.patience.dist',
    message: /unknown dist "lognormal"; did you mean "normal"\? expected one of: fixed, uniform, normal, beta, triangular, bernoulli/,
  },
  {
    name: 'a distribution field misspelt',
    change: (m) => (m.actors.a.patience = { dist: 'uniform', min: 0.9, maxx: 0.99 }),
    path: 'actors.a.patience.max',
    message: /missing; expected a number/,
  },
  { name: 'an unknown saliences mode', change: (m) => (m.saliences = 'weird'), path: 'saliences', message: /./ },
  { name: 'a belief noise of 2', change: (m) => (m.negotiation.beliefNoise = 2), path: 'negotiation.beliefNoise', message: /expected a number in \[0, 1\]/ },
];

function manyActors(n: number): (m: Model) => void {
  return (m) => {
    for (let k = 0; k < n; k++) m.actors[`x${k}`] = { ...m.actors.c, label: `X ${k}` };
  };
}

const limitCases: FieldCase[] = [
  { name: '256 actors', change: manyActors(253), path: 'actors', message: /expected at most 255 actors, got 256/ },
  {
    name: '33 actors whose consent a deal needs',
    change: (m) => (manyActors(30)(m), (m.vetoPlayers = Object.keys(m.actors).slice(0, 33))),
    path: 'vetoPlayers',
    message: /expected at most 32 actors whose consent a deal can need/,
  },
  {
    name: 'more than a million packages',
    change: (m) => {
      for (const k of ['p', 'q', 'r']) {
        m.issues[k] = { label: k, kind: 'continuous', range: [0, 1], levels: 101 };
        for (const a of Object.values<Model>(m.actors)) {
          a.salience[k] = 0;
          a.preferences[k] = { ideal: 0 };
        }
      }
    },
    path: 'issues',
    message: /expected at most 1000000 packages.*got 10303010/,
  },
];

describe('one mistake in a model file: exit 2, file:line:column and field path, nothing written', () => {
  it.each([...fieldCases, ...limitCases].map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const m = baseModel();
    c.change(m);
    const file = writeModel(dir, m);
    const out = join(dir, 'out');
    const r = await runCli('run', file, '--runs', '10', '--workers', '1', '--out', out);
    expectRefused(r, 2, new RegExp(`${escape(file)}(:\\d+:\\d+)?: ${escape(c.path)}: .*${c.message.source}`));
    expectNothingLeft(out);
  });
});

/**
 * A whole part of the model of the wrong kind: one problem, in a model author's words (a mapping, a
 * list, the value found), and not one more for every name that referred into it.
 */
const wrongKindCases: { name: string; change: (m: Model) => void; path: string; message: RegExp }[] = [
  { name: 'actors as a number', change: (m) => (m.actors = 3), path: 'actors', message: /expected a mapping \(id: entry\), got the number 3\n/ },
  {
    name: 'issues as text',
    change: (m) => (m.issues = 'border, guarantee'),
    path: 'issues',
    message: /expected a mapping \(id: entry\), got the text "border, guarantee"\n/,
  },
  { name: 'negotiation as a list', change: (m) => (m.negotiation = [1, 2]), path: 'negotiation', message: /expected a mapping \(field: value\), got a list\n/ },
  {
    name: 'an issue as a number (the actors’ preferences on it are not called unknown)',
    change: (m) => (m.issues.border = 5),
    path: 'issues.border',
    message: /expected an issue with kind categorical, ordinal or continuous\n/,
  },
  {
    name: 'a range as a number',
    change: (m) => (m.issues.border.range = 5),
    path: 'issues.border.range',
    message: /expected a list \[low, high\], got the number 5\n/,
  },
  {
    name: 'the options of an issue as a number (combinations that name them are not called continuous)',
    change: (m) => {
      m.issues.guarantee.options = 3;
      m.infeasible = [{ when: { guarantee: 'force' } }];
    },
    path: 'issues.guarantee.options',
    message: /expected a mapping \(id: entry\), got the number 3\n/,
  },
  { name: 'veto players as a mapping', change: (m) => (m.vetoPlayers = { a: true }), path: 'vetoPlayers', message: /expected a list, got a mapping\n/ },
];

describe('a part of the model of the wrong kind: one problem, in plain words', () => {
  it.each(wrongKindCases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const m = baseModel();
    m.negotiation.breakdownRisk.per = 'month';
    m.negotiation.roundLength = '2 weeks';
    c.change(m);
    const file = writeModel(dir, m);
    const r = await runCli('validate', file);
    expectRefused(r, 2, new RegExp(`${escape(file)}:\\d+:\\d+: ${escape(c.path)}: ${c.message.source}`));
    expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  });
});

/** Files that are not a model as YAML sees it, or not a file parley should read at all. */
const fileCases: { name: string; make: () => string; message: RegExp; lineColumn?: boolean }[] = [
  { name: 'a YAML syntax error', make: () => writeModel(dir, 'name: x\ntitle: [unclosed\nactors: {}\n'), message: /not valid YAML\/JSON/, lineColumn: true },
  { name: 'a duplicate key', make: () => writeModel(dir, 'name: x\nname: y\n'), message: /not valid YAML\/JSON: Map keys must be unique/, lineColumn: true },
  { name: 'a tab for indentation', make: () => writeModel(dir, 'name: x\nnegotiation:\n\trounds: 3\n'), message: /not valid YAML\/JSON/, lineColumn: true },
  {
    name: 'an alias without its anchor',
    make: () => writeModel(dir, 'name: x\ntitle: *nowhere\n'),
    message: /the alias \*nowhere names no anchor &nowhere/,
    lineColumn: true,
  },
  {
    name: 'an alias bomb (a billion laughs)',
    make: () =>
      writeModel(
        dir,
        [
          'a: &a [x, x, x, x, x, x, x, x, x, x]',
          ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
          'name: *i',
        ].join('\n') + '\n',
      ),
    message: /YAML aliases here would expand past 10,000 copied nodes \(an alias bomb\?\)/,
    lineColumn: true,
  },
  {
    name: 'nesting 100,000 deep',
    make: () => writeModel(dir, `name: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`),
    message: /nested too deeply|not valid YAML/,
  },
  { name: 'an empty file', make: () => writeModel(dir, ''), message: /holds no model \(it is empty, or only comments\)/ },
  { name: 'a file of comments only', make: () => writeModel(dir, '# a model, one day\n'), message: /holds no model \(it is empty, or only comments\)/ },
  { name: 'a file that is one word', make: () => writeModel(dir, 'hello\n'), message: /expected a mapping \(field: value\), got the text "hello"/ },
  { name: 'a list instead of a model', make: () => writeModel(dir, '- a\n- b\n'), message: /expected a mapping \(field: value\), got a list/ },
  { name: 'JSON with a syntax error', make: () => writeModel(dir, '{"name": "x",\n "title": "y"', 'json'), message: /not valid YAML\/JSON/, lineColumn: true },
  {
    name: 'JSON with a __proto__ actor',
    make: () => {
      const m = baseModel();
      const json = JSON.stringify(m).replace('"c":{', '"__proto__":{');
      return writeModel(dir, json, 'json');
    },
    message: /actors\.__proto__: "__proto__" is reserved/,
    lineColumn: true,
  },
  {
    name: 'bytes that are not UTF-8',
    make: () => {
      const f = join(dir, 'latin1.yaml');
      writeFileSync(f, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0xff, 0x0a]));
      return f;
    },
    message: /expected UTF-8 text/,
  },
  {
    name: 'a binary file with NUL bytes',
    make: () => {
      const f = join(dir, 'binary.yaml');
      writeFileSync(f, Buffer.from([0x00, 0x01, 0x02, 0x41]));
      return f;
    },
    message: /NUL bytes/,
  },
  {
    name: 'a file over 10 MB',
    make: () => {
      const f = join(dir, 'huge.yaml');
      writeFileSync(f, `# ${'x'.repeat(11 * 1024 * 1024)}\n`);
      return f;
    },
    message: /the file is 11\.0 MB; parley reads input files of at most 10\.0 MB/,
  },
  { name: 'a folder', make: () => dir, message: /expected a file, got a directory/ },
  { name: 'a missing file', make: () => join(dir, 'no-such.yaml'), message: /no such file/ },
  { name: 'a path through a file', make: () => join(writeModel(dir, 'x: 1\n'), 'model.yaml'), message: /no such file \(a part of the path is a file/ },
  { name: '/dev/zero (grows without bound if read)', make: () => '/dev/zero', message: /expected a regular file, got a character device/ },
  {
    name: 'a FIFO with no writer (blocks if opened)',
    make: () => mkfifoSync(join(dir, 'fifo.yaml')),
    message: /expected a regular file, got a named pipe \(FIFO\)/,
  },
  { name: 'a file of /proc', make: () => '/proc/self/status', message: /expected a file on a disk, got a file of \/proc/ },
];

describe('files that are not a model: exit 2 at once, naming the file', () => {
  it.each(fileCases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const file = c.make();
    const out = join(dir, 'out');
    const started = Date.now();
    const r = await runCli('run', file, '--runs', '10', '--workers', '1', '--out', out);
    expectRefused(r, 2, new RegExp(`^${escape(file)}${c.lineColumn ? ':\\d+:\\d+' : '(:\\d+:\\d+)?'}: .*${c.message.source}`, 'm'));
    expect(Date.now() - started).toBeLessThan(5000);
    expectNothingLeft(out);
  });

  it('a 5 MB model of unknown keys: refused within seconds, the problems listed up to 50 and counted', async () => {
    const keys = Array.from({ length: 250_000 }, (_, k) => `unknown-${k}: 1`).join('\n');
    const file = writeModel(dir, `${keys}\n`);
    const started = Date.now();
    const cpu = process.cpuUsage();
    const r = await runCli('validate', file);
    const used = process.cpuUsage(cpu);
    expectRefused(r, 2, /unknown-0: unknown field/, /… and [\d,]+ more problems \(fix these first\)/);
    expect(r.stderr.split('\n').filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(51);
    // The work is bounded by this process's CPU time (about 5 s on a 2-core EPYC; the CLI runs in
    // this process): the wall clock on a shared machine also counts other processes' turns. The
    // wall clock is bounded too, loosely, against a hang.
    expect((used.user + used.system) / 1e6).toBeLessThan(20);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});

describe('variants and --set that break the model name the variant or the flag', () => {
  it('an unknown --variant', async () => {
    const r = await runCli('validate', writeModel(dir, baseModel()), '--variant', 'nope');
    expectRefused(r, 2, /--variant: no variant "nope" in the model; expected one of: patient/);
  });
  it('a variant that sets a value out of range', async () => {
    const m = baseModel();
    m.variants.patient.set['actors.a.patience'] = 1.7;
    const r = await runCli('validate', writeModel(dir, m), '--variant', 'patient');
    expectRefused(r, 2, /--set actors\.a\.patience=1\.7 \(variant patient\): actors\.a\.patience: expected a number in \(0, 1\]/);
  });
  it('a variant that sets an unknown distribution', async () => {
    const m = baseModel();
    m.variants.patient.set['actors.a.patience'] = 'gauss(1, 2)';
    const r = await runCli('validate', writeModel(dir, m), '--variant', 'patient');
    expectRefused(r, 2, /variants\.patient\.set\.actors\.a\.patience: unknown distribution "gauss"/);
  });
});
