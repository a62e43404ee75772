#!/usr/bin/env node
// parley's command-line entry: the compiled CLI in dist/ (built by `npm run build`, which `npm ci`,
// `npm install` and `npm pack` run through the prepare script). Worker threads load dist/ too.
import { setFlagsFromString } from 'node:v8';

// A command is a short process. V8 optimises a function once it has run about 67,000 bytecode
// units; in `parley run --runs 1000` its optimising compiler took about a fifth of the CPU (its
// background threads), mostly on Vega's code for charts drawn once each. Three times that budget
// cuts the command's CPU by about a sixth, and a long batch's hot loop still reaches optimised
// code within milliseconds (docs/performance.md, "Start-up"). Only on the V8 it was measured on
// (Node 20's 11.x): another may name the flag otherwise, and V8 prints an error for a flag it lacks.
if (process.versions.v8.startsWith('11.')) setFlagsFromString('--interrupt-budget=200000');
// A reader that stops early (`parley run | head`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/main.js')) throw error;
  process.stderr.write('parley: dist/ is missing: build it with `npm run build` (npm install does it through the prepare script)\n');
  process.exit(1);
}
// An error thrown outside the command's own flow (a stream's late error, a timer) goes through
// the same boundary as every other: a plain message and exit 1, never a bare stack trace.
const lastResort = (error) => process.exit(cli.reportFailure(error, process.argv, process.stderr));
process.on('uncaughtException', lastResort);
process.on('unhandledRejection', lastResort);
process.exitCode = await cli.main(process.argv);
