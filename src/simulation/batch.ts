/**
 * The batch loop: run i = seed its RNG from (S, i) → sample the parameters → build the utility
 * tables → negotiate → fold into the aggregate. Everything a run needs is allocated once in a
 * `RunContext` and refilled, so a run allocates nothing but its RNG.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { drawBeliefs } from '../negotiation/beliefs.ts';
import { createMechanism, type Mechanism } from '../negotiation/mechanisms/index.ts';
import { allocateTable, refreshTable, type NegotiationTable } from '../negotiation/negotiation-table.ts';
import type { Negotiator } from '../negotiation/negotiator.ts';
import { seatNegotiators } from '../negotiation/negotiators/seat.ts';
import { allocateInstance, allocateOptionValues, buildInstance, type Instance } from '../negotiation/preferences.ts';
import { allocateRunResult, type RunResult } from '../negotiation/run-result.ts';
import { createAggregate, foldRun, foldTables, type Aggregate, type Batch, type FoldTables } from './aggregate.ts';

export type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { sampleParameters } from './sample-parameters.ts';
import { runRng, type MasterSeed, type RunIndex } from './seeding.ts';

export interface RunContext {
  compiled: CompiledScenario;
  /** [slot] this run's sampled parameter values. */
  sampled: Float64Array;
  instance: Instance;
  table: NegotiationTable;
  seats: Negotiator[];
  mechanism: Mechanism;
  result: RunResult;
  optionValues: Float64Array;
  foldTables: FoldTables;
}

export function createRunContext(compiled: CompiledScenario): RunContext {
  const instance = allocateInstance(compiled);
  const sampled = new Float64Array(compiled.parameters.length);
  return {
    compiled,
    sampled,
    instance,
    table: allocateTable(compiled, instance, sampled),
    seats: seatNegotiators(compiled),
    mechanism: createMechanism(compiled),
    result: allocateRunResult(compiled.actors.length),
    optionValues: allocateOptionValues(compiled),
    foldTables: foldTables(compiled),
  };
}

/** Plays run `run` of the batch seeded `seed`; the result is valid until the next call. */
export function simulateRun(ctx: RunContext, seed: MasterSeed, run: RunIndex): RunResult {
  const rng = runRng(seed, run);
  sampleParameters(ctx.compiled, rng, ctx.sampled);
  buildInstance(ctx.compiled, ctx.sampled, ctx.instance, ctx.optionValues);
  refreshTable(ctx.table);
  drawBeliefs(ctx.table, rng);
  return ctx.mechanism(ctx.table, ctx.seats, rng, ctx.result);
}

/** A failure inside one run, with the index that reproduces it. */
export class RunFailure extends Error {
  readonly run: RunIndex;
  constructor(run: RunIndex, cause: unknown) {
    super(`run ${run} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'RunFailure';
    this.run = run;
  }
}

export interface RangeOptions {
  seed: MasterSeed;
  /** Runs [firstRun, endRun) of `batch`. */
  firstRun: RunIndex;
  endRun: RunIndex;
  batch: Batch;
  /** Called after each run, e.g. to write a per-run CSV row. */
  onRun?: (run: RunIndex, ctx: RunContext) => void;
  /** Testing aid: run this index throws, to exercise the failure path. */
  failAtRun?: RunIndex;
}

/** Simulates a range of runs and folds them into a fresh aggregate. */
export function simulateRange(ctx: RunContext, options: RangeOptions): Aggregate {
  const agg = createAggregate(ctx.compiled, options.batch, options.firstRun);
  for (let run = options.firstRun; run < options.endRun; run++) {
    try {
      if (run === options.failAtRun) throw new Error('failure injected by failAtRun');
      const result = simulateRun(ctx, options.seed, run);
      foldRun(agg, ctx.compiled, ctx.foldTables, run, result, ctx.instance, ctx.sampled);
      options.onRun?.(run, ctx);
    } catch (e) {
      throw e instanceof RunFailure ? e : new RunFailure(run, e);
    }
  }
  return agg;
}
