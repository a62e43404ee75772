#!/usr/bin/env node
// parley's command-line entry: registers tsx so Node runs the TypeScript sources directly
// (no build step), then hands over to the CLI. Worker threads start the same way
// (src/parallel/worker-bootstrap.mjs), since a Node 20 worker cannot inherit tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
