/**
 * AnacData → the files of GENIUS XML (a `negotiation_template` domain and one `utility_space`
 * profile per party) or GeniusWeb JSON (a domain and one LinearAdditiveUtilitySpace profile per
 * party), in the shapes genius-xml.ts and geniusweb-json.ts read (see those files for the formats'
 * sources). Numbers are written in their shortest round-trip form, so reading the files back gives
 * the same numbers.
 */
import { gridPoints, valueAt, type AnacData, type AnacIssue, type AnacNumberIssue, type AnacProfile, type AnacValuation } from './anac-data.ts';
import { escapeAttribute } from './xml-elements.ts';

export interface WrittenFile {
  /** The file name (no folder). */
  name: string;
  text: string;
}

/** File names: the domain's, then each profile's — its name where that is a plain file name, else its `file` (an id). */
function fileNames(data: AnacData, extension: string): string[] {
  const taken = new Set([`${data.domainName}${extension}`]);
  const names = [`${data.domainName}${extension}`];
  for (const profile of data.profiles) {
    let name = /^[A-Za-z0-9_.-]+$/.test(profile.name) ? `${profile.name}${extension}` : `${profile.file}${extension}`;
    if (taken.has(name)) name = `${profile.file}${extension}`;
    for (let k = 2; taken.has(name); k++) name = `${profile.file}-${k}${extension}`;
    taken.add(name);
    names.push(name);
  }
  return names;
}

/** The linear piece of a number issue's valuation: v(low), v(high) (the writers write only linear ones). */
function ends(issue: AnacNumberIssue, valuation: AnacValuation): [number, number] {
  if (valuation.kind !== 'pieces') throw new Error(`issue "${issue.name}": a number issue needs a linear valuation`);
  return [valueAt(valuation.points, issue.low), valueAt(valuation.points, issue.high)];
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}="${escapeAttribute(String(v))}"`)
    .join(' ');
}

function geniusType(issue: AnacIssue): string {
  if (issue.kind === 'discrete') return 'discrete';
  return issue.step === 1 && Number.isInteger(issue.low) && Number.isInteger(issue.high) ? 'integer' : 'real';
}

function geniusIssueOpen(issue: AnacIssue, index: number): string {
  const type = geniusType(issue);
  const bounds: Record<string, number> = issue.kind === 'number' ? { lowerbound: issue.low, upperbound: issue.high } : {};
  return `<issue ${attributes({ index, etype: type, type, vtype: type, name: issue.name, ...bounds })}>`;
}

function geniusDomain(data: AnacData): string {
  const lines = [
    '<negotiation_template>',
    `  <utility_space number_of_issues="${data.issues.length}">`,
    `    <objective ${attributes({ index: 0, etype: 'objective', type: 'objective', description: '', name: data.title })}>`,
  ];
  data.issues.forEach((issue, i) => {
    lines.push(`      ${geniusIssueOpen(issue, i + 1)}`);
    if (issue.kind === 'discrete') issue.values.forEach((value, k) => lines.push(`        <item ${attributes({ index: k + 1, value, description: value })}/>`));
    else lines.push(`        <range ${attributes({ lowerbound: issue.low, upperbound: issue.high })}/>`);
    lines.push('      </issue>');
  });
  lines.push('    </objective>', '  </utility_space>', '</negotiation_template>', '');
  return lines.join('\n');
}

function geniusProfile(data: AnacData, profile: AnacProfile): string {
  const lines = [
    `<utility_space number_of_issues="${data.issues.length}">`,
    `  <objective ${attributes({ index: 0, etype: 'objective', type: 'objective', description: '', name: data.title })}>`,
  ];
  data.issues.forEach((issue, i) => {
    const valuation = profile.valuations[i];
    lines.push(`    ${geniusIssueOpen(issue, i + 1)}`);
    if (issue.kind === 'discrete') {
      const utilities = valuation.kind === 'table' ? valuation.utilities : [];
      // Utilities ≤ 1: GENIUS reads them as they are (it divides by the largest only above 1).
      issue.values.forEach((value, k) => lines.push(`      <item ${attributes({ index: k + 1, value, evaluation: utilities[k] })}/>`));
    } else {
      const [atLow, atHigh] = ends(issue, valuation);
      const slope = (atHigh - atLow) / (issue.high - issue.low);
      if (geniusType(issue) === 'integer') lines.push(`      <evaluator ${attributes({ ftype: 'linear', offset: atLow, slope })}/>`);
      else
        lines.push(
          `      <evaluator ${attributes({ ftype: 'linear', parameter0: atLow - slope * issue.low, parameter1: slope })}/>`,
          `      <range ${attributes({ lowerbound: issue.low, upperbound: issue.high })}/>`,
        );
    }
    lines.push('    </issue>');
  });
  profile.weights.forEach((w, i) => lines.push(`    <weight ${attributes({ index: i + 1, value: w.value })}/>`));
  lines.push('  </objective>', `  <reservation value="${profile.reservation.value}"/>`);
  if (profile.discount) lines.push(`  <discount_factor value="${profile.discount.value}"/>`);
  lines.push('</utility_space>', '');
  return lines.join('\n');
}

export function writeGenius(data: AnacData): WrittenFile[] {
  const names = fileNames(data, '.xml');
  return [{ name: names[0], text: geniusDomain(data) }, ...data.profiles.map((p, k) => ({ name: names[k + 1], text: geniusProfile(data, p) }))];
}

function geniusWebDomain(data: AnacData) {
  const issuesValues = Object.fromEntries(
    data.issues.map((issue) => [
      issue.name,
      issue.kind === 'discrete' ? { values: issue.values } : { range: { low: issue.low, high: issue.high, step: issue.step } },
    ]),
  );
  return { name: data.domainName, issuesValues };
}

function geniusWebProfile(data: AnacData, profile: AnacProfile, domain: ReturnType<typeof geniusWebDomain>) {
  const issueUtilities = Object.fromEntries(
    data.issues.map((issue, i): [string, object] => {
      const valuation = profile.valuations[i];
      if (issue.kind === 'discrete') {
        const utilities = valuation.kind === 'table' ? valuation.utilities : [];
        return [issue.name, { DiscreteValueSetUtilities: { valueUtilities: Object.fromEntries(issue.values.map((v, k) => [v, utilities[k]])) } }];
      }
      const [lowUtility, highUtility] = ends(issue, valuation);
      return [issue.name, { NumberValueSetUtilities: { lowValue: issue.low, lowUtility, highValue: issue.high, highUtility } }];
    }),
  );
  const issueWeights = Object.fromEntries(data.issues.map((issue, i) => [issue.name, profile.weights[i].value]));
  const bid = profile.reservationBid;
  const reservation = bid && {
    reservationBid: {
      issuevalues: Object.fromEntries(
        data.issues.map((issue, i) => [
          issue.name,
          issue.kind === 'discrete' ? issue.values[bid[i]] : gridPoints({ ...issue, step: issue.step ?? issue.high - issue.low })[bid[i]],
        ]),
      ),
    },
  };
  return { LinearAdditiveUtilitySpace: { issueUtilities, issueWeights, domain, name: profile.name, ...reservation } };
}

export function writeGeniusWeb(data: AnacData): WrittenFile[] {
  const names = fileNames(data, '.json');
  const domain = geniusWebDomain(data);
  const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;
  return [{ name: names[0], text: json(domain) }, ...data.profiles.map((p, k) => ({ name: names[k + 1], text: json(geniusWebProfile(data, p, domain)) }))];
}
