/**
 * GeniusWeb JSON (the platform of ANAC since 2019 and of the ANL; github.com/brenting/geniusweb
 * and the GeniusWeb Python port) → AnacData.
 *
 * A domain: `{"name": …, "issuesValues": {issue: {"values": [names…]} | {"range": {"low", "high",
 * "step"}}}}`. A profile: `{"LinearAdditiveUtilitySpace": {"issueWeights": {issue: w},
 * "issueUtilities": {issue: {"DiscreteValueSetUtilities": {"valueUtilities": {value: u}}} |
 * {"NumberValueSetUtilities": {"lowValue", "lowUtility", "highValue", "highUtility"}}},
 * "reservationBid": {"issuevalues": {issue: value}}, "name", "domain"}}` (older files say
 * `discreteutils`/`numberutils`).
 *
 * As GeniusWeb reads them: weights sum to 1, utilities lie in [0, 1]; NumberValueSetUtilities
 * interpolates linearly between its low and high value, which are the range's ends
 * (NumberValueSetUtilities.isFitting); the reservation is the utility of the reservation bid
 * (an issue it leaves out adds 0), and 0 without one. GeniusWeb profiles carry no discount.
 */
import { basename, extname } from 'node:path';
import {
  gridPoints,
  readProfiles,
  valueAt,
  type AnacIssue,
  type AnacProfile,
  type AnacResult,
  type AnacValuation,
  type SourcedValue,
  type TextFile,
} from './anac-data.ts';
import { asObject, parseJsonWithLines, type JsonPath } from './json-lines.ts';
import type { ImportProblem } from './spatial-data.ts';

const WEIGHT_SUM_TOLERANCE = 0.01;
const DISCRETE_KEYS = ['DiscreteValueSetUtilities', 'discreteutils'];
const NUMBER_KEYS = ['NumberValueSetUtilities', 'numberutils'];

/** Collects problems at field paths of one file, with their lines. */
function reporter(file: string, lineOf: (path: JsonPath) => number | undefined, problems: ImportProblem[]) {
  return (path: JsonPath, message: string) => {
    problems.push({ file, line: lineOf(path), message: `${path.join('.')}${path.length > 0 ? ': ' : ''}${message}` });
  };
}

function shownJson(x: unknown): string {
  return x === undefined ? 'nothing' : JSON.stringify(x);
}

function readDomain(value: unknown, file: string, report: (path: JsonPath, message: string) => void): { name: string; issues: AnacIssue[] } {
  const fallbackName = basename(file, extname(file));
  const domain = asObject(value);
  if (domain && 'LinearAdditiveUtilitySpace' in domain) {
    report(
      [],
      'expected a GeniusWeb domain ({"name", "issuesValues"}), got a profile — the domain comes first: parley import geniusweb DOMAIN.json PROFILE.json…',
    );
    return { name: fallbackName, issues: [] };
  }
  const issuesValues = asObject(domain?.issuesValues);
  if (issuesValues === undefined) {
    report(domain ? ['issuesValues'] : [], `expected a GeniusWeb domain: {"name": …, "issuesValues": {issue: {"values": […]}, …}}`);
    return { name: fallbackName, issues: [] };
  }
  const issues: AnacIssue[] = [];
  for (const [name, raw] of Object.entries(issuesValues)) {
    const spec = asObject(raw);
    const path = ['issuesValues', name];
    if (Array.isArray(spec?.values)) {
      const values = spec.values;
      values.forEach((v, k) => {
        if (typeof v !== 'string') report([...path, 'values', k], `expected a value name (a string), got ${shownJson(v)}`);
        else if (values.indexOf(v) !== k) report([...path, 'values', k], `the value "${v}" is listed twice`);
      });
      if (values.length < 2) report([...path, 'values'], `expected at least 2 values, got ${values.length}`);
      issues.push({ kind: 'discrete', name, values: values.map(String) });
    } else if (asObject(spec?.range)) {
      const range = asObject(spec?.range) ?? {};
      const [low, high, step] = ['low', 'high', 'step'].map((key) => {
        const x = range[key];
        if (typeof x !== 'number' || !Number.isFinite(x)) report([...path, 'range', key], `expected a number, got ${shownJson(x)}`);
        return typeof x === 'number' ? x : Number.NaN;
      });
      if (!(step > 0)) report([...path, 'range', 'step'], `expected a step > 0, got ${step}`);
      else if (!(high - low >= step)) report([...path, 'range'], `expected low + step ≤ high (at least 2 values), got low ${low}, high ${high}, step ${step}`);
      issues.push({ kind: 'number', name, low, high, step });
    } else {
      report(path, `expected {"values": [names…]} or {"range": {"low", "high", "step"}}, got ${shownJson(raw)}`);
    }
  }
  if (issues.length === 0 && Object.keys(issuesValues).length === 0) report(['issuesValues'], 'expected at least one issue');
  return { name: typeof domain?.name === 'string' ? domain.name : fallbackName, issues };
}

function readValuation(issue: AnacIssue, raw: unknown, path: JsonPath, report: (path: JsonPath, message: string) => void): AnacValuation {
  const wrapper = asObject(raw) ?? {};
  const [key] = Object.keys(wrapper);
  const body = asObject(wrapper[key]) ?? {};
  const inUnit = (x: unknown, at: JsonPath): number => {
    if (typeof x !== 'number' || !(x >= 0 && x <= 1)) report(at, `expected a utility from 0 to 1, got ${shownJson(x)}`);
    return typeof x === 'number' ? x : Number.NaN;
  };
  if (issue.kind === 'discrete') {
    const utilities = asObject(body.valueUtilities);
    if (!DISCRETE_KEYS.includes(key) || utilities === undefined) {
      report(path, `expected {"DiscreteValueSetUtilities": {"valueUtilities": {value: utility, …}}} for the discrete issue, got ${shownJson(raw)}`);
      return { kind: 'table', utilities: [] };
    }
    for (const value of Object.keys(utilities)) {
      if (!issue.values.includes(value))
        report([...path, key, 'valueUtilities', value], `"${value}" is not a value of the domain's issue (${issue.values.join(', ')})`);
    }
    return {
      kind: 'table',
      utilities: issue.values.map((value) => {
        if (!(value in utilities)) report([...path, key, 'valueUtilities'], `no utility for the value "${value}"`);
        return inUnit(utilities[value], [...path, key, 'valueUtilities', value]);
      }),
    };
  }
  if (!NUMBER_KEYS.includes(key)) {
    report(path, `expected {"NumberValueSetUtilities": {"lowValue", "lowUtility", "highValue", "highUtility"}} for the number issue, got ${shownJson(raw)}`);
    return { kind: 'pieces', points: [[issue.low, 0]] };
  }
  const at = (field: string) => [...path, key, field];
  const lowUtility = inUnit(body.lowUtility, at('lowUtility'));
  const highUtility = inUnit(body.highUtility, at('highUtility'));
  // NumberValueSetUtilities.isFitting: its low and high values are the range's.
  if (body.lowValue !== issue.low) report(at('lowValue'), `expected the range's low value ${issue.low}, got ${shownJson(body.lowValue)}`);
  if (body.highValue !== issue.high) report(at('highValue'), `expected the range's high value ${issue.high}, got ${shownJson(body.highValue)}`);
  return {
    kind: 'pieces',
    points: [
      [issue.low, lowUtility],
      [issue.high, highUtility],
    ],
  };
}

/** The index of `value` among the issue's values (a number issue: its grid point), or −1. */
function valueIndex(issue: AnacIssue, value: unknown): number {
  if (issue.kind === 'discrete') return typeof value === 'string' ? issue.values.indexOf(value) : -1;
  if (typeof value !== 'number' || issue.step === undefined) return -1;
  const step = issue.step;
  return gridPoints({ ...issue, step }).findIndex((x) => Math.abs(x - value) <= 1e-9 * step);
}

/** The utility of value `index` of the issue (a number issue: of its grid point), 0 for −1. */
function utilityOf(issue: AnacIssue, valuation: AnacValuation, index: number): number {
  if (index < 0) return 0;
  if (valuation.kind === 'table') return valuation.utilities[index];
  if (issue.kind !== 'number' || issue.step === undefined) return 0;
  return valueAt(valuation.points, gridPoints({ ...issue, step: issue.step })[index]);
}

function readProfile(
  value: unknown,
  file: string,
  domainName: string,
  issues: AnacIssue[],
  report: (path: JsonPath, message: string) => void,
  lineOf: (path: JsonPath) => number | undefined,
): AnacProfile | undefined {
  const root = asObject(value);
  const space = asObject(root?.LinearAdditiveUtilitySpace);
  if (space === undefined) {
    const key = Object.keys(root ?? {}).at(0);
    const got =
      root && 'issuesValues' in root ? 'a domain — the domain comes first, then the profiles' : key === undefined ? shownJson(value) : `{"${key}": …}`;
    report([], `expected a GeniusWeb profile {"LinearAdditiveUtilitySpace": {…}}, got ${got}; parley reads linear-additive profiles only`);
    return undefined;
  }
  const base: JsonPath = ['LinearAdditiveUtilitySpace'];
  const embedded = asObject(space.domain)?.name;
  if (typeof embedded === 'string' && embedded !== domainName)
    report([...base, 'domain', 'name'], `this profile is for the domain "${embedded}", not "${domainName}"`);
  const weightsRaw = asObject(space.issueWeights);
  const utilitiesRaw = asObject(space.issueUtilities);
  if (weightsRaw === undefined) report([...base, 'issueWeights'], 'expected {issue: weight, …}');
  if (utilitiesRaw === undefined) report([...base, 'issueUtilities'], 'expected {issue: {"DiscreteValueSetUtilities": …}, …}');
  if (weightsRaw === undefined || utilitiesRaw === undefined) return undefined;
  const names = issues.map((i) => i.name);
  for (const [field, raw] of [
    ['issueWeights', weightsRaw],
    ['issueUtilities', utilitiesRaw],
  ] as const) {
    for (const key of Object.keys(raw)) if (!names.includes(key)) report([...base, field, key], `"${key}" is not an issue of the domain (${names.join(', ')})`);
  }
  const fileName = basename(file);
  const weights: SourcedValue[] = issues.map((issue) => {
    const path = [...base, 'issueWeights', issue.name];
    const w = weightsRaw[issue.name];
    if (typeof w !== 'number' || !(w >= 0 && w <= 1)) report(path, `expected a weight from 0 to 1, got ${shownJson(w)}`);
    return { value: typeof w === 'number' ? w : Number.NaN, source: `${fileName}:${lineOf(path)}: issueWeights.${issue.name}` };
  });
  const valuations = issues.map((issue) => readValuation(issue, utilitiesRaw[issue.name], [...base, 'issueUtilities', issue.name], report));
  const sum = weights.reduce((t, w) => t + w.value, 0);
  if (Number.isFinite(sum) && Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE)
    report([...base, 'issueWeights'], `the weights sum to ${Number(sum.toFixed(6))}; expected 1 (±${WEIGHT_SUM_TOLERANCE})`);

  let reservation: SourcedValue = { value: 0, source: `${fileName}: no reservationBid, so 0` };
  let reservationBid: number[] | undefined;
  if (space.reservationBid !== undefined) {
    const path = [...base, 'reservationBid', 'issuevalues'];
    const bid = asObject(asObject(space.reservationBid)?.issuevalues);
    if (bid === undefined) report(path, `expected {"issuevalues": {issue: value, …}}, got ${shownJson(space.reservationBid)}`);
    else {
      for (const key of Object.keys(bid)) if (!names.includes(key)) report([...path, key], `"${key}" is not an issue of the domain`);
      reservationBid = issues.map((issue) => {
        if (!(issue.name in bid)) return -1;
        const k = valueIndex(issue, bid[issue.name]);
        if (k < 0) report([...path, issue.name], `${shownJson(bid[issue.name])} is not a value of the issue`);
        return k;
      });
      const value = issues.reduce((t, issue, i) => t + weights[i].value * utilityOf(issue, valuations[i], reservationBid?.[i] ?? -1), 0);
      reservation = { value, source: `${fileName}:${lineOf(path)}: the utility of its reservationBid` };
    }
  }
  const name = typeof space.name === 'string' ? space.name : basename(file, extname(file));
  return { name, file, weights, valuations, reservation, ...(reservationBid ? { reservationBid } : {}) };
}

/** Reads a GeniusWeb domain and its profiles (one per party). */
export function readGeniusWeb(domainFile: TextFile, profileFiles: readonly TextFile[]): AnacResult {
  const problems: ImportProblem[] = [];
  const domainJson = parseJsonWithLines(domainFile.text, domainFile.file);
  if (!domainJson.ok) return domainJson;
  const { name, issues } = readDomain(domainJson.value, domainFile.file, reporter(domainFile.file, domainJson.lineOf, problems));
  if (problems.length > 0) return { ok: false, problems };
  const profiles = readProfiles(
    profileFiles,
    parseJsonWithLines,
    ({ value, lineOf }, file) => readProfile(value, file, name, issues, reporter(file, lineOf, problems), lineOf),
    problems,
  );
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    data: {
      format: 'geniusweb',
      domainName: name,
      title: name,
      domainFile: domainFile.file,
      issues,
      profiles,
      notes: ['GeniusWeb profiles carry no discount factor: patience 1.'],
    },
  };
}
