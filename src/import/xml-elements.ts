/**
 * A minimal XML reader for GENIUS domain and profile files (Baarslag et al. 2010, the GENIUS
 * environment of the ANAC competitions): elements with their attributes and the line each starts
 * on. Text between elements, comments, the XML declaration, processing instructions, DOCTYPE and
 * CDATA are skipped — GENIUS keeps every number in attributes. No namespaces.
 *
 * Written here instead of taken from a package because every GENIUS problem is reported with its
 * file and line (an XML library would have to be asked for positions element by element), and
 * the format needs no more than this.
 */
import type { ImportProblem } from './spatial-data.ts';

export interface XmlElement {
  name: string;
  /** An attribute the element does not carry reads as undefined. */
  attributes: Partial<Record<string, string>>;
  children: XmlElement[];
  /** 1-based line of the element's start tag. */
  line: number;
}

export type XmlResult = { ok: true; root: XmlElement } | { ok: false; problems: ImportProblem[] };

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replaces &lt; &gt; &amp; &quot; &apos; &#N; &#xN; in attribute text. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

/** Escapes text for an attribute value in double quotes. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Markup that carries no element: comments, declarations, processing instructions, CDATA. */
const SKIPPED = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>/y;
const START_TAG = /<([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const END_TAG = /<\/([A-Za-z_][\w.:-]*)\s*>/y;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')/g;

export function parseXml(text: string, file: string): XmlResult {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineAt = (index: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const fail = (index: number, message: string): XmlResult => ({ ok: false, problems: [{ file, line: lineAt(index), message }] });

  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i)) {
    SKIPPED.lastIndex = i;
    if (SKIPPED.test(text)) {
      i = SKIPPED.lastIndex;
      continue;
    }
    END_TAG.lastIndex = i;
    const end = END_TAG.exec(text);
    if (end) {
      const open = stack.pop();
      if (open === undefined || open.name !== end[1]) {
        return fail(i, open === undefined ? `</${end[1]}> closes no open element` : `</${end[1]}> closes <${open.name}> opened on line ${open.line}`);
      }
      i = END_TAG.lastIndex;
      continue;
    }
    START_TAG.lastIndex = i;
    const start = START_TAG.exec(text);
    if (!start) return fail(i, `expected a tag like <name attribute="value">, got ${JSON.stringify(text.slice(i, i + 40).split('\n')[0])}`);
    const attributes: Partial<Record<string, string>> = {};
    // The value without its quotes (single or double).
    for (const [, name, quoted] of start[2].matchAll(ATTRIBUTE)) attributes[name] = decodeEntities(quoted.slice(1, -1));
    const element: XmlElement = { name: start[1], attributes, children: [], line: lineAt(i) };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root === undefined) root = element;
    else return fail(i, `<${element.name}> follows the document's root <${root.name}>; expected one root element`);
    if (start[3] !== '/') stack.push(element);
    i = START_TAG.lastIndex;
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    return { ok: false, problems: [{ file, line: open.line, message: `<${open.name}> is never closed` }] };
  }
  if (root === undefined) return { ok: false, problems: [{ file, message: 'expected an XML document, found no element' }] };
  return { ok: true, root };
}

/** The element's children named `name`, in document order. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** The element's first child named `name`, if it has one. */
export function firstChildNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}
