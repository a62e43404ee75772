/**
 * The batch loop: run i = seed its RNG from (S, i) → sample the parameters → build the utility
 * tables → find the zone of agreement → draw beliefs → seat this run's negotiators → negotiate
 * under this run's mechanism → report the equilibrium theory, if a seat plays it → fold into the
 * aggregate. Everything a run needs is allocated once
 * in a `RunContext` and refilled, so a run allocates nothing but its RNG.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { drawBeliefs } from '../negotiation/beliefs.ts';
import { createMechanisms, type Mechanism } from '../negotiation/mechanisms/index.ts';
import { allocateTable, type NegotiationTable } from '../negotiation/negotiation-table.ts';
import type { Negotiator } from '../negotiation/negotiator.ts';
import { seatPool, takeSeats, type SeatPool } from '../negotiation/negotiators/seat.ts';
import { allocateZone, type ZoneOfAgreement } from '../negotiation/zone-of-agreement.ts';
import { refreshTableAndZone } from '../negotiation/gains-and-zone.ts';
import { allocateEquilibriumReport, reportEquilibrium, type EquilibriumReport } from '../negotiation/equilibrium-report.ts';
import { equilibriumSolution } from '../negotiation/negotiators/equilibrium.ts';
import { mechanismKind } from '../negotiation/mechanisms/mechanism-kind.ts';
import { allocateInstance, allocateOptionValues, buildInstance, type Instance } from '../negotiation/preferences.ts';
import { allocateUndominated, buildUndominated, packageIdOf, undominatedApplies, type UndominatedPackages } from '../negotiation/undominated-packages.ts';
import { allocateRunResult, type RunResult } from '../negotiation/run-result.ts';
import { createAggregate, foldRun, foldTables, type Aggregate, type FoldTables } from './aggregate.ts';
import type { BatchRange } from './run-range.ts';

export type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { parameterSampler, sampleParameters, type ParameterSampler } from './sample-parameters.ts';
import { RunStream, type MasterSeed, type RunIndex } from './seeding.ts';

export interface RunContext {
  compiled: CompiledScenario;
  /** [slot] this run's sampled parameter values. */
  sampled: Float64Array;
  sampler: ParameterSampler;
  /** The random stream, reseeded for each run (seeding.ts). */
  stream: RunStream;
  instance: Instance;
  table: NegotiationTable;
  /** This run's zone of agreement (from the true utilities, before any bargaining). */
  zone: ZoneOfAgreement;
  /** This run's equilibrium theory, when a seat plays equilibrium in talks: the complete-information split and its grid bound. */
  equilibrium: EquilibriumReport;
  /** Every negotiator a seat can hold; `seats` holds this run's. */
  seatPool: SeatPool;
  seats: Negotiator[];
  /** [m] the scenario's mechanisms (compiled.mechanisms); the run plays instance.mechanism. */
  mechanisms: Mechanism[];
  result: RunResult;
  optionValues: Float64Array;
  foldTables: FoldTables;
  /** Set when runs are played on their undominated packages (undominated-packages.ts): then the
   * instance, table and seats see the kept packages renumbered, and the result and zone carry real ids. */
  undominated: UndominatedPackages | null;
}

export interface RunContextOptions {
  /** Play runs on their undominated packages where the scenario allows it (the same outcomes,
   * less work). Batches do; contexts whose instance is read by package id afterwards do not. */
  undominatedOnly?: boolean;
}

export function createRunContext(compiled: CompiledScenario, options: RunContextOptions = {}): RunContext {
  const instance = allocateInstance(compiled);
  const sampled = new Float64Array(compiled.parameters.length);
  const pool = seatPool(compiled);
  return {
    compiled,
    sampled,
    sampler: parameterSampler(compiled),
    stream: new RunStream(),
    instance,
    table: allocateTable(compiled, instance, sampled),
    zone: allocateZone(compiled),
    equilibrium: allocateEquilibriumReport(compiled.actors.length, compiled.packageCount),
    seatPool: pool,
    seats: pool.map((alternatives) => alternatives[0]),
    mechanisms: createMechanisms(compiled),
    result: allocateRunResult(compiled.actors.length),
    optionValues: allocateOptionValues(compiled),
    foldTables: foldTables(compiled),
    undominated: options.undominatedOnly === true && undominatedApplies(compiled, instance.varyingIssues) ? allocateUndominated(compiled) : null,
  };
}

/** Plays run `run` of the batch seeded `seed`; the result is valid until the next call. */
export function simulateRun(ctx: RunContext, seed: MasterSeed, run: RunIndex): RunResult {
  const rng = ctx.stream.reseed(seed, run).next;
  sampleParameters(ctx.compiled, rng, ctx.sampled, ctx.sampler);
  const { undominated } = ctx;
  if (undominated === null) buildInstance(ctx.compiled, ctx.sampled, ctx.instance, ctx.optionValues);
  else buildUndominated(ctx.compiled, ctx.sampled, ctx.instance, undominated);
  refreshTableAndZone(ctx.table, ctx.zone);
  drawBeliefs(ctx.table, rng);
  takeSeats(ctx.seatPool, ctx.instance, ctx.seats);
  const m = ctx.instance.mechanism;
  ctx.result.mechanism = m;
  const result = ctx.mechanisms[m](ctx.table, ctx.seats, rng, ctx.result);
  if (undominated !== null) {
    result.packageId = packageIdOf(undominated, result.packageId);
    ctx.zone.package = packageIdOf(undominated, ctx.zone.package);
  }
  describeEquilibrium(ctx);
  return result;
}

/** The run's equilibrium report (equilibrium-report.ts), if a seat played equilibrium in talks. */
function describeEquilibrium(ctx: RunContext): void {
  ctx.equilibrium.present = false;
  if (mechanismKind(ctx.compiled.mechanisms[ctx.instance.mechanism]) !== 'talks') return;
  const solution = equilibriumSolution(ctx.seats, ctx.table);
  if (solution !== null) reportEquilibrium(ctx.table, solution, ctx.equilibrium);
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

/** Runs [firstRun, endRun) of `batch`, seeded `seed`. */
export interface RangeOptions extends BatchRange {
  seed: MasterSeed;
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
      foldRun(agg, ctx.compiled, ctx.foldTables, run, result, ctx.instance, ctx.sampled, ctx.zone, ctx.equilibrium);
      options.onRun?.(run, ctx);
    } catch (e) {
      throw e instanceof RunFailure ? e : new RunFailure(run, e);
    }
  }
  return agg;
}
