/**
 * report.html: one self-contained page per batch that leads with the answer — the title with
 * where the numbers come from (model file, hash, variant, overrides), the headline, the charts
 * (drawn interactively by vega-embed, each filling its card), then the tables, and last the
 * model's assumptions in a collapsible section. It works offline: Vega, Vega-Lite and vega-embed are inlined
 * from node_modules. Every string that comes from the model file is escaped for HTML, and the
 * chart specs are embedded as JSON that cannot close its <script> element.
 * A pure function of its arguments, apart from reading the three vendored scripts once.
 */
import { tablePercent, thousands } from '../format/numbers.ts';
import { readFileSync } from 'node:fs';
import type { Scenario } from '../scenario/schema.ts';
import { bareProvenance, provenanceLabel, type Provenance } from '../simulation/provenance.ts';
import type { Proportion, Summary } from '../simulation/summary-types.ts';
import { untitled } from './caption.ts';
import { assumptionsHtml, provenanceHtml } from './report-assumptions.ts';
import { escapeHtml, htmlTable, jsonForScript } from './report-html.ts';
import { REPORT_CSS } from './report-style.ts';
import { bundlePath, VEGA_BUNDLES } from './vega-bundles.ts';

import type { ReportChart } from './chart-builder.ts';

export type { ReportChart };

export interface ReportMeta {
  /** The command line that produced the batch. */
  command?: string;
  /** When the batch was made (ISO 8601). */
  createdAt?: string;
  version?: string;
  /** Where the batch's numbers come from (model file, hash, variant, overrides); the scenario name alone when absent. */
  provenance?: Provenance;
  /** The scenario as the batch ran it (variant and overrides applied): the Assumptions section. */
  scenario?: Scenario;
}

export { escapeHtml, jsonForScript, htmlTable, type Column } from './report-html.ts';

let vendoredScripts: string | undefined;

/** The three libraries as inline <script> elements, read on first use (reports and `parley explore`'s page). */
export function vendoredScriptTags(): string {
  if (vendoredScripts === undefined) {
    vendoredScripts = [VEGA_BUNDLES.vega, VEGA_BUNDLES.vegaLite, VEGA_BUNDLES.vegaEmbed]
      .map((bundle) => {
        const path = bundlePath(bundle);
        const source = readFileSync(path, 'utf8');
        // Inside a <script> element these sequences would end it or change how HTML parses it.
        if (/<\/script|<!--/i.test(source)) throw new Error(`${path} cannot be inlined in a <script> element`);
        return `<script>${source}</script>`;
      })
      .join('\n');
  }
  return vendoredScripts;
}

const percent = tablePercent;
const interval = (p: Proportion) => `${(100 * p.low).toFixed(1)}–${percent(p.high)}`;
const utility = (x: number | null) => (x === null ? '–' : x.toFixed(2));
const count = thousands;

function outcomeTable(s: Summary): string {
  const rows = (['deal', 'breakdown', 'deadline'] as const).map((k) => {
    const p = s.outcomes[k];
    return [{ deal: 'Deal', breakdown: 'Breakdown', deadline: 'Deadline reached' }[k], count(p.count), percent(p.share), interval(p)];
  });
  return htmlTable(
    `How the ${count(s.runs)} runs end`,
    [{ title: 'Outcome' }, { title: 'Runs', numeric: true }, { title: 'Share', numeric: true }, { title: '95% interval', numeric: true }],
    rows,
  );
}

function roundsTable(s: Summary): string {
  const r = s.roundsToDeal;
  const round = (x: number | null) => (x === null ? '–' : String(x));
  const rows = [
    ['Mean rounds to a deal', r.mean === null ? '–' : r.mean.toFixed(1)],
    ['Median rounds to a deal', round(r.median)],
    ['10th–90th percentile', r.p10 === null || r.p90 === null ? '–' : `${r.p10}–${r.p90}`],
    ['Mean rounds to a breakdown', s.roundsToBreakdown.mean === null ? '–' : s.roundsToBreakdown.mean.toFixed(1)],
  ];
  return htmlTable(`Rounds (of at most ${s.rounds})`, [{ title: 'Measure' }, { title: 'Rounds', numeric: true }], rows);
}

function packagesTable(s: Summary): string {
  const rows = s.topPackages.map((p) => [String(p.rank), p.label, count(p.count), percent(p.shareOfDeals), percent(p.shareOfRuns)]);
  const columns = [
    { title: '#', numeric: true },
    { title: 'Package' },
    { title: 'Deals', numeric: true },
    { title: 'Share of deals', numeric: true },
    { title: 'Share of runs', numeric: true },
  ];
  return htmlTable('The most frequent deals', columns, rows);
}

function actorsTable(s: Summary): string {
  const rows = s.actors.map((a) => [
    a.label,
    utility(a.meanUtility),
    `${utility(a.quantiles.p50)} (${utility(a.quantiles.p05)}–${utility(a.quantiles.p95)})`,
    utility(a.meanUtilityInDeals),
    utility(a.meanReservation),
    `${percent(a.aboveReservation.share)} (${interval(a.aboveReservation)})`,
  ]);
  const columns = [
    { title: 'Actor' },
    { title: 'Mean utility', numeric: true },
    { title: 'Median (5th–95th percentile)', numeric: true },
    { title: 'Mean utility in deals', numeric: true },
    { title: 'Mean reservation utility', numeric: true },
    { title: 'Runs above reservation (95% interval)', numeric: true },
  ];
  return htmlTable(
    'What each actor gets',
    columns,
    rows,
    "Utilities of the outcome: with a deal in round k, r + δ^(k−1)(u − r), the package's gain over the fallback r discounted by the actor's patience δ for the rounds the deal took; without a deal, the fallback.",
  );
}

function chartSection(chart: ReportChart, k: number): string {
  return `<section class="chart" id="${escapeHtml(chart.name)}">
<h3>${escapeHtml(chart.title)}</h3>
<p class="how">${escapeHtml(chart.description)}</p>
<div class="vis" id="vis-${k}"></div>
</section>`;
}

/**
 * Draws every chart, each scaled to fill its card (at most 1.6 times its drawn size, so a small
 * chart is not blown up); a chart that fails shows why in its place. `ast: true`: Vega evaluates its
 * expressions with vega-embed's interpreter instead of compiling them with the Function
 * constructor, so the page needs no 'unsafe-eval' (parley view --serve's Content-Security-Policy).
 */
const EMBED_SCRIPT = `
const charts = JSON.parse(document.getElementById('parley-charts').textContent);
const options = { renderer: 'svg', ast: true, actions: { export: true, source: false, compiled: false, editor: false } };
charts.forEach(function (spec, k) {
  const target = document.getElementById('vis-' + k);
  vegaEmbed(target, spec, options).then(function () {
    const svg = target.querySelector('svg.marks');
    const drawn = svg === null ? 0 : Number(svg.getAttribute('width'));
    if (drawn > 0) svg.style.width = Math.min(target.clientWidth, 1.6 * drawn) + 'px';
    if (svg !== null) svg.style.height = 'auto';
  }).catch(function (error) {
    target.textContent = 'This chart could not be drawn: ' + error.message;
  });
});`;

/** A report page of any kind (a run, a comparison, a sweep): header, headline, charts, tables, assumptions. */
export interface ReportPage {
  title: string;
  /** The browser tab's title when it should say more than `title` (a variant, an override digest). */
  tabTitle?: string;
  /** Short facts under the title, e.g. "10,000 runs", "seed 1". */
  facts: string[];
  command?: string;
  /** HTML under the facts: where the numbers come from (provenanceHtml, or a comparison's differences). */
  provenance?: string;
  headline: string[];
  /** Tables as HTML, made with `htmlTable` (cells escaped there). */
  tables: string[];
  charts: ReportChart[];
  /** HTML of the collapsible Assumptions section (assumptionsHtml), last on the page. */
  assumptions?: string;
}

export function buildPageHtml(page: ReportPage): string {
  // The section heading carries each chart's title, so the chart itself does not repeat it.
  const specs = page.charts.map((c) => untitled(c.spec));
  const headline = page.headline.map((sentence) => `<li>${escapeHtml(sentence)}</li>`).join('\n');
  const command = page.command === undefined ? '' : `\n<p class="meta"><code>${escapeHtml(page.command)}</code></p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.tabTitle ?? page.title)} — parley report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(page.title)}</h1>
<p class="meta">${page.facts.map(escapeHtml).join(' · ')}</p>${command}${page.provenance === undefined ? '' : `\n${page.provenance}`}
</header>
<section class="headline">
<h2>In short</h2>
<ul>
${headline}
</ul>
</section>
<section class="charts">
<h2>Charts</h2>
<noscript><p>The charts need JavaScript; the SVG files in the charts folder show them too.</p></noscript>
${page.charts.map(chartSection).join('\n')}
</section>
<section class="tables">
<h2>Tables</h2>
${page.tables.join('\n')}
</section>${page.assumptions === undefined ? '' : `\n${page.assumptions}`}
</main>
${vendoredScriptTags()}
<script type="application/json" id="parley-charts">${jsonForScript(specs)}</script>
<script>${EMBED_SCRIPT}</script>
</body>
</html>
`;
}

export function buildReportHtml(summary: Summary, charts: ReportChart[], meta: ReportMeta = {}): string {
  const s = summary;
  const provenance = meta.provenance ?? bareProvenance(s.scenario.name);
  const facts = [
    `${count(s.runs)} runs`,
    `seed ${s.seed}`,
    `${count(s.packages.feasible)} feasible packages of ${count(s.packages.total)}`,
    `at most ${s.rounds} rounds`,
    `mechanism ${s.mechanism}`,
    ...(meta.version === undefined ? [] : [`parley ${meta.version}`]),
    ...(meta.createdAt === undefined ? [] : [meta.createdAt]),
  ];
  const tweaked = provenance.variant !== null || provenance.overrides.length > 0;
  return buildPageHtml({
    title: s.scenario.title,
    tabTitle: tweaked ? `${s.scenario.title} [${provenanceLabel(provenance)}]` : undefined,
    facts,
    command: meta.command,
    provenance: provenanceHtml(provenance),
    headline: s.headline,
    tables: [outcomeTable(s), roundsTable(s), packagesTable(s), actorsTable(s)],
    charts,
    assumptions: meta.scenario === undefined ? undefined : assumptionsHtml(meta.scenario, provenance),
  });
}
