/**
 * How a command ends. For a person: its answer (a summary table, a comparison's headline) and the
 * closing line (what it wrote where) on stdout. With --json: one JSON document on stdout for a
 * program to read, and the closing line on stderr with the other messages.
 */
export interface Outcome {
  /** The answer in words; omitted with --json. */
  text?: string;
  /** What was written where, and how long it took. */
  closing: string;
  /** The answer as data. */
  json: unknown;
}

export function printOutcome(io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }, asJson: boolean | undefined, outcome: Outcome): void {
  if (asJson) {
    io.out.write(JSON.stringify(outcome.json, null, 2) + '\n');
    io.err.write(outcome.closing);
  } else {
    io.out.write(`${outcome.text === undefined ? '' : `${outcome.text}\n\n`}${outcome.closing}`);
  }
}
