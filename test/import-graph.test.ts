/**
 * The shape of src/: no import circles between its files (type-only and lazy imports count: a
 * circle is a circle for the reader too). A circle is found as a strongly connected component of
 * more than one file (Tarjan 1972), or a file importing itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/** The relative specifiers a file imports: static imports and re-exports (type-only too), side-effect and dynamic imports. */
function relativeImports(text: string): string[] {
  const out: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'";]*?\sfrom\s*['"](\.[^'"]+)['"]/g, /\bimport\s*['"](\.[^'"]+)['"]/g, /\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) out.push(m[1]);
  return out;
}

/** Strongly connected components with more than one file, or a file importing itself. */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the import graph of src/', () => {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const targets = relativeImports(readFileSync(file, 'utf8')).map((s) => relative(SRC, resolve(dirname(file), s)));
    graph.set(relative(SRC, file), targets);
  }

  it('has no import circle', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(circles(graph)).toEqual([]);
  });

  it('the circle finder finds a circle (the test can fail)', () => {
    const withCircle = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts', 'd.ts']],
      ['e.ts', ['a.ts']],
    ]);
    expect(circles(withCircle)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
    expect(relativeImports("import type { X } from './x.ts';\nexport { y } from '../y.ts';\nconst z = await import('./z.ts');")).toEqual([
      './x.ts',
      '../y.ts',
      './z.ts',
    ]);
  });

  it('every relative import names a file that exists', () => {
    const missing = [...graph].flatMap(([file, targets]) => targets.filter((t) => !graph.has(t)).map((t) => `${file} → ${t}`));
    expect(missing).toEqual([]);
  });
});

/** The relative specifiers a file loads when it is loaded: static imports and re-exports, not type-only ones, not dynamic import(). */
function loadedImports(text: string): string[] {
  const out: string[] = [];
  const patterns = [/\b(?:import|export)\s(?!type\s)[^'";]*?\sfrom\s*['"](\.[^'"]+)['"]/g, /\bimport\s*['"](\.[^'"]+)['"]/g];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) out.push(m[1]);
  return out;
}

describe('what a command loads (start-up time)', () => {
  const loads = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    loads.set(
      relative(SRC, file),
      loadedImports(readFileSync(file, 'utf8')).map((s) => relative(SRC, resolve(dirname(file), s))),
    );
  }
  /** Every file of src/ that loading `entry` loads. */
  const closure = (entry: string) => {
    const seen = new Set<string>();
    const stack = [entry];
    while (stack.length > 0) {
      const file = stack.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      stack.push(...(loads.get(file) ?? []));
    }
    return [...seen];
  };
  const under = (files: string[], folders: string[]) => files.filter((f) => folders.some((folder) => f.startsWith(`${folder}/`)));

  it('the loaded-imports reader skips type-only and dynamic imports', () => {
    expect(
      loadedImports("import type { X } from './x.ts';\nimport { y, type Y } from '../y.ts';\nexport { z } from './z.ts';\nconst w = await import('./w.ts');"),
    ).toEqual(['../y.ts', './z.ts']);
  });

  it('the command line loads no command before commander has chosen one', () => {
    const files = closure('cli/main.ts');
    expect(files.length).toBeGreaterThan(3);
    expect(files.filter((f) => f.endsWith('-command.ts'))).toEqual([]);
    expect(under(files, ['negotiation', 'charts', 'analysis', 'import', 'check', 'explorer', 'parallel'])).toEqual([]);
    expect(files).not.toContain('simulation/batch.ts');
    expect(files).not.toContain('index.ts');
  });

  it('parley validate loads the model reader and compiler, not the simulation, charts or importers', () => {
    const files = closure('cli/validate-command.ts');
    expect(files).toContain('scenario/load.ts');
    expect(files).toContain('negotiation/compile.ts');
    expect(under(files, ['simulation', 'charts', 'analysis', 'import', 'check', 'explorer', 'parallel'])).toEqual([]);
    expect(files).not.toContain('index.ts');
    expect(files).not.toContain('core.ts');
  });

  it('parley run loads the simulation and chart specs, not the analyses, importers, validation suite or explorer', () => {
    const files = closure('cli/run-command.ts');
    expect(files).toContain('simulation/batch.ts');
    expect(files).toContain('charts/index.ts');
    expect(under(files, ['analysis', 'import', 'check', 'explorer'])).toEqual([]);
    // Vega is drawn with on the drawing threads (node/drawing-worker.ts), loaded by URL.
    expect(files).not.toContain('charts/render.ts');
    expect(files).not.toContain('node/drawing-worker.ts');
    expect(files).not.toContain('index.ts');
  });
});
