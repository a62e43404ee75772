/**
 * What a parameter rests on, read from its `source` text (the model format's convention: "¶N of
 * the article and a few words, or 'assumption: why'"):
 *   - evidence: the text cites paragraphs of the article (¶N) and calls nothing an assumption;
 *   - evidence and assumption: it cites paragraphs but also says part is assumed ("¶21: …;
 *     assumption on size");
 *   - assumption: it starts with "assumption";
 *   - cited: a source without paragraph marks (an imported data set's row, a book);
 *   - none: no source at all.
 */
export type SourceBasis = 'evidence' | 'evidence and assumption' | 'assumption' | 'cited' | 'none';

export interface SourceReading {
  basis: SourceBasis;
  /** The paragraphs cited, in order of first mention, e.g. ['¶3', '¶24–26']. */
  paragraphs: string[];
  /** A short label for tables: `evidence: ¶3, ¶24–26`, `evidence: ¶21 + assumption`, `assumption`. */
  label: string;
}

const PARAGRAPH = /¶\s?\d+(?:\s?[–-]\s?\d+)?/g;

/** The ¶ marks of a text in order, without those an earlier mark covers (¶9 after ¶8–9). */
function citedParagraphs(text: string): string[] {
  const out: { mark: string; from: number; to: number }[] = [];
  for (const raw of text.match(PARAGRAPH) ?? []) {
    const mark = raw.replace(/\s/g, '');
    const [from, to = from] = mark.slice(1).split(/[–-]/).map(Number);
    if (!out.some((p) => p.from <= from && to <= p.to)) out.push({ mark, from, to });
  }
  return out.map((p) => p.mark);
}

export function readSource(source: string | undefined): SourceReading {
  const text = (source ?? '').trim();
  if (text === '') return { basis: 'none', paragraphs: [], label: 'no source' };
  if (/^assum/i.test(text)) return { basis: 'assumption', paragraphs: [], label: 'assumption' };
  const paragraphs = citedParagraphs(text);
  if (paragraphs.length === 0) return { basis: 'cited', paragraphs, label: 'cited' };
  const cited = paragraphs.join(', ');
  if (/\bassum/i.test(text)) return { basis: 'evidence and assumption', paragraphs, label: `evidence: ${cited} + assumption` };
  return { basis: 'evidence', paragraphs, label: `evidence: ${cited}` };
}
