/**
 * A validated scenario as tables a reader can check against the article: the negotiation's
 * settings, the actors, their issue weights and preferred options, each option's value to each
 * actor, who must consent to what, the interactions, the infeasible combinations, and every
 * parameter with its distribution and what its source says it rests on (evidence or assumption).
 *
 * Plain data, no formatting for a medium: `parley show` prints it in the terminal, as CSV and as
 * JSON; the report and the browser explorer read the same tables.
 */
import { distributionMean, support } from './distribution-math.ts';
import { modelParameters } from './model-parameters.ts';
import { choiceText, formatDistributionCall } from './overrides.ts';
import type { Distribution } from './param.ts';
import type { Condition, Constraint, Scenario, StructuralChoice } from './schema.ts';
import { readSource } from './source-basis.ts';

export type Cell = string | number | boolean | null;

/** A cell as text: "—" for none, yes/no for a yes/no. */
export function cellText(cell: Cell): string {
  if (cell === null) return '—';
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return String(cell);
}

export interface ModelTableColumn {
  key: string;
  title: string;
  numeric?: boolean;
  /** Long text (a source, a description): wrapped under its row in a terminal rather than in a column. */
  detail?: boolean;
  /** Said by other columns too (a distribution's support beside its call): a narrow display may leave it out. */
  secondary?: boolean;
}

export interface ModelTable {
  /** A file-safe id: `actors`, `saliences`, `parameters` … */
  name: string;
  title: string;
  /** One sentence on how to read the table. */
  description: string;
  columns: ModelTableColumn[];
  /** A row may leave a column out (read as empty). */
  rows: Partial<Record<string, Cell>>[];
}

/** Significant digits of numbers shown in the tables (--paths and the parameters' JSON keep them exact). */
const DIGITS = 4;

/** A parameter as a table shows it: a number, or the distribution as `--set` writes it. */
export function parameterText(d: Distribution): string {
  return formatDistributionCall(d, DIGITS);
}

/** A parameter as a cell: a fixed value as a number, a distribution as its call. */
function parameterCell(d: Distribution): Cell {
  return d.dist === 'fixed' ? rounded(d.value) : parameterText(d);
}

/** A source as a cell: trimmed (folded YAML keeps a final newline), or null. */
function sourceCell(source: string | undefined): Cell {
  const text = source?.trim();
  return text === undefined || text === '' ? null : text;
}

function rounded(x: number): number {
  return Number(x.toPrecision(DIGITS));
}

/** `guarantee = european-force & backstop = us-backstop`; a list of options as `nato ∈ {none, open-door}`. */
export function conditionText(when: Condition): string {
  return Object.entries(when)
    .map(([issue, option]) => (typeof option === 'string' ? `${issue} = ${option}` : `${issue} ∈ {${option.join(', ')}}`))
    .join(' & ');
}

/** What a hard constraint rules out, as the infeasible table writes it: `backstop = us-backstop`, `not (…)`, `… without …`. */
export function constraintText(c: Constraint): string {
  if ('forbid' in c) return conditionText(c.forbid);
  if ('require' in c) return `not (${conditionText(c.require)})`;
  return `${conditionText(c.option)} without ${conditionText(c['only-with'])}`;
}

/** A structural field (protocol, strategy, deadline) as a cell: its value, or its choice written out. */
function structuralCell(value: string | number | StructuralChoice | { value: number } | undefined, absent: string): Cell {
  if (value === undefined) return absent;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('choice' in value) return choiceText(value.choice, DIGITS);
  return value.value;
}

/** The proposer order (or the first of a choice of orders: the one a model lists first). */
export function firstProposerOrder(s: Scenario): string[] {
  const p = s.negotiation.proposers;
  if (p === undefined) return Object.keys(s.actors);
  if (Array.isArray(p)) return p;
  return p.orders[Object.keys(p.choice)[0]] ?? Object.keys(s.actors);
}

function proposersCell(s: Scenario): Cell {
  const p = s.negotiation.proposers;
  if (p === undefined || Array.isArray(p)) return firstProposerOrder(s).join(', ');
  return Object.entries(p.choice)
    .map(([name, share]) => `${name} ${Number((100 * share).toPrecision(DIGITS))}%: ${(p.orders[name] ?? []).join(', ')}`)
    .join('; ');
}

function negotiationTable(s: Scenario): ModelTable {
  const n = s.negotiation;
  const row = (setting: string, value: Cell, source: string | undefined) => ({ setting, value, basis: readSource(source).label, source: sourceCell(source) });
  const param = (setting: string, d: Distribution) => row(setting, parameterCell(d), d.source ?? n.source);
  return {
    name: 'negotiation',
    title: 'The negotiation',
    description: 'How the talks run: the mechanism, the deadline, the chance they collapse, who proposes, whose consent every deal needs.',
    columns: [
      { key: 'setting', title: 'Setting' },
      { key: 'value', title: 'Value' },
      { key: 'basis', title: 'Basis' },
      { key: 'source', title: 'Source', detail: true },
    ],
    rows: [
      row('protocol', structuralCell(n.protocol, 'alternating-offers'), typeof n.protocol === 'string' ? n.source : (n.protocol.source ?? n.source)),
      row('rounds', structuralCell(n.rounds, 'none'), typeof n.rounds === 'object' && 'source' in n.rounds ? (n.rounds.source ?? n.source) : n.source),
      row('maxRounds', n.maxRounds, n.source),
      ...(n.roundLength === undefined
        ? []
        : [row('roundLength', `${n.roundLength.value} ${n.roundLength.unit}${n.roundLength.value === 1 ? '' : 's'}`, n.roundLength.source ?? n.source)]),
      param('breakdownRisk', n.breakdownRisk),
      ...(n.beliefNoise === undefined ? [] : [param('beliefNoise', n.beliefNoise), row('beliefShape', n.beliefShape, n.source)]),
      row('decisionRule', decisionRuleCell(n.decisionRule), typeof n.decisionRule === 'string' ? n.source : (n.decisionRule.source ?? n.source)),
      row('proposers', proposersCell(s), Array.isArray(n.proposers) || n.proposers === undefined ? n.source : (n.proposers.source ?? n.source)),
      row('recognition', n.recognition, n.source),
      row('mediator', n.mediator, n.source),
      row('vetoPlayers', s.vetoPlayers.join(', '), undefined),
      row('saliences', s.saliences, undefined),
    ],
  };
}

/** The decision rule in one cell: its name, with voters, weights and thresholds when given. */
function decisionRuleCell(rule: Scenario['negotiation']['decisionRule']): string {
  if (typeof rule === 'string') return rule;
  const parts: string[] = [];
  if (rule.voters !== undefined) parts.push(`voters ${rule.voters.join(', ')}`);
  if (rule.weights !== undefined)
    parts.push(
      `weights ${Object.entries(rule.weights)
        .map(([id, w]) => `${id} ${w}`)
        .join(', ')}`,
    );
  if (rule.threshold !== undefined) parts.push(`threshold ${rule.threshold}`);
  if (rule.population !== undefined)
    parts.push(
      `population ${Object.entries(rule.population.weights)
        .map(([id, w]) => `${id} ${w}`)
        .join(', ')} at ${rule.population.threshold}`,
    );
  return parts.length === 0 ? rule.rule : `${rule.rule}: ${parts.join('; ')}`;
}

function actorsTable(s: Scenario): ModelTable {
  const proposers = firstProposerOrder(s);
  return {
    name: 'actors',
    title: 'Actors',
    description:
      'Each actor: whether it must accept every deal (veto), its turn to propose, its negotiator, how fast it concedes, the utility of no deal (reservation), its patience per round, and its capability.',
    columns: [
      { key: 'actor', title: 'Actor' },
      { key: 'label', title: 'Label' },
      { key: 'veto', title: 'Veto' },
      { key: 'proposes', title: 'Turn', numeric: true },
      { key: 'strategy', title: 'Strategy' },
      { key: 'concession', title: 'Concession' },
      { key: 'reservation', title: 'Reservation' },
      { key: 'patience', title: 'Patience' },
      { key: 'capability', title: 'Capability' },
    ],
    rows: Object.entries(s.actors).map(([id, a]) => ({
      actor: id,
      label: a.label,
      veto: s.vetoPlayers.includes(id),
      proposes: proposers.includes(id) ? proposers.indexOf(id) + 1 : null,
      strategy: structuralCell(a.strategy, 'time-based'),
      concession:
        typeof a.concession === 'string'
          ? a.concession
          : a.concession.dist === 'choice'
            ? choiceText(a.concession.choice, DIGITS)
            : parameterText(a.concession),
      reservation: parameterCell(a.reservation),
      patience: parameterCell(a.patience),
      capability: parameterCell(a.capability),
    })),
  };
}

/**
 * The key of a column named by a model id (an issue's, an actor's): the id itself, unless the
 * table has a fixed column of that name (an actor called "label"), then the id with its kind.
 */
function idKey(id: string, kind: string, fixed: readonly string[]): string {
  return fixed.includes(id) ? `${id} (${kind})` : id;
}

const ACTOR_ISSUE_FIXED = ['actor', 'sum'];

function issueColumns(s: Scenario): ModelTableColumn[] {
  return Object.keys(s.issues).map((id) => ({ key: idKey(id, 'issue', ACTOR_ISSUE_FIXED), title: id }));
}

function saliencesTable(s: Scenario): ModelTable {
  return {
    name: 'saliences',
    title: 'Issue weights (salience)',
    description:
      s.saliences === 'absolute'
        ? 'How much each issue matters to each actor, each on its own 0–1 scale (absolute saliences; utilities use them rescaled to sum to 1).'
        : "How much each issue matters to each actor; an actor's weights sum to 1 (by their means).",
    columns: [{ key: 'actor', title: 'Actor' }, ...issueColumns(s), { key: 'sum', title: 'Sum', numeric: true }],
    rows: Object.entries(s.actors).map(([id, a]) => ({
      actor: id,
      ...Object.fromEntries(Object.keys(s.issues).map((issue) => [idKey(issue, 'issue', ACTOR_ISSUE_FIXED), parameterCell(a.salience[issue])])),
      sum: rounded(Object.keys(s.issues).reduce((t, issue) => t + distributionMean(a.salience[issue]), 0)),
    })),
  };
}

/** The option an actor values most on an issue (by mean value; ties joined by " = "), or its ideal point. */
function preferredOption(s: Scenario, actorId: string, issueId: string): string {
  const preference = s.actors[actorId].preferences[issueId];
  if ('ideal' in preference) return `ideal ${parameterText(preference.ideal)}`;
  const values = Object.entries(preference as Record<string, Distribution>).map(([option, d]) => ({ option, mean: distributionMean(d) }));
  const best = Math.max(...values.map((v) => v.mean));
  return values
    .filter((v) => v.mean === best)
    .map((v) => v.option)
    .join(' = ');
}

function preferredTable(s: Scenario): ModelTable {
  return {
    name: 'preferred-options',
    title: 'Preferred option on each issue',
    description: "The option each actor values most (by mean value; ties joined by '='); on a continuous issue, its ideal point.",
    columns: [{ key: 'actor', title: 'Actor' }, ...issueColumns(s)],
    rows: Object.keys(s.actors).map((actorId) => ({
      actor: actorId,
      ...Object.fromEntries(Object.keys(s.issues).map((issue) => [idKey(issue, 'issue', ACTOR_ISSUE_FIXED), preferredOption(s, actorId, issue)])),
    })),
  };
}

const OPTION_FIXED = ['issue', 'option', 'label'];

function optionValuesTable(s: Scenario): ModelTable {
  const actorIds = Object.keys(s.actors);
  const key = (actorId: string) => idKey(actorId, 'actor', OPTION_FIXED);
  const rows: Record<string, Cell>[] = [];
  for (const [issueId, issue] of Object.entries(s.issues)) {
    if (issue.kind === 'continuous') {
      rows.push({
        issue: issueId,
        option: 'ideal',
        label: `ideal point on [${issue.range.join(', ')}]${issue.unit ? ` (${issue.unit})` : ''}; value falls with distance`,
        ...Object.fromEntries(
          actorIds.map((a) => {
            const p = s.actors[a].preferences[issueId];
            return [key(a), 'ideal' in p ? `${parameterText(p.ideal)}${p.shape === 'quadratic' ? ' (quadratic)' : ''}` : null];
          }),
        ),
      });
      continue;
    }
    for (const [optionId, option] of Object.entries(issue.options)) {
      rows.push({
        issue: issueId,
        option: optionId,
        label: option.label,
        ...Object.fromEntries(
          actorIds.map((a) => {
            const p = s.actors[a].preferences[issueId] as Record<string, Distribution>;
            return [key(a), optionId in p ? parameterCell(p[optionId]) : null];
          }),
        ),
      });
    }
  }
  return {
    name: 'option-values',
    title: "Each option's value to each actor",
    description: "From 0 (the actor's worst option on the issue) to 1 (its best); a distribution is drawn anew in every run.",
    columns: [
      { key: 'issue', title: 'Issue' },
      { key: 'option', title: 'Option' },
      { key: 'label', title: 'Label', detail: true },
      ...actorIds.map((a) => ({ key: key(a), title: a })),
    ],
    rows,
  };
}

function consentTable(s: Scenario): ModelTable {
  const rows: Record<string, Cell>[] = [
    { scope: 'every package', issue: null, option: null, actors: s.vetoPlayers.join(', '), label: 'veto players: must accept any deal', source: null },
  ];
  for (const [issueId, issue] of Object.entries(s.issues)) {
    if (issue.kind === 'continuous') {
      if ((issue.consent ?? []).length > 0)
        rows.push({
          scope: 'any level of the issue',
          issue: issueId,
          option: null,
          actors: issue.consent!.join(', '),
          label: issue.label,
          source: sourceCell(issue.source),
        });
      continue;
    }
    for (const [optionId, option] of Object.entries(issue.options)) {
      if ((option.consent ?? []).length === 0) continue;
      rows.push({
        scope: 'a package with this option',
        issue: issueId,
        option: optionId,
        actors: option.consent!.join(', '),
        label: option.label,
        source: sourceCell(option.source ?? issue.source),
      });
    }
  }
  return {
    name: 'consent',
    title: 'Who must consent',
    description:
      'A package is agreed only if every actor listed for it accepts: the veto players always, and the guarantors or signatories of each option it contains.',
    columns: [
      { key: 'scope', title: 'Needed for' },
      { key: 'issue', title: 'Issue' },
      { key: 'option', title: 'Option' },
      { key: 'actors', title: 'Must consent' },
      { key: 'label', title: 'Label', detail: true },
      { key: 'source', title: 'Source', detail: true },
    ],
    rows,
  };
}

function interactionsTable(s: Scenario): ModelTable {
  return {
    name: 'interactions',
    title: 'Interactions',
    description:
      "Combinations of terms worth more (or less) than their parts: the effect is added to the actor's utility of every package containing the combination.",
    columns: [
      { key: 'index', title: '#', numeric: true },
      { key: 'when', title: 'When the package has' },
      { key: 'effects', title: 'Added utility' },
      { key: 'description', title: 'Description', detail: true },
      { key: 'source', title: 'Source', detail: true },
    ],
    rows: s.interactions.map((interaction, k) => ({
      index: k,
      when: conditionText(interaction.when),
      effects: Object.entries(interaction.effect)
        .map(([actor, d]) => `${actor} ${parameterText(d)}`)
        .join(', '),
      description: interaction.description?.trim() ?? null,
      source: sourceCell(interaction.source),
    })),
  };
}

function infeasibleTable(s: Scenario): ModelTable {
  return {
    name: 'infeasible',
    title: 'Infeasible combinations and constraints',
    description:
      'Packages containing one of these combinations are never proposed or agreed (the model’s infeasible combinations and its hard constraints: forbid, require, only-with).',
    columns: [
      { key: 'index', title: '#', numeric: true },
      { key: 'when', title: 'Never together' },
      { key: 'description', title: 'Description', detail: true },
      { key: 'source', title: 'Source', detail: true },
    ],
    rows: [
      ...s.infeasible.map((c, k) => ({ index: k, when: conditionText(c.when), description: c.description?.trim() ?? null, source: sourceCell(c.source) })),
      ...s.constraints.map((c, k) => ({
        index: s.infeasible.length + k,
        when: constraintText(c),
        description: c.description?.trim() ?? ('forbid' in c ? 'constraint: forbid' : 'require' in c ? 'constraint: require' : 'constraint: only with'),
        source: sourceCell(c.source),
      })),
    ],
  };
}

function parametersTable(s: Scenario): ModelTable {
  return {
    name: 'parameters',
    title: 'Every parameter, its distribution and its source',
    description:
      'Basis, read from the source text: "evidence: ¶N" cites the article, "assumption" says it is assumed, "+ assumption" both; a parameter without a source of its own takes the source of the element that holds it (source of).',
    columns: [
      { key: 'path', title: 'Path' },
      { key: 'value', title: 'Value' },
      { key: 'mean', title: 'Mean', numeric: true },
      { key: 'low', title: 'Low', numeric: true, secondary: true },
      { key: 'high', title: 'High', numeric: true, secondary: true },
      { key: 'uncertain', title: 'Uncertain', secondary: true },
      { key: 'basis', title: 'Basis' },
      { key: 'label', title: 'Label', detail: true },
      { key: 'sourceOf', title: 'Source of', detail: true },
      { key: 'source', title: 'Source', detail: true },
    ],
    rows: modelParameters(s).map((p) => {
      const [low, high] = support(p.distribution);
      return {
        path: p.path,
        value: p.preset !== undefined ? `${p.preset} (${parameterText(p.distribution)})` : `${parameterText(p.distribution)}${p.absent ? ' (not set)' : ''}`,
        mean: rounded(distributionMean(p.distribution)),
        low: rounded(low),
        high: rounded(high),
        uncertain: low !== high,
        basis: readSource(p.source).label,
        label: p.distribution.label ?? null,
        sourceOf: p.sourceOf === p.path ? null : p.sourceOf,
        source: sourceCell(p.source),
      };
    }),
  };
}

/** The tables' names, in reading order (for help texts; `modelTables` returns them so). */
export const MODEL_TABLE_NAMES = [
  'negotiation',
  'actors',
  'saliences',
  'preferred-options',
  'option-values',
  'consent',
  'interactions',
  'infeasible',
  'parameters',
] as const;

/** Every table of the model, in reading order. */
export function modelTables(scenario: Scenario): ModelTable[] {
  return [
    negotiationTable(scenario),
    actorsTable(scenario),
    saliencesTable(scenario),
    preferredTable(scenario),
    optionValuesTable(scenario),
    consentTable(scenario),
    interactionsTable(scenario),
    infeasibleTable(scenario),
    parametersTable(scenario),
  ];
}
