/** The report's stylesheet: a readable single column, quiet tables, one card per chart, no text under 12 px. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --card: #f6f8fa; --accent: #2e7d32; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
header { border-bottom: 1px solid var(--line); margin-bottom: 1.5rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .4rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .8rem; }
h3 { font-size: 1.05rem; margin: 0 0 .3rem; }
.meta { color: var(--muted); margin: .2rem 0 .8rem; }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--card); padding: .15rem .35rem; border-radius: 4px; word-break: break-all; }
.headline ul { margin: 0; padding-left: 1.2rem; }
.headline li { margin: .25rem 0; font-size: 1.05rem; }
.table-wrap { overflow-x: auto; margin: 0 0 1.6rem; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
caption { text-align: left; font-weight: 600; padding: 0 0 .4rem; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--card); font-weight: 600; }
tbody tr:nth-child(even) { background: #fbfcfd; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.chart { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.2rem; margin: 0 0 1.5rem; }
.how { color: var(--muted); margin: 0 0 .8rem; max-width: 75ch; }
.vis, .vis.vega-embed { display: block; overflow-x: auto; }
.vis svg { max-width: none; display: block; }
caption .note { font-weight: normal; color: var(--muted); font-size: 13px; }
table.provenance { width: auto; font-size: 13px; margin: 0 0 1rem; }
table.provenance caption { font-size: 14px; }
table.provenance th { background: none; font-weight: 600; white-space: nowrap; padding: .15rem .8rem .15rem 0; border: 0; }
table.provenance td { padding: .15rem 0; border: 0; }
table.provenance tbody tr:nth-child(even) { background: none; }
.assumptions summary { cursor: pointer; margin: 2rem 0 .8rem; }
.assumptions summary h2 { display: inline; margin: 0; }
.assumptions .source { max-width: 90ch; }
.model-table { margin-top: 1rem; }
@media print { .assumptions details { display: block; } .chart { break-inside: avoid; } }
`;
