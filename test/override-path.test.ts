/**
 * Where a --set path goes wrong, read against the default model as plain YAML: the first wrong
 * step, with the names valid there; and what may be set although the model leaves it out.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { overridePathProblem } from '../src/scenario/override-path.ts';

const raw = parse(readFileSync('models/ukraine-2025.yaml', 'utf8')) as { actors: Record<string, unknown>; interactions: unknown[] };
const at = (path: string) =>
  overridePathProblem(
    raw,
    path
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
  );

describe('a --set path', () => {
  it('that exists is fine, as is a new actor or an optional field the format has', () => {
    expect(at('actors.russia.patience')).toBeUndefined();
    expect(at('interactions[0].effect.us')).toBeUndefined();
    expect(at('actors.belarus')).toBeUndefined();
    expect(at('actors.russia.description')).toBeUndefined();
  });

  it('through a missing actor names it, the closest actor and every actor', () => {
    const message = at('actors.rusia.patience');
    expect(message).toMatch(/^unknown actor "rusia"; did you mean "russia"\?/);
    for (const actor of Object.keys(raw.actors)) expect(message).toContain(actor);
  });

  it('to a key that must name an issue, an option or an actor says which', () => {
    expect(at('actors.russia.salience.nat')).toMatch(/^unknown issue "nat"; did you mean "nato"\?/);
    expect(at('actors.russia.preferences.nato.open')).toMatch(/^unknown option "open" of issue "nato"/);
    expect(at('interactions[0].effect.uk-')).toMatch(/^unknown actor "uk-"; did you mean "uk"\?/);
  });

  it('past the end of a list says how long it is', () => {
    expect(at(`interactions[${raw.interactions.length}].effect.us`)).toBe(
      `no interactions[${raw.interactions.length}]: it has interactions[0] to interactions[${raw.interactions.length - 1}]`,
    );
  });

  it('into a plain value says to set it whole', () => {
    // Ukraine's strategy is not written (the default time-based); a concession style named by a word is a value.
    expect(at('actors.ukraine.label.value')).toMatch(/^actors\.ukraine\.label is a value \("Ukraine \(Zelenskyy\)"\), not a section with fields; set it whole/);
  });
});
