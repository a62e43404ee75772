/**
 * "Export": the explorer's state written out for the CLI — the `parley run` command line with its
 * `--set` lines, or a `variants:` entry to paste into the model — so the same numbers come back
 * from the command line. Pure text from the state; nothing is read from the page.
 */
import { shellQuote } from '../core.ts';
import type { ExplorerState } from './explorer-state.ts';

/** `parley run MODEL --runs N --seed S [--variant V] --set LINE …`, each word quoted for a POSIX shell. */
export function runCommandLine(model: string, state: ExplorerState): string {
  const words = ['parley', 'run', model, '--runs', String(state.runs), '--seed', state.seed];
  if (state.variant !== null) words.push('--variant', state.variant);
  for (const line of state.set) words.push('--set', line);
  return words.map(shellQuote).join(' ');
}

/** A YAML key or value as a double-quoted string when it is not a plain word or number. */
function yamlScalar(text: string): string {
  return /^[\w.~()\-, [\]]+$/.test(text) && !/^[-\s]|[\s]$/.test(text) && !text.includes(': ') ? text : JSON.stringify(text);
}

/**
 * The state's `--set` lines as a `variants:` entry (`PATH~` for a line that rescales the other
 * weights). A variant starts from the base model, so a state on top of another variant says so in
 * its description: its lines must be added to that variant's.
 */
export function variantEntry(name: string, state: ExplorerState): string {
  const lines = [`variants:`, `  ${name}:`];
  const on = state.variant === null ? '' : ` on top of variant ${state.variant}`;
  lines.push(`    description: ${JSON.stringify(`explored in the browser${on}`)}`);
  lines.push('    set:');
  if (state.set.length === 0) lines[lines.length - 1] = '    set: {}';
  for (const line of state.set) {
    const eq = line.indexOf('=');
    const key = line.slice(0, eq).trim();
    lines.push(`      ${yamlScalar(key)}: ${yamlScalar(line.slice(eq + 1).trim())}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The model file with the state as a new variant `name` (the edited model Export offers): the
 * entry goes at the top of the file's `variants:` section, or in a new one at the end, so the
 * file's text, comments included, is kept. `parley run FILE --variant NAME` then gives the same
 * numbers. A name the file already uses is the caller's to avoid.
 */
export function modelWithVariant(text: string, name: string, state: ExplorerState): string {
  const entry = variantEntry(name, state);
  const section = /^variants:[ \t]*\r?\n/m.exec(text);
  if (section === null) return `${text.trimEnd()}\n\n${entry}`;
  return text.slice(0, section.index) + entry + text.slice(section.index + section[0].length);
}
