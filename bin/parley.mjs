#!/usr/bin/env node
// parley's command-line entry: registers tsx so Node runs the TypeScript sources directly
// (no build step), then hands over to the CLI. Worker threads run an esbuild bundle of the
// worker instead (src/parallel/worker-source.ts): a Node 20 worker cannot inherit tsx's loader.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`parley run | head`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main, reportFailure } = await import('../src/cli/main.ts');
// An error thrown outside the command's own flow (a stream's late error, a timer) goes through
// the same boundary as every other: a plain message and exit 1, never a bare stack trace.
const lastResort = (error) => process.exit(reportFailure(error, process.argv, process.stderr));
process.on('uncaughtException', lastResort);
process.on('unhandledRejection', lastResort);
process.exitCode = await main(process.argv);
