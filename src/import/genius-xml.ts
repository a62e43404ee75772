/**
 * GENIUS XML (the negotiation environment of the ANAC competitions 2010–2017; Lin, Fujita, Jonker
 * et al., "Genius: an integrated environment for supporting the design of generic automated
 * negotiators", Computational Intelligence 30(1), 2014) → AnacData.
 *
 * A domain file (`<negotiation_template>`) declares the issues under
 * utility_space/objective: `<issue type="discrete">` with `<item value=…>` children,
 * `<issue type="integer" lowerbound upperbound>` and `<issue type="real">` with a `<range
 * lowerbound upperbound>`. A profile (`<utility_space>`) repeats the issues with their evaluations
 * and gives `<weight index value>` per issue, `<reservation value>` and `<discount_factor value>`.
 * Profile issues are matched to the domain's by `index`, as GENIUS does.
 *
 * As GENIUS reads them (negotiator.utility in GENIUS 9): a discrete issue's evaluations are divided
 * by the issue's largest when that exceeds 1, otherwise they are the utilities themselves
 * (EvaluatorDiscrete); an integer issue's linear evaluator is offset + slope·(x − lowerbound), a
 * real issue's parameter1·x + parameter0, each clamped to [0, 1] (EvaluatorInteger,
 * EvaluatorReal); a `constant` evaluator is parameter0. No `<reservation>`: 0. A discount factor
 * outside (0, 1) means no discounting.
 */
import { basename, extname } from 'node:path';
import { parseNumber } from './delimited.ts';
import { readProfiles, type AnacIssue, type AnacProfile, type AnacResult, type AnacValuation, type SourcedValue, type TextFile } from './anac-data.ts';
import type { ImportProblem } from './spatial-data.ts';
import { childrenNamed, firstChildNamed, parseXml, type XmlElement } from './xml-elements.ts';

/** Weights must sum to 1 within this (parley's salience check). */
const WEIGHT_SUM_TOLERANCE = 0.01;

interface DomainIssue {
  issue: AnacIssue;
  /** GENIUS's `index` attribute, which profiles use to refer to the issue. */
  index: string;
}

/** A number attribute, or a problem pushed and NaN. */
function numberAttribute(
  element: XmlElement,
  name: string,
  file: string,
  problems: ImportProblem[],
  check: (x: number) => boolean = Number.isFinite,
  expected = 'a number',
): number {
  const raw = element.attributes[name];
  const x = raw === undefined ? undefined : parseNumber(raw);
  if (x === undefined || !check(x)) {
    problems.push({ file, line: element.line, message: `<${element.name}> ${name}: expected ${expected}, got ${raw === undefined ? 'nothing' : `"${raw}"`}` });
    return Number.NaN;
  }
  return x;
}

function issueType(element: XmlElement): string {
  return (element.attributes.type ?? element.attributes.etype ?? element.attributes.vtype ?? 'discrete').toLowerCase();
}

/** The objective under `root` (domain: negotiation_template/utility_space/objective; profile: utility_space/objective). */
function objectiveOf(root: XmlElement, file: string, problems: ImportProblem[]): XmlElement | undefined {
  const space = root.name === 'utility_space' ? root : firstChildNamed(root, 'utility_space');
  const objective = space && firstChildNamed(space, 'objective');
  if (objective === undefined) {
    problems.push({ file, line: (space ?? root).line, message: `expected an <objective> holding the issues inside <${(space ?? root).name}>` });
    return undefined;
  }
  const nested = firstChildNamed(objective, 'objective');
  if (nested)
    problems.push({
      file,
      line: nested.line,
      message: 'expected the issues directly under the root <objective>; objective trees (nested objectives) are not supported',
    });
  return objective;
}

function readDomain(root: XmlElement, file: string, problems: ImportProblem[]): { issues: DomainIssue[]; title?: string } {
  if (root.name !== 'negotiation_template') {
    const hint = root.name === 'utility_space' ? ' — a profile? The domain comes first: parley import genius DOMAIN.xml PROFILE.xml…' : '';
    problems.push({ file, line: root.line, message: `expected a GENIUS domain (root element <negotiation_template>), got <${root.name}>${hint}` });
    return { issues: [] };
  }
  const objective = objectiveOf(root, file, problems);
  if (objective === undefined) return { issues: [] };
  const elements = childrenNamed(objective, 'issue');
  if (elements.length === 0) problems.push({ file, line: objective.line, message: 'expected at least one <issue> in the objective' });
  const issues: DomainIssue[] = [];
  const seen = new Map<string, number>();
  elements.forEach((element, k) => {
    const name = element.attributes.name;
    const index = element.attributes.index ?? String(k + 1);
    if (!name) {
      problems.push({ file, line: element.line, message: '<issue> has no name attribute' });
      return;
    }
    if (seen.has(name)) problems.push({ file, line: element.line, message: `issue "${name}" is declared twice (first on line ${seen.get(name)})` });
    seen.set(name, element.line);
    const type = issueType(element);
    if (type === 'discrete') {
      const values: string[] = [];
      for (const item of childrenNamed(element, 'item')) {
        const value = item.attributes.value;
        if (value === undefined) problems.push({ file, line: item.line, message: `an <item> of issue "${name}" has no value attribute` });
        else if (values.includes(value)) problems.push({ file, line: item.line, message: `issue "${name}" lists the value "${value}" twice` });
        else values.push(value);
      }
      if (values.length < 2) problems.push({ file, line: element.line, message: `issue "${name}": expected at least 2 <item> values, got ${values.length}` });
      issues.push({ index, issue: { kind: 'discrete', name, values, line: element.line } });
    } else if (type === 'integer' || type === 'real') {
      const bounds = type === 'real' && element.attributes.lowerbound === undefined ? (firstChildNamed(element, 'range') ?? element) : element;
      const isInteger = (x: number) => type !== 'integer' || Number.isInteger(x);
      const expected = type === 'integer' ? 'a whole number' : 'a number';
      const low = numberAttribute(bounds, 'lowerbound', file, problems, isInteger, expected);
      const high = numberAttribute(bounds, 'upperbound', file, problems, isInteger, expected);
      if (low >= high) problems.push({ file, line: bounds.line, message: `issue "${name}": expected lowerbound < upperbound, got ${low} and ${high}` });
      issues.push({ index, issue: { kind: 'number', name, low, high, ...(type === 'integer' ? { step: 1 } : {}), line: element.line } });
    } else {
      problems.push({ file, line: element.line, message: `issue "${name}": type "${type}"; expected discrete, integer or real` });
    }
  });
  const title = objective.attributes.name;
  return { issues, title: title && title !== 'root' ? title : undefined };
}

/** Linear pieces of clamp(a + b·x, 0, 1) on [low, high]: a kink wherever the clamp starts. */
function clampedLine(a: number, b: number, low: number, high: number): [number, number][] {
  const xs = [low, high];
  if (b !== 0) for (const level of [0, 1]) xs.push((level - a) / b);
  return [...new Set(xs.filter((x) => x >= low && x <= high))].sort((x, y) => x - y).map((x) => [x, Math.min(1, Math.max(0, a + b * x))]);
}

function readValuation(domain: AnacIssue, element: XmlElement, file: string, problems: ImportProblem[]): AnacValuation {
  if (domain.kind === 'discrete') {
    const evaluations = new Map<string, number>();
    for (const item of childrenNamed(element, 'item')) {
      const value = item.attributes.value ?? '';
      if (!domain.values.includes(value)) {
        problems.push({ file, line: item.line, message: `issue "${domain.name}": item "${value}" is not a value of the domain (${domain.values.join(', ')})` });
        continue;
      }
      evaluations.set(
        value,
        numberAttribute(item, 'evaluation', file, problems, (x) => x >= 0, 'a number ≥ 0'),
      );
    }
    for (const value of domain.values) {
      if (!evaluations.has(value))
        problems.push({ file, line: element.line, message: `issue "${domain.name}": no <item> with an evaluation for the value "${value}"` });
    }
    const raw = domain.values.map((v) => evaluations.get(v) ?? Number.NaN);
    const largest = Math.max(...raw);
    // EvaluatorDiscrete: divided by the largest when it exceeds 1, else read as utilities.
    return { kind: 'table', utilities: raw.map((e) => (largest > 1 ? e / largest : e)) };
  }
  const evaluator = firstChildNamed(element, 'evaluator');
  if (evaluator === undefined) {
    problems.push({
      file,
      line: element.line,
      message: `issue "${domain.name}": expected an <evaluator ftype="linear" …> for the ${domain.step === undefined ? 'real' : 'integer'} issue`,
    });
    return { kind: 'pieces', points: [[domain.low, 0]] };
  }
  const ftype = (evaluator.attributes.ftype ?? '').toLowerCase();
  const has = (name: string) => evaluator.attributes[name] !== undefined;
  const number = (name: string) => numberAttribute(evaluator, name, file, problems);
  if (ftype === 'constant') {
    const c = has('parameter0') ? number('parameter0') : number('offset');
    return { kind: 'pieces', points: clampedLine(c, 0, domain.low, domain.high) };
  }
  if (ftype !== 'linear') {
    problems.push({
      file,
      line: evaluator.line,
      message: `issue "${domain.name}": evaluator ftype "${evaluator.attributes.ftype ?? ''}"; expected linear or constant`,
    });
    return { kind: 'pieces', points: [[domain.low, 0]] };
  }
  if (has('slope')) {
    // EvaluatorInteger: offset + slope·(x − lowerbound).
    const slope = number('slope');
    const offset = number('offset');
    return { kind: 'pieces', points: clampedLine(offset - slope * domain.low, slope, domain.low, domain.high) };
  }
  // EvaluatorReal: parameter1·x + parameter0.
  return { kind: 'pieces', points: clampedLine(number('parameter0'), number('parameter1'), domain.low, domain.high) };
}

function readProfile(root: XmlElement, file: string, domain: DomainIssue[], problems: ImportProblem[]): AnacProfile | undefined {
  if (root.name !== 'utility_space') {
    const hint = root.name === 'negotiation_template' ? ' — the domain? It comes first, then the profiles' : '';
    problems.push({ file, line: root.line, message: `expected a GENIUS profile (root element <utility_space>), got <${root.name}>${hint}` });
    return undefined;
  }
  const objective = objectiveOf(root, file, problems);
  if (objective === undefined) return undefined;
  const byIndex = new Map(childrenNamed(objective, 'issue').map((e, k) => [e.attributes.index ?? String(k + 1), e]));
  const weightElements = new Map(childrenNamed(objective, 'weight').map((e) => [e.attributes.index, e]));
  const weights: SourcedValue[] = [];
  const valuations: AnacValuation[] = [];
  for (const { index, issue } of domain) {
    const element = byIndex.get(index);
    if (element === undefined) {
      problems.push({ file, line: objective.line, message: `no <issue index="${index}"> (the domain's "${issue.name}")` });
      continue;
    }
    if (element.attributes.name !== undefined && element.attributes.name !== issue.name) {
      problems.push({ file, line: element.line, message: `<issue index="${index}"> is "${element.attributes.name}" here but "${issue.name}" in the domain` });
    }
    const weight = weightElements.get(index);
    if (weight === undefined) problems.push({ file, line: objective.line, message: `no <weight index="${index}"> for issue "${issue.name}"` });
    const value = weight === undefined ? Number.NaN : numberAttribute(weight, 'value', file, problems, (x) => x >= 0 && x <= 1, 'a number from 0 to 1');
    weights.push({ value, source: `${basename(file)}:${weight?.line ?? objective.line}: <weight index="${index}">` });
    valuations.push(readValuation(issue, element, file, problems));
  }
  const sum = weights.reduce((t, w) => t + w.value, 0);
  if (weights.length === domain.length && Number.isFinite(sum) && Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    problems.push({ file, line: objective.line, message: `the issue weights sum to ${Number(sum.toFixed(6))}; expected 1 (±${WEIGHT_SUM_TOLERANCE})` });
  }

  const reservationElement = firstChildNamed(root, 'reservation') ?? firstChildNamed(objective, 'reservation');
  const reservation: SourcedValue = reservationElement
    ? {
        value: numberAttribute(reservationElement, 'value', file, problems, (x) => x >= -1 && x <= 1, 'a utility from −1 to 1'),
        source: `${basename(file)}:${reservationElement.line}: <reservation value>`,
      }
    : { value: 0, source: `${basename(file)}: no <reservation>, so 0, as GENIUS reads it` };
  const discountElement = firstChildNamed(root, 'discount_factor');
  let discount: SourcedValue | undefined;
  if (discountElement) {
    const d = numberAttribute(discountElement, 'value', file, problems);
    // GENIUS: a factor outside (0, 1) means no discounting.
    if (d > 0 && d < 1) discount = { value: d, source: `${basename(file)}:${discountElement.line}: <discount_factor value>` };
  }
  return { name: basename(file, extname(file)), file, weights, valuations, reservation, ...(discount ? { discount } : {}) };
}

/** Reads a GENIUS domain and its profiles (one per party). */
export function readGenius(domainFile: TextFile, profileFiles: readonly TextFile[]): AnacResult {
  const problems: ImportProblem[] = [];
  const domainXml = parseXml(domainFile.text, domainFile.file);
  if (!domainXml.ok) return domainXml;
  const { issues, title } = readDomain(domainXml.root, domainFile.file, problems);
  if (problems.length > 0) return { ok: false, problems };
  const profiles = readProfiles(profileFiles, parseXml, ({ root }, file) => readProfile(root, file, issues, problems), problems);
  if (problems.length > 0) return { ok: false, problems };

  const domainName = basename(domainFile.file, extname(domainFile.file));
  const notes = ["Evaluations of discrete issues: divided by the issue's largest where it exceeds 1, else read as utilities (GENIUS's EvaluatorDiscrete)."];
  for (const profile of profiles) {
    const sum = profile.weights.reduce((t, w) => t + w.value, 0);
    if (Math.abs(sum - 1) > 1e-9)
      notes.push(`${profile.name}'s weights sum to ${sum}; parley rescales them to sum to 1, so its utilities are GENIUS's divided by ${sum}.`);
  }
  return {
    ok: true,
    data: { format: 'genius', domainName, title: title ?? domainName, domainFile: domainFile.file, issues: issues.map((d) => d.issue), profiles, notes },
  };
}
