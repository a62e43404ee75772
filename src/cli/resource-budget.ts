/**
 * The resource limits a command checks before any work (README "Resource limits"): the estimated
 * memory and time of its batches (src/simulation/resource-estimate.ts) against `--max-memory`
 * (default: half of this machine's memory, at most 8 GiB) and `--max-time` (default: 24 hours). Over a limit is
 * bad input — exit 2 with the estimate, the limit and what to change — never a machine that
 * swaps or a process the kernel kills.
 */
import { InvalidArgumentError } from 'commander';
import { totalmem } from 'node:os';
import { estimateResources, type BatchSize } from '../simulation/resource-estimate.ts';
import { UsageError } from '../node/usage-error.ts';
import { thousands } from '../format/numbers.ts';

export interface BudgetFlags {
  /** Bytes. */
  maxMemory?: number;
  /** Seconds. */
  maxTime?: number;
}

export const DEFAULT_MAX_SECONDS = 24 * 3600;

/** Half of this machine's memory, at most 8 GiB (others may be using the rest). */
export function defaultMaxMemory(): number {
  return Math.min(8 * 1024 ** 3, Math.floor(totalmem() / 2));
}

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
};

/** --max-memory SIZE: a number of bytes with an optional unit (512M, 4G, 2GiB). */
export function memorySize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined || !(Number(m[1]) > 0)) throw new InvalidArgumentError(`expected a size such as 512M, 4G or 2GiB, got "${value}"`);
  return Number(m[1]) * unit;
}

const SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, min: 60, h: 3600, d: 86400 };

/** --max-time DURATION: seconds with an optional unit (90s, 30m, 2h, 1d). */
export function duration(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? SECONDS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined || !(Number(m[1]) > 0)) throw new InvalidArgumentError(`expected a duration such as 90s, 30m, 2h or 1d, got "${value}"`);
  return Number(m[1]) * unit;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.ceil(bytes / 1024 ** 2)} MiB`;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(0)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(0)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

/** Refuses (UsageError, exit 2) a command whose batches would exceed the memory or time budget. */
export function checkResources(size: BatchSize, flags: BudgetFlags): void {
  const estimate = estimateResources(size);
  const maxMemory = flags.maxMemory ?? defaultMaxMemory();
  const maxTime = flags.maxTime ?? DEFAULT_MAX_SECONDS;
  const shape = `${thousands(size.actors)} actors × ${thousands(size.packages)} packages`;
  const problems: string[] = [];
  if (estimate.bytes > maxMemory) {
    problems.push(
      `--max-memory: this needs about ${formatBytes(estimate.bytes)} (${shape}, tables in each of ${size.workers} worker${size.workers === 1 ? '' : 's'}), ` +
        `more than the limit of ${formatBytes(maxMemory)}${flags.maxMemory === undefined ? " (the default: half of this machine's memory, at most 8 GiB)" : ''}. ` +
        'Use fewer --workers, fewer actors or fewer levels per issue, or raise --max-memory (e.g. --max-memory 16G) if the machine has it.',
    );
  }
  if (estimate.seconds > maxTime) {
    problems.push(
      `--max-time: this would take about ${formatSeconds(estimate.seconds)} (${thousands(size.runs)} runs of ${shape} on ${size.workers} worker${size.workers === 1 ? '' : 's'}), ` +
        `more than the limit of ${formatSeconds(maxTime)}. Use fewer --runs, a smaller model, shards on several machines (--shard K/N), or raise --max-time (e.g. --max-time 3d).`,
    );
  }
  if (problems.length > 0) throw new UsageError(problems);
}
