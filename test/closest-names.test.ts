/**
 * "Did you mean …?": the edit distance against textbook values, and the suggestions a mistyped
 * name gets among the default model's own names.
 */
import { describe, expect, it } from 'vitest';
import { closestNames, editDistance, unknownName } from '../src/scenario/closest-names.ts';
import { readScenarioFile } from '../src/node/model-file.ts';

describe('editDistance (optimal string alignment)', () => {
  it('agrees with the textbook examples', () => {
    // Levenshtein's classic: kitten → sitting is 3 edits (two substitutions, one insertion).
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    // One swap of adjacent letters is one edit (Damerau), not two.
    expect(editDistance('ca', 'ac')).toBe(1);
    // The optimal-string-alignment form edits each substring once: CA → ABC is 3, not the
    // unrestricted Damerau–Levenshtein 2.
    expect(editDistance('ca', 'abc')).toBe(3);
  });

  it('is symmetric and never exceeds the longer length', () => {
    const words = ['russia', 'rusia', 'reservation', 'resrvation', 'uk', 'us', 'ukraine', 'patience', 'ptaience', ''];
    for (const a of words) {
      for (const b of words) {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }
    }
  });
});

describe('suggestions among the default model’s names', () => {
  const loaded = readScenarioFile('models/ukraine-2025.yaml');
  if (!loaded.ok) throw new Error('the default model does not validate');
  const actors = Object.keys(loaded.scenario.actors);
  const issues = Object.keys(loaded.scenario.issues);

  it('finds the name one slip away, in any case', () => {
    expect(closestNames('rusia', actors)).toEqual(['russia']);
    expect(closestNames('Russia', actors)).toEqual(['russia']);
    expect(closestNames('ukriane', actors)).toEqual(['ukraine']);
    expect(closestNames('teritory', issues)).toEqual(['territory']);
    expect(closestNames('guarantees', issues)).toEqual(['guarantee']);
  });

  it('suggests nothing for a name far from every valid one', () => {
    expect(closestNames('japan', actors)).toEqual([]);
    expect(closestNames('oil', issues)).toEqual([]);
  });

  it('names the closest and lists every valid name', () => {
    const message = unknownName('actor', 'rusia', actors);
    expect(message).toMatch(/^unknown actor "rusia"; did you mean "russia"\? expected one of: /);
    for (const a of actors) expect(message).toContain(a);
  });
});
