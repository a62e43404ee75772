/**
 * What every report page says about where its numbers come from: the provenance block under the
 * title (model file, SHA-256, variant, every override, the weights `~=` rescaled) and the
 * collapsible "Assumptions" section — the model's own tables, as `parley show` prints them
 * (scenario/model-tables.ts), and the scenario's source. Every text is escaped here.
 */
import { cellText, modelTables, type ModelTable } from '../scenario/model-tables.ts';
import type { Scenario } from '../scenario/schema.ts';
import { provenanceFacts, provenanceLabel, type Provenance } from '../simulation/provenance.ts';
import { escapeHtml, htmlTable } from './report-html.ts';

/** The provenance as a two-column list under the report's title. */
export function provenanceHtml(p: Provenance): string {
  const rows = provenanceFacts(p)
    .map(
      ([what, value]) =>
        `<tr><th scope="row">${escapeHtml(what)}</th><td>${what === 'SHA-256' || value.startsWith('--set ') ? `<code>${escapeHtml(value)}</code>` : escapeHtml(value)}</td></tr>`,
    )
    .join('\n');
  return `<table class="provenance" aria-label="Where these numbers come from">
<caption>${escapeHtml(provenanceLabel(p))}</caption>
<tbody>
${rows}
</tbody>
</table>`;
}

/** One model table as HTML, its description as the caption's second line. */
function modelTableHtml(t: ModelTable): string {
  const columns = t.columns.map((c) => ({ title: c.title, numeric: c.numeric }));
  const rows = t.rows.map((row) => t.columns.map((c) => cellText(row[c.key] ?? null)));
  return `<div class="model-table" id="model-${escapeHtml(t.name)}">${htmlTable(t.title, columns, rows.length > 0 ? rows : [t.columns.map((_, k) => (k === 0 ? 'none' : ''))], t.description)}</div>`;
}

/**
 * The "Assumptions" section: closed by default (a reader opens it to check the answer against the
 * model), with the scenario's source first, then every table of `parley show` as the batch ran it
 * (the resolved scenario: variant and overrides applied).
 */
export function assumptionsHtml(scenario: Scenario, provenance: Provenance): string {
  const source = scenario.source?.trim();
  const applied = provenance.variant !== null || provenance.overrides.length > 0 ? ' with the variant and overrides above applied' : '';
  return `<section class="assumptions" id="assumptions">
<details>
<summary><h2>Assumptions</h2> <span class="meta">the model as this batch ran it${escapeHtml(applied)}: actors, issues, consent, parameters and their sources</span></summary>
${source === undefined || source === '' ? '' : `<p class="source"><strong>Source of the model:</strong> ${escapeHtml(source)}</p>\n`}${scenario.description === undefined ? '' : `<p>${escapeHtml(scenario.description.trim())}</p>\n`}${modelTables(scenario).map(modelTableHtml).join('\n')}
</details>
</section>`;
}
