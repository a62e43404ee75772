/** Quotes a word for a POSIX shell when it needs it (for commands printed back to the user). */
export function shellQuote(word: string): string {
  return /^[\w./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
