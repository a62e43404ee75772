/** The explorer page's stylesheet: the report's look (report-style.ts), controls on the left, results on the right. */
export const EXPLORER_CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --card: #f6f8fa; --edited: #b35c00; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
header { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: center; padding: .6rem 1rem; border-bottom: 1px solid var(--line); background: var(--card); position: sticky; top: 0; z-index: 2; }
header h1 { font-size: 1.1rem; margin: 0 1rem 0 0; }
header label { color: var(--muted); }
header input[type=number], header input[type=text] { width: 7rem; }
.layout { display: grid; grid-template-columns: minmax(320px, 420px) 1fr; min-height: calc(100vh - 3rem); }
#controls { border-right: 1px solid var(--line); padding: .5rem .8rem; overflow-y: auto; max-height: calc(100vh - 3rem); position: sticky; top: 3rem; }
#results { padding: 1rem 1.5rem 3rem; min-width: 0; }
details { border-bottom: 1px solid var(--line); padding: .3rem 0; }
summary { font-weight: 600; cursor: pointer; }
.control { padding: .4rem 0 .5rem .3rem; border-left: 3px solid transparent; }
.control.edited { border-left-color: var(--edited); padding-left: .5rem; }
.control.edited .name::after { content: " · edited"; color: var(--edited); font-weight: 400; }
.control .head { display: flex; gap: .5rem; align-items: baseline; }
.control .name { font-weight: 600; }
.control .path { color: var(--muted); font-size: 12px; }
.control .reset { margin-left: auto; font-size: 12px; }
.control:not(.edited) .reset { visibility: hidden; }
.control .source { color: var(--muted); font-size: 12px; margin: .1rem 0 .25rem; }
.slider { display: grid; grid-template-columns: 4rem 1fr 5.5rem; gap: .4rem; align-items: center; }
.slider .field { color: var(--muted); font-size: 12px; }
.distribution select { margin: .2rem 0; }
.rebalance { display: block; font-size: 12px; color: var(--muted); }
input[type=text] { width: 100%; }
table { border-collapse: collapse; font-size: 14px; margin: .3rem 0 1rem; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid var(--line); }
th { background: var(--card); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
#status, #runs-done, #pinned, #saved, #rebalanced { color: var(--muted); }
#rebalanced { white-space: pre-wrap; font-size: 13px; }
#problems { color: #b00020; white-space: pre-wrap; }
.chart { border: 1px solid var(--line); border-radius: 8px; padding: .8rem 1rem; margin: 0 0 1.2rem; overflow-x: auto; }
.chart h3 { margin: 0 0 .4rem; font-size: 1rem; }
#export-box textarea { width: 100%; font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; }
`;
