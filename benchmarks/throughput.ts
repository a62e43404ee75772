/**
 * Throughput of the default scenario: the kernel alone in this thread, and the full parallel
 * pipeline (pool, chunks, messages, merge) on 1 and 2 workers. Not a test: it prints a table
 * and writes benchmarks/results.json; it never fails on a timing.
 *
 *   npm run bench [-- --runs 20000 --repeats 3]
 */
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { median, min, max } from 'simple-statistics';
import { prepareScenario, readScenarioFile, simulateBatch } from '../src/index.ts';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const runs = flag('runs', 20_000);
const repeats = flag('repeats', 3);
const loaded = readScenarioFile('models/ukraine-2025.yaml');
if (!loaded.ok) throw new Error('default scenario invalid');
const { compiled } = prepareScenario(loaded.scenario);

async function measure(label: string, options: { inProcess?: boolean; workers?: number }) {
  const seconds: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const start = performance.now();
    await simulateBatch(compiled, { seed: `bench-${k}`, runs, ...options });
    seconds.push((performance.now() - start) / 1000);
  }
  const rates = seconds.map((s) => runs / s);
  return { case: label, runs, repeats, medianSeconds: median(seconds), runsPerSecond: median(rates), minRate: min(rates), maxRate: max(rates) };
}

const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
const results = [
  await measure('kernel alone, this thread', { inProcess: true }),
  await measure('pipeline, 1 worker', { workers: 1 }),
  await measure('pipeline, 2 workers', { workers: 2 }),
];
console.log(`${machine.cpu} · ${machine.cores} cores · ${machine.memoryGiB} GiB · Node ${machine.node}`);
console.log(`default scenario (${compiled.packageCount} packages, ${compiled.actors.length} actors, ${compiled.rounds} rounds), ${runs} runs, median of ${repeats}`);
for (const r of results) {
  console.log(`${r.case.padEnd(28)} ${Math.round(r.runsPerSecond).toLocaleString('en-US').padStart(8)} runs/s  (${Math.round(r.minRate)}–${Math.round(r.maxRate)})  ${r.medianSeconds.toFixed(2)} s`);
}
console.log(`2 workers / 1 worker: ${(results[2].runsPerSecond / results[1].runsPerSecond).toFixed(2)}×`);
writeFileSync('benchmarks/results.json', JSON.stringify({ machine, results }, null, 2) + '\n');
