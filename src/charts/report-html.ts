/** HTML pieces every report page shares: escaping text and JSON, and plain tables. */

/** Text → HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * JSON that is safe inside a <script> element: "<", ">" and "&" become \u escapes (so no
 * "</script>" or "<!--" can appear), as do U+2028/U+2029, which old JavaScript parsers reject.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface Column {
  title: string;
  numeric?: boolean;
}

/** A table of plain-text cells (escaped here); `note`, if given, is a second, plain line of the caption. */
export function htmlTable(caption: string, columns: Column[], rows: string[][], note?: string): string {
  const cell = (tag: 'th' | 'td', text: string, k: number) => `<${tag}${columns[k].numeric === true ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  const head = `<tr>${columns.map((c, k) => cell('th', c.title, k)).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((text, k) => cell('td', text, k)).join('')}</tr>`).join('\n');
  return `<div class="table-wrap"><table>\n<caption>${escapeHtml(caption)}${note === undefined ? '' : `<br><span class="note">${escapeHtml(note)}</span>`}</caption>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}
