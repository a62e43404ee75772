/**
 * Runs N runs of the default scenario through the full parallel pipeline in this process and
 * prints {"runs", "seconds", "peakRssMiB"} — worker threads share the process, so the peak RSS
 * counts them. Started by bench.ts in a fresh process per N.
 */
import { prepareScenario, readScenarioFile, simulateBatch } from '../src/index.ts';

const runs = Number(process.argv[2]);
const loaded = readScenarioFile('models/ukraine-2025.yaml');
if (!loaded.ok) throw new Error('default scenario invalid');
const { compiled } = prepareScenario(loaded.scenario);
const start = performance.now();
await simulateBatch(compiled, { seed: 'memory', runs, workers: 2 });
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ runs, seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
