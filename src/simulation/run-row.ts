/**
 * One run as a CSV row (for `--save-runs`): run index, outcome, round, the agreed option of
 * each issue, each actor's outcome utility, and every uncertain parameter's sampled value.
 * Plain RFC 4180 CSV that pandas and R read directly.
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
    ...compiled.issues.map((i) => `term.${i.id}`),
    ...compiled.actors.map((a) => `utility.${a.id}`),
    ...compiled.uncertainParameters.map((k) => compiled.parameters[k].path),
  ];
  return columns.map(csvField).join(',') + '\n';
}

export function runCsvRow(run: RunIndex, ctx: RunContext): string {
  const { compiled, result, sampled } = ctx;
  const I = compiled.issues.length;
  const fields: string[] = [String(run), STATUS_NAMES[result.status], String(result.round)];
  for (let i = 0; i < I; i++) {
    fields.push(result.packageId < 0 ? '' : csvField(compiled.issues[i].options[compiled.packageOptions[result.packageId * I + i]].id));
  }
  for (let a = 0; a < compiled.actors.length; a++) fields.push(String(result.utilities[a]));
  for (const k of compiled.uncertainParameters) fields.push(String(sampled[k]));
  return fields.join(',') + '\n';
}
