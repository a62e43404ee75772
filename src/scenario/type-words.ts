/**
 * What a field should hold and what it holds, in the words of a model file's author (YAML's
 * "mapping" and "list", not zod's "record", "object" and "array"): zod's own message for a value
 * of the wrong type reads "Invalid input: expected record, received number".
 */

const EXPECTED: Record<string, string> = {
  record: 'a mapping (id: entry)',
  object: 'a mapping (field: value)',
  array: 'a list',
  tuple: 'a list [low, high]',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/** The type zod expected, as the author would name it. */
export function expectedWords(expected: string): string {
  return EXPECTED[expected] ?? `a ${expected}`;
}

/** The value found, as the author wrote it. */
export function valueWords(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  return typeof value;
}
