/**
 * One run as a CSV row (for `--save-runs`): run index, outcome, round, the mechanism, the zone of
 * agreement (whether one exists and its width), the agreed option of each issue, a forecast that
 * was vetoed (by whom, short by how much), each actor's outcome utility, and every uncertain
 * parameter's sampled value. Plain RFC 4180 CSV that pandas and R read directly.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { STATUS_NAMES } from '../negotiation/run-result.ts';
import type { RunContext } from './batch.ts';
import type { RunIndex } from './seeding.ts';

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function runCsvHeader(compiled: CompiledScenario): string {
  const columns = [
    'run',
    'outcome',
    'round',
    'mechanism',
    'zone',
    'zoneWidth',
    ...compiled.issues.map((i) => `term.${i.id}`),
    'vetoedBy',
    'shortfall',
    ...compiled.actors.map((a) => `utility.${a.id}`),
    ...compiled.uncertainParameters.map((k) => compiled.parameters[k].path),
  ];
  return columns.map(csvField).join(',') + '\n';
}

export function runCsvRow(run: RunIndex, ctx: RunContext): string {
  const { compiled, result, sampled, zone } = ctx;
  const I = compiled.issues.length;
  const fields: string[] = [
    String(run),
    STATUS_NAMES[result.status],
    String(result.round),
    compiled.mechanisms[result.mechanism],
    zone.exists ? '1' : '0',
    String(zone.width),
  ];
  for (let i = 0; i < I; i++) {
    fields.push(result.packageId < 0 ? '' : csvField(compiled.issues[i].options[compiled.packageOptions[result.packageId * I + i]].id));
  }
  fields.push(result.vetoActor >= 0 ? csvField(compiled.actors[result.vetoActor].id) : '', result.vetoActor >= 0 ? String(result.vetoShortfall) : '');
  for (let a = 0; a < compiled.actors.length; a++) fields.push(String(result.utilities[a]));
  for (const k of compiled.uncertainParameters) fields.push(String(sampled[k]));
  return fields.join(',') + '\n';
}
