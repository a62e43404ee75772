/**
 * `parley explore`'s page as one self-contained HTML file: the model and the command line's
 * settings as JSON, the worker's script as text (the page starts its Web Workers from a blob URL),
 * Vega, Vega-Lite and vega-embed inlined as in every report, and the page's script — the bundles
 * `npm run build` makes from src/explorer/ (scripts/build-explorer.mjs). The same file is served
 * by `parley explore` and written by `parley explore --out`; it needs no network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeHtml, jsonForScript, vendoredScriptTags } from '../charts/report.ts';
import { EnvironmentError } from '../node/environment-error.ts';
import type { ExplorerData } from '../explorer/page-data.ts';
import { EXPLORER_CSS } from '../explorer/page-style.ts';

const BUNDLES = { page: 'page.bundle.js', worker: 'worker.bundle.js' } as const;

/** The built bundles: beside this module in dist/, or in dist/ when this module runs from src/ (tests). */
function readBundle(name: keyof typeof BUNDLES): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'explorer', BUNDLES[name]), join(here, '..', '..', 'dist', 'explorer', BUNDLES[name])];
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined) throw new EnvironmentError([`the explorer's ${name} script (${BUNDLES[name]}) is not built: run npm run build`]);
  const source = readFileSync(found, 'utf8');
  // Inside a <script> element these sequences would end it or change how HTML parses it.
  if (/<\/script|<!--/i.test(source)) throw new Error(`${found} cannot be inlined in a <script> element`);
  return source;
}

const BODY = `<header>
<h1 id="title">parley explore</h1>
<label>runs <input id="runs" type="number" min="1" step="1"></label>
<label>seed <input id="seed" type="text"></label>
<label>variant <select id="variant"></select></label>
<button id="reset-all" type="button">reset all</button>
<button id="pin" type="button">pin</button>
<button id="unpin" type="button">unpin</button>
<button id="export" type="button">export</button>
<button id="save" type="button" hidden>save run</button>
<span id="saved"></span>
<span id="status"></span>
</header>
<div class="layout">
<aside id="controls"></aside>
<main id="results">
<div id="problems" role="alert"></div>
<div id="rebalanced"></div>
<div id="export-box" hidden>
<p>The command line (same numbers from <code>parley run</code>):</p><textarea id="export-set" rows="3" readonly></textarea>
<p>Or a <code>variants:</code> entry to paste into the model:</p><textarea id="export-variant" rows="6" readonly></textarea>
<p><a id="export-model">the model file with it as variant <code id="export-model-name"></code></a> (then <code>--variant</code> that name) · <a id="export-summary" download="summary.json">summary.json</a> of the finished batch</p>
</div>
<h2>Outcomes <small id="runs-done"></small></h2>
<div id="headline"></div>
<div id="pinned"></div>
<div id="comparison"></div>
<div id="charts"></div>
</main>
</div>`;

/** The explorer page for a model. */
export function explorerPage(data: ExplorerData): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>parley explore · ${escapeHtml(data.title)}</title>
<style>${EXPLORER_CSS}</style>
</head>
<body>
${BODY}
<script type="application/json" id="explorer-data">${jsonForScript(data)}</script>
<script type="text/plain" id="explorer-worker">${readBundle('worker')}</script>
${vendoredScriptTags()}
<script>${readBundle('page')}</script>
</body>
</html>
`;
}
