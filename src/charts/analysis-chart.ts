/** Labels for the charts of analyses (sweeps, sensitivity): numbers short enough to read, and told apart. */

/** Labels for a grid's values: the fewest significant digits (at least 3) that tell every value apart. */
export function distinctLabels(values: readonly number[]): string[] {
  for (let digits = 3; digits < 17; digits++) {
    const labels = values.map((v) => String(Number(v.toPrecision(digits))));
    if (new Set(labels).size === new Set(values).size) return labels;
  }
  return values.map(String);
}
