/** An error whose message is for the user: lines printed as they are, without a stack trace. */
export class LinesError extends Error {
  readonly lines: readonly string[];
  constructor(lines: readonly string[]) {
    super(lines.join('\n'));
    this.lines = lines;
  }
}

/** A problem with the user's input (model file, flags, output folder): printed without a stack trace, exit 2. */
export class UsageError extends LinesError {
  constructor(lines: readonly string[]) {
    super(lines);
    this.name = 'UsageError';
  }
}
