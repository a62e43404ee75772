/**
 * Where a report's numbers come from: the override digest (checked against node:crypto's SHA-256
 * directly), the scenario label that tells tweaked and copied runs apart, the model file and the
 * command shown without a folder of this machine, the captions every chart carries in its own
 * drawing, and the report's provenance block and Assumptions section.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchCaption, CAPTION_LINE_CHARS, joinIntoLines, withCaption } from '../src/charts/caption.ts';
import { chartBuilders } from '../src/charts/index.ts';
import { renderSvg } from '../src/charts/render.ts';
import { buildReportHtml } from '../src/charts/report.ts';
import { loadModel } from '../src/node/model-file.ts';
import { manifestModel, overrideDigest, provenanceOf, shownCommand, shownModelFile } from '../src/node/provenance.ts';
import { modelTables } from '../src/scenario/model-tables.ts';
import { provenanceLabel } from '../src/simulation/provenance.ts';
import { makeSummaryFixture } from './fixtures/summary-fixture.ts';

const MODEL = 'models/ukraine-2025.yaml';

describe('provenance', () => {
  it('digests the overrides as the SHA-256 of one per line, in order', () => {
    const set = ['actors.russia.patience=0.9', 'negotiation.deadline=20'];
    expect(overrideDigest(set)).toBe(createHash('sha256').update('actors.russia.patience=0.9\nnegotiation.deadline=20\n').digest('hex').slice(0, 6));
    expect(overrideDigest([...set].reverse())).not.toBe(overrideDigest(set));
    expect(overrideDigest([])).toBeNull();
  });

  it('labels a tweaked run, a variant and a copied model apart from the base', () => {
    const text = 'name: x';
    const base = provenanceOf('ukraine-2025', manifestModel(MODEL, text, [], undefined));
    const tweaked = provenanceOf('ukraine-2025', manifestModel(MODEL, text, ['actors.russia.patience=0.9'], 'us-backstops'));
    const copied = provenanceOf('ukraine-2025', manifestModel('/home/someone/mine.yaml', text, [], undefined));
    expect(provenanceLabel(base)).toBe('ukraine-2025');
    expect(provenanceLabel(tweaked)).toBe(`ukraine-2025 · variant us-backstops · 1 override #${overrideDigest(['actors.russia.patience=0.9'])}`);
    expect(provenanceLabel(copied)).toBe('ukraine-2025 (mine.yaml)');
    expect(copied.model?.sha256).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('reads whatever a manifest holds without failing, and knows nothing it does not hold', () => {
    const p = provenanceOf('s', { overrides: [1, 'a=1'], variant: 7, rebalanced: [{ bogus: true }] });
    expect(p).toEqual({ scenario: 's', model: null, variant: null, overrides: ['a=1'], overrideDigest: overrideDigest(['a=1']), rebalanced: [] });
    expect(provenanceOf('s', undefined).overrides).toEqual([]);
  });

  it('names no folder of this machine: an absolute model path by its file name, a relative one as typed', () => {
    expect(shownModelFile(resolve(MODEL))).toBe('ukraine-2025.yaml');
    expect(shownModelFile(MODEL)).toBe(MODEL);
    const command = shownCommand(['/usr/bin/node', '/opt/parley/bin/parley.mjs', 'run', resolve(MODEL), '--out=/tmp/x/run', '--runs', '10']);
    expect(command).toBe('parley run ukraine-2025.yaml --out=run --runs 10');
  });
});

describe('captions', () => {
  const summary = makeSummaryFixture();
  const provenance = provenanceOf(summary.scenario.name, manifestModel(MODEL, 'text', ['actors.act_ru.patience=0.9'], 'us-backstops'));
  const lines = batchCaption(summary, provenance);

  it('say scenario, variant, override digest, mechanism, runs and seed, then the overrides, on short lines', () => {
    const text = lines.join('\n');
    for (const fact of [
      summary.scenario.name,
      'variant us-backstops',
      `#${provenance.overrideDigest}`,
      `mechanism ${summary.mechanism}`,
      `${summary.runs.toLocaleString('en-US')} runs`,
      `seed ${summary.seed}`,
      '--set actors.act_ru.patience=0.9',
    ]) {
      expect(text).toContain(fact);
    }
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(CAPTION_LINE_CHARS);
  });

  it('break facts at separators, never inside one', () => {
    const parts = ['a'.repeat(60), 'b'.repeat(30), 'c'.repeat(30)];
    expect(joinIntoLines(parts, ' · ', 100)).toEqual([`${parts[0]} · ${parts[1]}`, parts[2]]);
  });

  it('are drawn into every chart of a batch (the SVG a slide gets)', async () => {
    for (const chart of chartBuilders) {
      const svg = await renderSvg(withCaption(chart.build(summary), lines));
      // The first line in the drawing (SVG text escapes "·" as a character reference or keeps it).
      const decoded = svg.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
      expect(decoded, chart.name).toContain(`seed ${summary.seed}`);
      expect(decoded, chart.name).toContain('variant us-backstops');
    }
  }, 60_000);
});

describe('the report page carries its assumptions', () => {
  const summary = makeSummaryFixture();
  const model = loadModel(MODEL, { set: ['actors.russia.patience=0.9'], variant: 'us-backstops' });
  const provenance = provenanceOf(model.scenario.name, manifestModel(resolve(MODEL), model.text, ['actors.russia.patience=0.9'], 'us-backstops'));
  const html = buildReportHtml(summary, [], { provenance, scenario: model.scenario, command: shownCommand(['node', 'parley', 'run', resolve(MODEL)]) });

  it('shows the model file (no absolute path), its SHA-256, the variant and every override', () => {
    expect(html).toContain('ukraine-2025.yaml');
    expect(html).not.toContain(resolve(MODEL));
    expect(html).toContain(createHash('sha256').update(model.text).digest('hex'));
    expect(html).toContain('us-backstops');
    expect(html).toContain('--set actors.russia.patience=0.9');
    // The browser tab tells a tweaked batch from the base.
    expect(html).toMatch(new RegExp(`<title>[^<]*\\[ukraine-2025 · variant us-backstops · 1 override #${provenance.overrideDigest}\\]`));
    expect(buildReportHtml(summary, [], {})).not.toMatch(/<title>[^<]*\[/);
  });

  it('has a collapsible Assumptions section with every table of parley show and the model source, after the charts and tables', () => {
    const at = html.indexOf('id="assumptions"');
    expect(at).toBeGreaterThan(html.indexOf('<h2>Tables</h2>'));
    expect(html.indexOf('<h2>Tables</h2>')).toBeGreaterThan(html.indexOf('<h2>Charts</h2>'));
    expect(html.indexOf('<h2>Charts</h2>')).toBeGreaterThan(html.indexOf('<h2>In short</h2>'));
    const section = html.slice(at);
    expect(section).toMatch(/^id="assumptions">\n<details>/);
    for (const t of modelTables(model.scenario)) expect(section).toContain(`id="model-${t.name}"`);
    for (const actor of Object.values(model.scenario.actors)) expect(section).toContain(actor.label);
    expect(section).toContain('TRT World');
    // The override shows in the table as the batch ran it.
    const patience = modelTables(model.scenario).find((t) => t.name === 'actors')!;
    expect(JSON.stringify(patience.rows)).toContain('0.9');
  });
});
