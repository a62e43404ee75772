/**
 * What the analyses need from the simulator: one batch of `runs` runs seeded `seed` for a compiled
 * scenario, as an aggregate. The CLI passes the worker pool (runParallel), tests the in-process
 * kernel (simulateInProcess); both give the same aggregate for the same seed and runs. Every batch
 * of an analysis gets the same seed and runs, so run i draws from the same generator in each.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import type { Aggregate } from '../simulation/aggregate.ts';
import type { BatchRequest } from '../simulation/run-range.ts';

/** What an analysis asks of each batch: the seed and runs, and runs.csv rows where per-run values are needed. */
export type AnalysisBatch = Pick<BatchRequest, 'seed' | 'runs' | 'onRows'>;

export type BatchRunner = (compiled: CompiledScenario, batch: AnalysisBatch) => Aggregate | Promise<Aggregate>;
