/**
 * Where a batch's numbers come from, as every output shows it: the model file and the SHA-256 of
 * its text, the variant, every `--set` override and the weights `~=` rescaled. Two batches of
 * the same scenario name told apart at a glance: the label adds the variant, the number of
 * overrides with a short digest of them, and the file when its name is not the scenario's (a
 * copied model that kept `name: ukraine-2025`).
 *
 * Pure data: the digest and the hash are computed where files are read (src/node/provenance.ts);
 * summary.json is unchanged by it (a run folder's manifest.json holds the same facts).
 */

export interface Provenance {
  /** The scenario's `name` in the model file. */
  scenario: string;
  /** The model file as a reader finds it (relative to the working folder when below it) and the SHA-256 of its text; null when unknown. */
  model: { file: string; sha256: string } | null;
  variant: string | null;
  /** The `--set` overrides in the order they apply, as written (the mechanism is shown apart). */
  overrides: string[];
  /** The first six hex digits of the SHA-256 of the overrides, one per line with a final newline (null without overrides). */
  overrideDigest: string | null;
  /** The issue weights `~=` rescaled, in words. */
  rebalanced: string[];
}

/** The provenance of a batch known only by its scenario name (a summary without its folder). */
export function bareProvenance(scenario: string): Provenance {
  return { scenario, model: null, variant: null, overrides: [], overrideDigest: null, rebalanced: [] };
}

/** The file's name without its folder and extension: `models/ukraine-2025.yaml` → `ukraine-2025`. */
function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(ya?ml|json)$/i, '');
}

/**
 * The scenario as outputs name it: `ukraine-2025`, `ukraine-2025 · variant us-backstops`,
 * `ukraine-2025 · 2 overrides #3f9a2c`, `ukraine-2025 (mine.yaml)` for a copied model.
 */
export function provenanceLabel(p: Provenance): string {
  const parts = [p.model !== null && fileStem(p.model.file) !== p.scenario ? `${p.scenario} (${p.model.file.split(/[\\/]/).pop()})` : p.scenario];
  if (p.variant !== null) parts.push(`variant ${p.variant}`);
  if (p.overrides.length > 0)
    parts.push(`${p.overrides.length} override${p.overrides.length === 1 ? '' : 's'}${p.overrideDigest === null ? '' : ` #${p.overrideDigest}`}`);
  return parts.join(' · ');
}

/** The facts of a provenance as [what, value] rows for a report header or an index: model, SHA-256, variant, each override. */
export function provenanceFacts(p: Provenance): [string, string][] {
  const rows: [string, string][] = [];
  if (p.model !== null) rows.push(['Model file', p.model.file], ['SHA-256', p.model.sha256]);
  rows.push(['Variant', p.variant ?? 'none (the model as written)']);
  if (p.overrides.length === 0) rows.push(['Overrides', 'none']);
  else p.overrides.forEach((o, k) => rows.push([k === 0 ? `Overrides (#${p.overrideDigest ?? '—'})` : '', `--set ${o}`]));
  p.rebalanced.forEach((r, k) => rows.push([k === 0 ? 'Rebalanced' : '', r]));
  return rows;
}
