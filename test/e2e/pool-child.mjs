// A child process for test/e2e/pool-exit.test.ts, on the built package (dist/): a pool left open
// after a batch, and a pool after a failing run, must neither hang the process nor leave it
// running. Prints what it saw as JSON.
const { openWorkerPool, readAndPrepare } = await import('../../dist/index.js');
const loaded = readAndPrepare('models/ukraine-2025.yaml');
if (!loaded.ok) throw new Error('default scenario invalid');
const seen = {};

// Each batch has two chunks of runs (1,000 runs a chunk), so both workers of each pool start.
const forgotten = openWorkerPool(2);
seen.forgotten = (await forgotten.run(loaded.compiled, { seed: 'child', runs: 1200 })).endRun;
// not closed: idle workers must not keep the process alive

const failing = openWorkerPool(2);
try {
  await failing.run(loaded.compiled, { seed: 'child', runs: 2000, failAtRun: 1100 });
  seen.failed = 'no';
} catch (e) {
  seen.failed = { name: e.name, run: e.run };
}
try {
  await failing.run(loaded.compiled, { seed: 'child', runs: 100 });
  seen.after = 'no';
} catch (e) {
  seen.after = e.message;
}
if (process.argv[2] === 'close') {
  await failing.close();
  await failing.close();
}
process.stdout.write(JSON.stringify(seen));
