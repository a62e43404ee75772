/** A problem with the user's input (model file, flags, output folder): printed without a stack trace, exit 2. */
export class UsageError extends Error {
  readonly lines: readonly string[];
  constructor(lines: readonly string[]) {
    super(lines.join('\n'));
    this.name = 'UsageError';
    this.lines = lines;
  }
}
