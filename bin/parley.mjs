#!/usr/bin/env node
// parley's command-line entry: the compiled CLI in dist/, bundled for start-up (dist/bundle/, made
// by `npm run build`, which `npm ci`, `npm install` and `npm pack` run through the prepare script:
// scripts/bundle-cli.mjs). Worker threads load tsc's files in dist/.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// A command is a short process. V8 optimises a function once it has run about 67,000 bytecode
// units; in `parley run --runs 1000` its optimising compiler took about a fifth of the CPU (its
// background threads), mostly on Vega's code for charts drawn once each. Three times that budget
// cut the command's CPU by about a sixth; six times (with the code cache below) by 0.07 s more, wall
// 0.95×, and a 30,000-run batch's hot loop still reaches optimised code as soon (docs/performance.md,
// "Start-up"). Only on the V8 it was measured on (Node 20's 11.x): another may name the flag
// otherwise, and V8 prints an error for a flag it lacks.
const V8_FLAGS = process.versions.v8.startsWith('11.') ? '--interrupt-budget=400000' : '';
if (V8_FLAGS !== '') setFlagsFromString(V8_FLAGS);
// The code cache (below) is V8's for these flags: its files are named after them (code-cache.js).
process.env.PARLEY_V8_FLAGS = V8_FLAGS;
// A reader that stops early (`parley run | head`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
// The command line is one script (dist/bundle/parley.cjs), evaluated through V8's code cache, kept
// for each command (dist/charts/code-cache.js): a command then starts without compiling again the
// code it ran last time. Written when the command has succeeded, if there was none or V8 refused it.
// PARLEY_UNBUNDLED=1 runs tsc's files instead (dist/cli/main.js: stack traces then name them).
const DIST_MISSING = 'parley: dist/ is missing: build it with `npm run build` (npm install does it through the prepare script)\n';
let cli;
let script;
try {
  if (process.env.PARLEY_UNBUNDLED === '1') cli = await import('../dist/cli/main.js');
  else {
    const { codeCacheFolder, runCachedScript } = await import('../dist/charts/code-cache.js');
    const file = fileURLToPath(new URL('../dist/bundle/parley.cjs', import.meta.url));
    const source = `(function (exports, require, module, __filename, __dirname) {\n${readFileSync(file, 'utf8')}\n})`;
    script = runCachedScript(source, { path: file, folder: codeCacheFolder(), lineOffset: -1, use: cacheUse(process.argv.slice(2)) });
    const module = { exports: {} };
    script.value.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
    cli = module.exports;
  }
} catch (error) {
  const missing =
    (error?.code === 'ERR_MODULE_NOT_FOUND' && /dist\/(charts\/code-cache|cli\/main)\.js/.test(String(error.message))) ||
    (error?.code === 'ENOENT' && String(error.path).endsWith('parley.cjs'));
  if (!missing) throw error;
  process.stderr.write(DIST_MISSING);
  process.exit(1);
}

/** The command's cache: its name (`run`, `validate`, …); help and version, which run little of it, share one of their own. */
function cacheUse(args) {
  if (args.some((arg) => ['-h', '--help', '-V', '--version'].includes(arg)) || args[0] === 'help') return 'help';
  const command = args.find((arg) => !arg.startsWith('-'));
  return command !== undefined && /^[a-z][a-z-]{0,30}$/.test(command) ? command : 'other';
}
// An error thrown outside the command's own flow (a stream's late error, a timer) goes through
// the same boundary as every other: a plain message and exit 1, never a bare stack trace.
const lastResort = (error) => process.exit(cli.reportFailure(error, process.argv, process.stderr));
process.on('uncaughtException', lastResort);
process.on('unhandledRejection', lastResort);
process.exitCode = await cli.main(process.argv);
if (process.exitCode === 0) script?.save();
