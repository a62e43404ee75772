/**
 * Labels side by side under a chart's bars must not run into each other in the PNG: each label's
 * width is measured in the font the PNG is drawn in (resvg's own bounding box of the text, not
 * the width table Vega lays charts out with), and neighbours on one axis keep a gap, each label
 * whole (not cut short with an ellipsis).
 */
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { outcomeShares } from '../src/charts/outcome-shares.ts';
import { renderSvg } from '../src/charts/render.ts';
import { fontsFor, renderOptions } from '../src/charts/render-png.ts';
import type { Summary } from '../src/simulation/summary-types.ts';
import { makeSummaryFixture } from './fixtures/summary-fixture.ts';

interface Label {
  x: number;
  text: string;
}

/** The centred labels of each axis in the SVG (Vega's role-axis-label groups), left to right. */
function axisLabelRows(svg: string): Label[][] {
  const groups = [...svg.matchAll(/<g class="mark-text role-axis-label"[^>]*>(.*?)<\/g>/g)].map((m) => m[1]);
  return groups
    .map((group) =>
      [...group.matchAll(/<text text-anchor="middle" transform="translate\(([-\d.]+),[-\d.]+\)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({
        x: Number(m[1]),
        text: m[2],
      })),
    )
    .filter((row) => row.length > 1);
}

/** The drawn width of a 12 px label in the PNG's font. */
function drawnWidth(text: string, svg: string): number {
  const one = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="40"><text x="10" y="20" font-family="sans-serif" font-size="12px">${text}</text></svg>`;
  return new Resvg(one, renderOptions(fontsFor(svg), 1)).getBBox()?.width ?? 0;
}

async function expectNoOverlap(summary: Summary): Promise<void> {
  const svg = await renderSvg(outcomeShares.build(summary));
  const rows = axisLabelRows(svg);
  expect(rows.length).toBeGreaterThanOrEqual(2);
  for (const row of rows) {
    // Whole, not cut short with an ellipsis to fit.
    for (const label of row) expect(label.text).not.toMatch(/…$/);
    for (let k = 1; k < row.length; k++) {
      const [left, right] = [row[k - 1], row[k]];
      const gap = right.x - drawnWidth(right.text, svg) / 2 - (left.x + drawnWidth(left.text, svg) / 2);
      expect(gap, `"${left.text}" and "${right.text}"`).toBeGreaterThanOrEqual(4);
    }
  }
}

describe('bar labels in the outcome chart', () => {
  it('keep apart in talks ("Zone of agreement" beside "Deal, given a zone")', async () => {
    await expectNoOverlap(makeSummaryFixture());
  });

  it('keep apart for a forecast ("Accepted, given a zone", the longest)', async () => {
    await expectNoOverlap({ ...makeSummaryFixture(), mechanismKind: 'forecast' });
  });
});
