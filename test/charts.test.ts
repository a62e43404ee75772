import { describe, it, expect, beforeAll } from 'vitest';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { chartBuilders } from '../src/charts/index.ts';
import { topPackagesSpec } from '../src/charts/top-packages.ts';
import { roundsToDealSpec } from '../src/charts/rounds-to-deal.ts';
import { wilsonInterval } from '../src/simulation/wilson.ts';
import { renderSvg } from '../src/charts/render.ts';
import { buildReportHtml, escapeHtml, jsonForScript, type ReportChart } from '../src/charts/report.ts';
import { sansSerifWidth } from '../src/charts/text-width.ts';
import type { Summary } from '../src/simulation/summary-types.ts';
import { makeNoDealSummaryFixture, makeSummaryFixture } from './fixtures/summary-fixture.ts';

/** A logger that keeps every warning and error instead of printing it. */
function recordingLogger() {
  const messages: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (_method, level, args) => {
    messages.push(`${level} ${args.map(String).join(' ')}`);
  });
  return { logger, messages };
}

/** The text an SVG shows: each <text> element's content, tags stripped and entities decoded. */
function svgTexts(svg: string): string[] {
  const decode = (s: string) =>
    s
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
      .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].flatMap((m) => m[1].split(/<\/tspan>/).map((line) => decode(line.replace(/<[^>]+>/g, ''))));
}

/** Asserts that `labels` occur in `texts` in this order (each after the previous one). */
function expectInOrder(texts: string[], labels: string[]): void {
  let previous = -1;
  for (const label of labels) {
    const at = texts.indexOf(label, previous + 1);
    expect(at, `"${label}" after position ${previous}`).toBeGreaterThan(previous);
    previous = at;
  }
}

function buildCharts(summary: Summary): ReportChart[] {
  return chartBuilders.map((c) => ({ name: c.name, title: c.title, description: c.description, spec: c.build(summary) }));
}

const summary = makeSummaryFixture();
const svgs = new Map<string, string>();
const renderWarnings = new Map<string, string[]>();

beforeAll(async () => {
  for (const chart of chartBuilders) {
    const { logger, messages } = recordingLogger();
    svgs.set(chart.name, await renderSvg(chart.build(summary), { logger }));
    renderWarnings.set(chart.name, messages);
  }
}, 60_000);

describe('chart builders', () => {
  it('has one builder per chart, with distinct names, a title and a description', () => {
    const names = chartBuilders.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([
      'actor-utilities',
      'agreed-terms',
      'assumption-effects',
      'convergence',
      'outcome-shares',
      'rounds-to-deal',
      'top-packages',
      'zone-of-agreement',
    ]);
    for (const c of chartBuilders) {
      expect(c.title.length).toBeGreaterThan(0);
      expect(c.description.length).toBeGreaterThan(20);
    }
  });

  for (const chart of chartBuilders) {
    describe(chart.name, () => {
      it('compiles with Vega-Lite without warnings or errors', () => {
        const { logger, messages } = recordingLogger();
        const compiled = compile(chart.build(summary), { logger });
        expect(compiled.spec).toBeTruthy();
        expect(messages).toEqual([]);
      });

      it('renders to an SVG that shows the title, without warnings', () => {
        const svg = svgs.get(chart.name) ?? '';
        expect(svg.startsWith('<svg')).toBe(true);
        expect(svgTexts(svg)).toContain(chart.title);
        expect(renderWarnings.get(chart.name)).toEqual([]);
      });

      it('shows every axis title its spec sets (a layer whose title is null would blank the merged one)', () => {
        const titles: string[] = [];
        const collect = (node: unknown): void => {
          if (Array.isArray(node)) node.forEach(collect);
          else if (node !== null && typeof node === 'object') {
            for (const [key, value] of Object.entries(node)) {
              if (key === 'encoding' && value !== null && typeof value === 'object') {
                for (const channel of ['x', 'y'] as const) {
                  const title = (value as Record<string, { title?: unknown } | undefined>)[channel]?.title;
                  if (typeof title === 'string') titles.push(title);
                }
              }
              collect(value);
            }
          }
        };
        collect(chart.build(summary));
        const texts = svgTexts(svgs.get(chart.name) ?? '');
        for (const title of titles) expect(texts, title).toContain(title);
      });

      it('inlines its data and names actors, issues and options by label, never by id', () => {
        const json = JSON.stringify(chart.build(summary));
        expect(json).not.toMatch(/"url"/);
        expect(json).not.toMatch(/act_|iss_|opt_/);
        expect(svgTexts(svgs.get(chart.name) ?? '').join('\n')).not.toMatch(/act_|iss_|opt_/);
      });
    });
  }

  it('renders every chart of a batch without deals without warnings', async () => {
    const empty = makeNoDealSummaryFixture();
    for (const chart of chartBuilders) {
      const { logger, messages } = recordingLogger();
      const svg = await renderSvg(chart.build(empty), { logger });
      expect(svgTexts(svg)).toContain(chart.title);
      expect(messages, chart.name).toEqual([]);
    }
  }, 30_000);
});

describe('what the charts show', () => {
  const texts = (name: string) => svgTexts(svgs.get(name) ?? '');

  it('outcome shares: one bar per outcome', () => {
    expectInOrder(texts('outcome-shares'), ['Deal', 'Breakdown', 'Deadline']);
  });

  it('agreed terms: every issue with its options in the order the model gives them', () => {
    const shown = texts('agreed-terms');
    for (const term of summary.terms) {
      expect(shown).toContain(term.label);
      expectInOrder(
        shown,
        term.options.map((o) => o.label),
      );
    }
  });

  it('actor utilities: every actor by label, in model order, and the reservation marker in the legend', () => {
    const shown = texts('actor-utilities');
    expectInOrder(
      shown,
      summary.actors.map((a) => a.label),
    );
    expect(shown.some((t) => /reservation/i.test(t))).toBe(true);
  });

  it('top packages: a package × issue grid, rows by rank with their share, every issue a column, every cell its option', () => {
    const shown = texts('top-packages');
    const rows = shown.filter((t) => /^#\d+ · \d+%$/.test(t));
    expect(rows).toEqual(summary.topPackages.map((p) => `#${p.rank} · ${(100 * p.shareOfDeals).toFixed(0)}%`));
    const spec = topPackagesSpec(summary) as unknown as {
      hconcat: { data: { values: { rank: number; issueLabel: string; option: string; kind: string }[] } }[];
    };
    const cells = spec.hconcat[0].data.values;
    expect(cells).toHaveLength(summary.topPackages.length * summary.terms.length);
    for (const p of summary.topPackages) {
      // The package's label lists its options in issue order: the cells say the same.
      expect(cells.filter((c) => c.rank === p.rank).map((c) => c.option)).toEqual(p.label.split(' · '));
    }
    // A cell is shaded exactly when its option is not the issue's most frequent term over all deals.
    for (const term of summary.terms) {
      const modal = [...term.options].sort((a, b) => b.deals.count - a.deals.count)[0].label;
      for (const c of cells.filter((x) => x.issueLabel === term.label)) expect(c.kind === 'a different term').toBe(c.option !== modal);
    }
  });

  it('rounds to a deal: a deadline cluster is shaded over the last tenth of the rounds and labelled with its share, only when flagged', () => {
    const flagged: Summary = { ...summary, deadlineEffect: { deals: 100, lastTenth: wilsonInterval(80, 100), flagged: true } };
    type Layer = { data?: { values: { from: number; to: number; text: string }[] } };
    const clusterOf = (s: Summary) =>
      (roundsToDealSpec(s) as unknown as { layer: Layer[] }).layer.find((l) => l.data?.values[0]?.text?.startsWith('Deadline cluster')) ?? null;
    const band = clusterOf(flagged)!.data!.values[0];
    // The fixture's deadline is 30 rounds without a calendar: the last tenth is rounds 28–30, i.e. [27, 30].
    expect(summary.deadline.text).toBe('30 rounds');
    expect([band.from, band.to]).toEqual([27, 30]);
    expect(band.text).toContain('80%');
    expect(clusterOf(summary)).toBeNull();
  });

  it('assumption effects: the six assumptions that move P(deal) most, a yes/no fact as "no" and "yes"', () => {
    const shown = texts('assumption-effects');
    const bySpread = [...summary.assumptions].sort((a, b) => Math.abs(b.dealShareSpread) - Math.abs(a.dealShareSpread));
    for (const a of bySpread.slice(0, 6)) expect(shown).toContain(a.label);
    for (const a of bySpread.slice(6)) expect(shown).not.toContain(a.label);
    expect(shown).toContain('no');
    expect(shown).toContain('yes');
  });

  it('rounds to deal: stacks breakdowns on deals, and shows no legend without breakdowns', async () => {
    const view = new vega.View(vega.parse(compile(chartBuilders.find((c) => c.name === 'rounds-to-deal')!.build(summary)).spec), { renderer: 'none' });
    await view.runAsync();
    const perRound = new Map<number, number>();
    for (const c of [...summary.roundsToDeal.counts, ...summary.roundsToBreakdown.counts]) perRound.set(c.round, (perRound.get(c.round) ?? 0) + c.count);
    const domain = view.scale('y').domain() as number[];
    expect(domain[1]).toBeGreaterThanOrEqual(Math.max(...perRound.values()));
    expect(texts('rounds-to-deal')).toContain('Breakdown');

    const dealsOnly = { ...summary, roundsToBreakdown: { mean: null, counts: [] } };
    const svg = await renderSvg(chartBuilders.find((c) => c.name === 'rounds-to-deal')!.build(dealsOnly));
    expect(svgTexts(svg)).not.toContain('Breakdown');
  });

  it('convergence: a log run axis above 1000 runs, a linear one below', async () => {
    const xScaleType = async (s: Summary) => {
      const spec = chartBuilders.find((c) => c.name === 'convergence')!.build(s);
      const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
      await view.runAsync();
      return (view.scale('x') as { type: string }).type;
    };
    expect(await xScaleType(summary)).toBe('log');
    const small = { ...summary, runs: 500, convergence: summary.convergence.filter((p) => p.runs <= 500) };
    expect(await xScaleType(small)).toBe('linear');
  });
});

describe('renderSvg', () => {
  it('measures text narrower than Vega’s 0.8 em guess, wider for bold', () => {
    const text = 'United Kingdom (Starmer)';
    expect(sansSerifWidth(text, 11)).toBeLessThan(0.8 * text.length * 11);
    expect(sansSerifWidth(text, 11)).toBeGreaterThan(0.45 * text.length * 11);
    expect(sansSerifWidth(text, 11, 'bold')).toBeGreaterThan(sansSerifWidth(text, 11));
    expect(sansSerifWidth('iiii', 11)).toBeLessThan(sansSerifWidth('MMMM', 11));
  });
});

describe('report.html', () => {
  const malicious = '<script>alert(1)</script>';
  const breakout = 'x</script><script>alert(2)</script>';

  function hostileSummary(): Summary {
    const s = makeSummaryFixture();
    s.actors[0] = { ...s.actors[0], label: malicious };
    s.actors[1] = { ...s.actors[1], label: breakout };
    s.scenario = { ...s.scenario, title: 'Peace & <b>war</b>' };
    s.topPackages[0] = { ...s.topPackages[0], label: `${breakout} · </SCRIPT >` };
    return s;
  }

  // Reports are about 900 kB: these check a boolean, so that a failure prints one line, not the page.
  const expectIn = (html: string, text: string) => expect(html.includes(text), `report lacks ${text}`).toBe(true);
  const expectNotIn = (html: string, pattern: string | RegExp) =>
    expect(typeof pattern === 'string' ? html.includes(pattern) : pattern.test(html), `report contains ${String(pattern)}`).toBe(false);

  /** The chart specs as the page's script will read them: the JSON block, parsed. */
  function embeddedSpecs(html: string): unknown[] {
    const m = /<script type="application\/json" id="parley-charts">([\s\S]*?)<\/script>/.exec(html);
    expect(m).not.toBeNull();
    return JSON.parse(m![1]) as unknown[];
  }

  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('embeds JSON with no "<" that could close its script element, and it parses back unchanged', () => {
    const value = { label: breakout, other: '<!-- & \u2028' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('contains every chart with its title, its description and its spec', () => {
    const charts = buildCharts(summary);
    const html = buildReportHtml(summary, charts, { command: 'parley run models/x.yaml', createdAt: '2025-01-01T00:00:00Z' });
    for (const c of charts) {
      expectIn(html, `<h3>${escapeHtml(c.title)}</h3>`);
      expectIn(html, escapeHtml(c.description));
    }
    const specs = embeddedSpecs(html);
    expect(specs).toHaveLength(charts.length);
    charts.forEach((c, k) => {
      expectIn(html, `id="vis-${k}"`);
      // The section heading carries the title (a subtitle stays as the chart's own title); everything else of the spec is kept.
      const { title, ...rest } = c.spec as { title?: string | { subtitle?: string } };
      const embedded = specs[k] as { title?: { text: string } };
      expect({ ...embedded, title: undefined }).toEqual(JSON.parse(JSON.stringify({ ...rest, title: undefined })));
      const subtitle = typeof title === 'object' ? title.subtitle : undefined;
      expect(embedded.title?.text).toEqual(subtitle);
    });
    for (const sentence of summary.headline) expectIn(html, escapeHtml(sentence));
    expectIn(html, 'parley run models/x.yaml');
  });

  it('works offline: the libraries are inlined, nothing is loaded from elsewhere', () => {
    const html = buildReportHtml(summary, buildCharts(summary), {});
    expectNotIn(html, /<script[^>]+src=/i);
    expectNotIn(html, /<link[^>]+href=/i);
    expectIn(html, 'vegaEmbed');
    expect(html.length).toBeGreaterThan(500_000);
  });

  it('the summary tables show the outcome shares with intervals, the packages and every actor', () => {
    const html = buildReportHtml(summary, [], {});
    const { deal } = summary.outcomes;
    expectIn(html, `${(100 * deal.share).toFixed(1)}%`);
    expectIn(html, `${(100 * deal.low).toFixed(1)}–${(100 * deal.high).toFixed(1)}%`);
    for (const p of summary.topPackages) expectIn(html, escapeHtml(p.label));
    for (const a of summary.actors) expectIn(html, escapeHtml(a.label));
  });

  it('never shows a label from the model file as markup', () => {
    const s = hostileSummary();
    const html = buildReportHtml(s, buildCharts(s), { command: `parley run --set 'x=${malicious}'` });
    expectNotIn(html, malicious);
    expectNotIn(html, '<b>war</b>');
    expectIn(html, escapeHtml(malicious));
    expectIn(html, 'Peace &amp; &lt;b&gt;war&lt;/b&gt;');
  });

  it('a "</script>" inside a label cannot end a script element', () => {
    const s = hostileSummary();
    const charts = buildCharts(s);
    const html = buildReportHtml(s, charts, {});
    // Every </script> closes one of the report's own script elements, no more.
    const opened = html.match(/<script\b/gi)?.length ?? 0;
    const closed = html.match(/<\/script/gi)?.length ?? 0;
    expect(closed).toBe(opened);
    expect(opened).toBe(5);
    // And the labels reach the charts intact.
    const actorChart = embeddedSpecs(html)[charts.findIndex((c) => c.name === 'actor-utilities')] as { data: { values: { actor: string }[] } };
    const labels = actorChart.data.values.map((v) => v.actor);
    expect(labels.slice(0, 2)).toEqual([malicious, breakout]);
  });

  it('is a pure function of its inputs', () => {
    const charts = buildCharts(summary);
    const same = buildReportHtml(summary, charts, { createdAt: 'then' }) === buildReportHtml(summary, charts, { createdAt: 'then' });
    expect(same).toBe(true);
  });
});
