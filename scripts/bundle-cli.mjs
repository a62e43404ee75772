// Bundles the command line for start-up: dist/cli/main.js and everything it imports (parley's
// compiled files, zod, yaml, commander, …) as one CommonJS script, dist/bundle/parley.cjs, which
// bin/parley.mjs evaluates through V8's code cache (src/charts/code-cache.ts). Unbundled, a command
// read some 450 modules; the bundle and its cache cut `parley run --runs 1000 --no-charts` to
// about 0.85× (docs/performance.md, "Start-up"). Run by `npm run build` after tsc. A command's
// module still runs only when that command is chosen (esbuild keeps main.ts's dynamic imports
// lazy). The library (`import … from 'parley'`) and the worker threads load tsc's files as they are.
//
// A file that finds something beside itself (a worker's script, package.json, a template, the
// fonts) does so from import.meta.url; in the bundle each such use becomes the URL of the file's
// own place in dist/, so that every path resolves as it did unbundled.
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { build } from 'esbuild';

const DIST = resolve('dist');
const OUT = resolve('dist/bundle');

/**
 * import.meta.url (not inside a string) in a file of dist/: that file's URL, found from the bundle's
 * folder. The helpers come in as imports (esbuild names them apart from the file's own names; a
 * `require(…)` put in the text would be renamed along with a `require` the file declares itself).
 */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.js$/ }, async ({ path }) => {
      if (!path.startsWith(DIST + sep) || path.startsWith(OUT + sep)) return undefined;
      const text = await readFile(path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const own = JSON.stringify(relative(OUT, path).split(sep).join('/'));
      const helpers = "import { pathToFileURL as parleyFileUrl } from 'node:url'; import { join as parleyJoin } from 'node:path';\n";
      const url = `parleyFileUrl(parleyJoin(__dirname, ${own})).href`;
      return { contents: helpers + text.replace(/(?<!['"`])\bimport\.meta\.url\b/g, url), loader: 'js', resolveDir: dirname(path) };
    });
  },
};

await build({
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/bundle/parley.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Native, or used only from the TypeScript sources: required from node_modules when needed.
  external: ['@resvg/resvg-js', 'esbuild'],
  plugins: [ownUrls],
  // Any import.meta left (which CommonJS has not) fails the build rather than a command.
  logOverride: { 'empty-import-meta': 'error' },
  logLevel: 'warning',
});
