/**
 * An imported model as YAML text: the header comment says where the data come from and how they
 * were mapped; short numbers-with-sources are written inline ({value: 0.3, source: "…"}) as in
 * models/ukraine-2025.yaml.
 */
import { Document, isMap, isPair, isScalar, visit } from 'yaml';

/** What any importer hands over: the scenario as the file will hold it, and its comments. */
export interface ModelDocument {
  scenario: { issues: Record<string, object> };
  /** Lines of the file's header comment: where the data come from and how they were mapped. */
  header: string[];
  /** A comment for every issue's `levels` (continuous issues). */
  levelsComment?: string;
  /** A comment above `vetoPlayers`: why these actors. */
  vetoComment: string;
}

export function renderModelYaml(model: ModelDocument): string {
  // No anchors: every actor's defaults are written out, so each can be edited (or --set) alone.
  const doc = new Document(model.scenario, { aliasDuplicateObjects: false });
  doc.commentBefore = model.header.map((line) => ` ${line}`).join('\n');
  visit(doc, {
    Map(_, node) {
      // {value, source}, {ideal, shape, source}, distributions and option values read best on one line.
      const keys = node.items.map((p) => (isPair(p) && isScalar(p.key) ? String(p.key.value) : ''));
      const optionValues = node.items.length > 0 && node.items.every((p) => isPair(p) && isScalar(p.value) && typeof p.value.value === 'number');
      const labelOnly = keys.length === 1 && keys[0] === 'label';
      if (keys.includes('value') || keys.includes('ideal') || keys.includes('dist') || optionValues || labelOnly) node.flow = true;
    },
    Seq(_, node) {
      node.flow = true;
    },
  });
  for (const id of Object.keys(model.scenario.issues)) {
    const levels = doc.getIn(['issues', id, 'levels'], true);
    if (isScalar(levels) && model.levelsComment !== undefined) levels.comment = ` ${model.levelsComment}`;
  }
  const root = doc.contents;
  if (isMap(root)) {
    const veto = root.items.find((p) => isScalar(p.key) && p.key.value === 'vetoPlayers');
    if (veto && isScalar(veto.key)) veto.key.commentBefore = ` ${model.vetoComment}`;
    for (const pair of root.items) {
      if (isScalar(pair.key) && (pair.key.value === 'issues' || pair.key.value === 'actors' || pair.key.value === 'negotiation')) pair.key.spaceBefore = true;
    }
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
