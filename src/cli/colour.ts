/**
 * Colour in the terminal, only where it helps and is wanted: when stdout is a terminal that
 * shows colour, never when NO_COLOR is set to anything (https://no-color.org), and in a pipe
 * only when FORCE_COLOR asks for it (set, and not "0" or "false").
 */
/** Free functions, so a style can be passed on by itself: `lines.map(style.dim)`. */
export interface Style {
  bold: (text: string) => string;
  dim: (text: string) => string;
  /** For words that flag something to weigh (an assumption). */
  warn: (text: string) => string;
}

interface Terminal {
  isTTY?: boolean;
  hasColors?: (count?: number) => boolean;
}

export function colourEnabled(stream: Terminal, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true && (stream.hasColors?.() ?? false);
}

const sgr = (open: number, close: number) => (text: string) => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`);
const plain = (text: string) => text;

/** The styles for a stream: ANSI SGR codes when colour is enabled, the text unchanged otherwise. */
export function styleFor(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): Style {
  return colourEnabled(stream as Terminal, env) ? { bold: sgr(1, 22), dim: sgr(2, 22), warn: sgr(33, 39) } : { bold: plain, dim: plain, warn: plain };
}
