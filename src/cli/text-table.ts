/**
 * A table for the terminal: columns sized to their content and shrunk to fit the width (long
 * cells wrapped at spaces), numbers right-aligned, and long texts (sources, descriptions) printed
 * under their row, indented and wrapped, instead of as a column squeezed to nothing. Secondary
 * columns (said by others too) are left out.
 */
import { cellText, type ModelTable } from '../scenario/model-tables.ts';
import type { Style } from './colour.ts';

const GAP = 2;
const DETAIL_INDENT = 4;
/** A column is never squeezed below this many characters (or its longest word, if shorter). */
const MIN_COLUMN = 8;

/** Characters as a terminal counts them (the model's texts have no wide or combining characters). */
function width(text: string): number {
  return [...text].length;
}

function pad(text: string, to: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, to - width(text)));
  return right ? fill + text : text + fill;
}

export { cellText };

/**
 * The words of a text: split at spaces, except (with `keepGroups`) inside brackets, so that
 * `uniform(0.88, 0.97)` or `[us, russia]` stays whole.
 */
function words(text: string, keepGroups: boolean): string[] {
  const out: string[] = [];
  let word = '';
  let depth = 0;
  for (const ch of text) {
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
    if (/\s/.test(ch) && !(keepGroups && depth > 0)) {
      if (word !== '') out.push(word);
      word = '';
    } else {
      word += ch;
    }
  }
  if (word !== '') out.push(word);
  return out;
}

/** Lines of at most `limit` characters, broken at spaces (outside brackets with `keepGroups`); a longer word is cut. */
export function wrap(text: string, limit: number, keepGroups = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of words(paragraph, keepGroups)) {
      while (width(word) > limit) {
        if (line !== '') lines.push(line);
        const chars = [...word];
        lines.push(chars.slice(0, limit).join(''));
        word = chars.slice(limit).join('');
        line = '';
      }
      if (line === '') line = word;
      else if (width(line) + 1 + width(word) <= limit) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    if (line !== '' || lines.length === 0) lines.push(line);
  }
  return lines;
}

/** The widest word of a cell: the least width it wraps into without cutting a word. */
function longestWord(text: string, keepGroups: boolean): number {
  return Math.max(0, ...words(text, keepGroups).map(width));
}

/**
 * Column widths: natural if they fit in `total`, else each at least its minimum (its longest
 * word, brackets kept whole if that fits, else broken at their spaces too) and the rest shared
 * by need; undefined if even the minimums do not fit.
 */
function columnWidths(texts: string[][], total: number): { widths: number[]; keepGroups: boolean } | undefined {
  const natural = texts[0].map((_, c) => Math.max(...texts.map((row) => width(row[c]))));
  const room = total - GAP * (natural.length - 1);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (sum(natural) <= room) return { widths: natural, keepGroups: true };
  for (const keepGroups of [true, false]) {
    const minimum = natural.map((n, c) => Math.min(n, Math.max(MIN_COLUMN, ...texts.map((row) => longestWord(row[c], keepGroups)))));
    const spare = room - sum(minimum);
    if (spare < 0) continue;
    const need = natural.map((n, c) => n - minimum[c]);
    const needed = sum(need);
    return { widths: minimum.map((m, c) => m + (needed === 0 ? 0 : Math.floor((spare * need[c]) / needed))), keepGroups };
  }
  return undefined;
}

/** For rows kept on one line: each column as wide as 9 in 10 of its cells; a longer cell pushes the rest of its row right. */
function typicalWidths(texts: string[][]): number[] {
  return texts[0].map((_, c) => {
    const sorted = texts.map((row) => width(row[c])).sort((a, b) => a - b);
    return sorted[Math.floor(0.9 * (sorted.length - 1))];
  });
}

/** A row's long texts, indented and wrapped under it ("as above" when they repeat the row before's). */
function detailLines(table: ModelTable, r: number, total: number, style: Style): string[] {
  const details = table.columns.filter((c) => c.detail && !c.secondary);
  const out: string[] = [];
  for (const c of details) {
    const cell = table.rows[r][c.key];
    if (cell === null || cell === undefined || cell === '') continue;
    const repeated = r > 0 && table.rows[r - 1][c.key] === cell;
    const text = `${details.length > 1 ? `${c.title.toLowerCase()}: ` : ''}${repeated ? '(as above)' : cellText(cell)}`;
    out.push(...wrap(text, Math.max(20, total - DETAIL_INDENT)).map((l) => style.dim(`${' '.repeat(DETAIL_INDENT)}${l}`)));
  }
  return out;
}

/** Units joined by `separator` into lines of at most `limit` characters, a unit broken only if it alone is too long. */
function joinUnits(units: string[], separator: string, limit: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const unit of units) {
    if (line !== '' && width(line) + width(separator) + width(unit) <= limit) line += separator + unit;
    else {
      if (line !== '') lines.push(line);
      const parts = wrap(unit, limit, true);
      lines.push(...parts.slice(0, -1));
      line = parts.at(-1) ?? '';
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function flagAssumptions(text: string, style: Style): string {
  return text.replace(/assumption/g, style.warn('assumption'));
}

/**
 * The table as text `total` characters wide: title, description, then the rows under a header,
 * or, when the columns cannot fit even wrapped, each row as a block of `column: value` lines.
 * `oneLine`: every row on one line, however long (for grep), its cells never wrapped.
 */
export function renderTable(table: ModelTable, total: number, style: Style, oneLine = false): string {
  const main = table.columns.filter((c) => !c.detail && !c.secondary);
  const header = main.map((c) => c.title);
  const body = table.rows.map((row) => main.map((c) => cellText(row[c.key] ?? null)));
  const out: string[] = [style.bold(table.title), ...wrap(table.description, total).map(style.dim), ''];
  const sized = oneLine ? { widths: typicalWidths([header, ...body]), keepGroups: true } : columnWidths([header, ...body], total);
  if (sized === undefined) {
    table.rows.forEach((_, r) => {
      out.push(style.bold(body[r][0]));
      const fields = main.slice(1).map((c, k) => `${c.title.toLowerCase()}: ${body[r][k + 1]}`);
      out.push(...joinUnits(fields, ' · ', total - DETAIL_INDENT).map((l) => `${' '.repeat(DETAIL_INDENT)}${flagAssumptions(l, style)}`));
      out.push(...detailLines(table, r, total, style));
    });
    return out.join('\n');
  }
  const { widths, keepGroups } = sized;
  const line = (cells: string[], emphasis: (text: string) => string) => {
    const wrapped = cells.map((cell, c) => (oneLine ? [cell] : wrap(cell, widths[c], keepGroups)));
    const height = Math.max(...wrapped.map((w) => w.length));
    const lines: string[] = [];
    for (let k = 0; k < height; k++) {
      const parts = wrapped.map((w, c) => pad(w[k] ?? '', widths[c], main[c].numeric === true));
      lines.push(emphasis(parts.join(' '.repeat(GAP)).trimEnd()));
    }
    return lines;
  };
  out.push(...line(header, style.bold));
  out.push(widths.map((w) => '─'.repeat(w)).join(' '.repeat(GAP)));
  table.rows.forEach((_, r) => {
    out.push(...line(body[r], (text) => flagAssumptions(text, style)));
    out.push(...detailLines(table, r, total, style));
  });
  return out.join('\n');
}
