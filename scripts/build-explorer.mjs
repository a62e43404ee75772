// Bundles `parley explore`'s page and worker (src/explorer/page.ts, explore-worker.ts) for the
// browser with esbuild, from the same sources as dist/ (no second implementation): run by
// `npm run build` after tsc. The build fails if either pulls in a Node built-in.
import { build } from 'esbuild';

for (const [entry, out] of [
  ['src/explorer/page.ts', 'dist/explorer/page.bundle.js'],
  ['src/explorer/explore-worker.ts', 'dist/explorer/worker.bundle.js'],
]) {
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
}
