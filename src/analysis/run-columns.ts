/**
 * Per-run values of a batch, read from its runs.csv rows (run-row.ts) as they stream in: whether
 * the run ended in a deal, the round it ended in, each actor's outcome utility and each uncertain
 * parameter's sampled value — the columns the rank correlations need.
 *
 * A row is run, outcome, round, one term per issue, one utility per actor, one value per uncertain
 * parameter. Terms may be quoted and contain commas; the other fields are plain numbers and words,
 * so they are read from the two ends of the row.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';

export interface RunColumns {
  runs: number;
  /** [run] 1 for a deal, 0 otherwise. */
  deal: Float64Array;
  /** [run] the round the talks ended in. */
  round: Float64Array;
  /** [actor][run] outcome utility. */
  utility: Float64Array[];
  /** [uncertain parameter u][run] its sampled value. */
  sampled: Float64Array[];
}

export interface RunColumnCollector {
  /** Pass to the batch as its `onRows`. */
  onRows: (rows: string) => void;
  /** The columns of the rows received so far. */
  columns: () => RunColumns;
}

export function collectRunColumns(compiled: CompiledScenario, runs: number): RunColumnCollector {
  const A = compiled.actors.length;
  const U = compiled.uncertainParameters.length;
  const deal = new Float64Array(runs);
  const round = new Float64Array(runs);
  const utility = Array.from({ length: A }, () => new Float64Array(runs));
  const sampled = Array.from({ length: U }, () => new Float64Array(runs));
  let count = 0;
  const onRows = (rows: string) => {
    for (const line of rows.split('\n')) {
      if (line === '') continue;
      if (count >= runs) throw new Error(`more rows than the ${runs} runs of the batch`);
      const head = line.split(',', 3);
      const tail = line.split(',').slice(-(A + U));
      deal[count] = head[1] === 'deal' ? 1 : 0;
      round[count] = Number(head[2]);
      for (let a = 0; a < A; a++) utility[a][count] = Number(tail[a]);
      for (let u = 0; u < U; u++) sampled[u][count] = Number(tail[A + u]);
      count++;
    }
  };
  const columns = (): RunColumns => ({
    runs: count,
    deal: deal.subarray(0, count),
    round: round.subarray(0, count),
    utility: utility.map((c) => c.subarray(0, count)),
    sampled: sampled.map((c) => c.subarray(0, count)),
  });
  return { onRows, columns };
}
