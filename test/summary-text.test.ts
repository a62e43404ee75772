/**
 * The terminal summary: each most frequent deal on lines of at most 100 characters, broken only
 * between its terms (joined back, the lines are the package's label), and the words it uses
 * (utility, fallback/reservation, gain) explained once.
 */
import { describe, expect, it } from 'vitest';
import { formatSummary, SUMMARY_WIDTH } from '../src/cli/summary-table.ts';
import { makeSummaryFixture } from './fixtures/summary-fixture.ts';

describe('formatSummary', () => {
  const s = makeSummaryFixture();
  // Long enough that no line could hold a package (as in the default scenario's seven issues).
  s.topPackages = s.topPackages.map((p) => ({
    ...p,
    label: [p.label, 'Guarantees as a condition of the ceasefire', 'US backstop: airlift and air defence', 'Zelenskyy steps down'].join(' · '),
  }));
  const text = formatSummary(s);
  const lines = text.split('\n');

  it('wraps each most frequent deal within 100 characters, between its terms, under its first term', () => {
    expect(SUMMARY_WIDTH).toBe(100);
    const start = lines.findIndex((l) => l.startsWith('Most frequent deals'));
    for (const p of s.topPackages.slice(0, 5)) {
      const first = lines.findIndex((l, k) => k > start && l.startsWith(`${String(p.rank).padStart(3)}. `));
      const lead = lines[first].indexOf(p.label.split(' · ')[0]);
      const block = [lines[first].slice(lead)];
      for (let k = first + 1; lines[k].startsWith(' '.repeat(lead)) && lines[k].trim() !== ''; k++) block.push(lines[k].slice(lead));
      expect(block.length).toBeGreaterThan(1);
      expect(block.join(' · ')).toBe(p.label);
      for (let k = first; k < first + block.length; k++) expect([...lines[k]].length).toBeLessThanOrEqual(100);
    }
  });

  it('explains utility, fallback (reservation) and gain once, and has no "above it" column', () => {
    expect(text.match(/its own scale \(0 = its worst package, 1 = its best\)/g)).toHaveLength(1);
    expect(text).toMatch(/fallback \(reservation\) is its value of no deal/);
    expect(text).not.toMatch(/above it/i);
  });
});
