/**
 * Reading delimited text (CSV, tab-separated) one line at a time, as the published negotiation
 * data files are written: no field spans lines, a field may be quoted (RFC 4180 style, a doubled
 * quote inside stands for one), and spaces around fields are padding.
 */

export interface TextLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
}

/** The file's lines (any line ending, a leading byte-order mark dropped), blank lines left out. */
export function nonBlankLines(text: string): TextLine[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .map((t, i) => ({ line: i + 1, text: t }))
    .filter((l) => l.text.trim() !== '');
}

/**
 * Splits one line into trimmed fields. A field that starts with `quote` runs to the matching
 * quote; a doubled quote inside is one quote character. Returns an error message when a quote
 * is not closed or text follows a closing quote.
 */
export function splitFields(line: string, delimiter: string, quote: string): string[] | { error: string } {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && line[i] === ' ' && delimiter !== ' ') i++;
    let field = '';
    if (line[i] === quote) {
      i++;
      for (;;) {
        if (i >= line.length) return { error: `a field opened with ${quote} is not closed` };
        if (line[i] === quote) {
          if (line[i + 1] === quote) {
            field += quote;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      while (i < line.length && line[i] !== delimiter) {
        if (line[i].trim() !== '') return { error: `unexpected text after the closing ${quote} of field ${fields.length + 1}` };
        i++;
      }
    } else {
      const end = line.indexOf(delimiter, i);
      field = (end === -1 ? line.slice(i) : line.slice(i, end)).trim();
      i = end === -1 ? line.length : end;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // the delimiter
  }
}

/** Drops empty fields at the end of a row (files often end rows with a delimiter). */
export function withoutTrailingEmpty(fields: readonly string[]): string[] {
  let n = fields.length;
  while (n > 0 && fields[n - 1] === '') n--;
  return fields.slice(0, n);
}

/** A comma-separated data row's fields without trailing empty ones, or undefined after reporting why it cannot be split. */
export function csvRowFields(
  row: { text: string; line: number },
  file: string,
  problems: { file: string; line?: number; message: string }[],
): string[] | undefined {
  const split = splitFields(row.text, ',', '"');
  if (!Array.isArray(split)) {
    problems.push({ file, line: row.line, message: split.error });
    return undefined;
  }
  return withoutTrailingEmpty(split);
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A decimal number written plainly (no thousands separators, no units); with `decimalComma`
 * also "0,5". Undefined if the text is not one.
 */
export function parseNumber(text: string, decimalComma = false): number | undefined {
  const t = text.trim();
  const normalized = decimalComma && /^[+-]?\d+,\d+$/.test(t) ? t.replace(',', '.') : t;
  if (!NUMBER.test(normalized)) return undefined;
  const n = Number(normalized);
  return Number.isFinite(n) ? n : undefined;
}

/** How a value reads in a message: `"abc"`, or "nothing" for an empty field. */
export function shown(text: string | undefined): string {
  return text === undefined || text === '' ? 'nothing' : `"${text}"`;
}
