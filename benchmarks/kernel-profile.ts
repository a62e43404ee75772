/**
 * Where a kernel's time goes, measured in this process: V8's sampling CPU profiler (node:inspector,
 * as `node --cpu-prof` uses it) over a short batch of the kernel bundle, its samples summed by
 * function (self time: the time in the function's own code, not in what it calls). The bench
 * prints the top functions beside each missed target, so "what is left" is a measurement of the
 * code as it stands, not a remembered one.
 *
 * The bundle is one file; esbuild marks where each source module starts (`// src/…ts`), so each
 * sampled line is traced back to its module.
 */
import { Session } from 'node:inspector/promises';

export interface ProfileLine {
  /** The function (its name in the source; `(garbage collector)` and the like for V8's own). */
  name: string;
  /** The source module it is in, relative to src/ (empty for V8's own entries). */
  module: string;
  /** Its share (0–1) of the kernel's sampled time. */
  share: number;
}

/** The source module of each line of an esbuild bundle: the last `// src/…` marker at or above it. */
export function bundleModules(text: string): (line: number) => string {
  const starts: { line: number; module: string }[] = [];
  text.split('\n').forEach((line, k) => {
    const marker = /^\/\/ src\/(\S+\.ts)$/.exec(line);
    if (marker) starts.push({ line: k, module: marker[1] });
  });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = '';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid].line <= line) {
        found = starts[mid].module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/**
 * Profiles `work` (a batch of the kernel) and returns every function's share of the sampled time,
 * largest first. `moduleAt` maps a 0-based line of `bundleUrl` to its source module.
 */
export async function profileKernel(work: () => unknown, bundleUrl: string, moduleAt: (line: number) => string): Promise<ProfileLine[]> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    // Samples every 200 µs: fine enough for a batch of a second or two, light enough not to skew it.
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    work();
    const { profile } = await session.post('Profiler.stop');
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    // The kernel's samples: those in the bundle or called from it, and the garbage collector (which
    // the kernel's allocations call on); not the inspector's own work in starting and stopping.
    const inKernel = (id: number): boolean => {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = nodes.get(at)?.callFrame;
        if (frame?.url === bundleUrl || frame?.functionName === '(garbage collector)') return true;
      }
      return false;
    };
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    const byFunction = new Map<string, ProfileLine & { time: number }>();
    let total = 0;
    for (let k = 0; k < samples.length; k++) {
      const frame = nodes.get(samples[k])?.callFrame;
      const time = deltas[k] ?? 0;
      if (frame === undefined || !inKernel(samples[k])) continue;
      const module = frame.url === bundleUrl ? moduleAt(frame.lineNumber) : '';
      const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
      const key = `${name} ${module}`;
      const entry = byFunction.get(key) ?? { name, module, share: 0, time: 0 };
      entry.time += time;
      byFunction.set(key, entry);
      total += time;
    }
    return [...byFunction.values()].map(({ name, module, time }) => ({ name, module, share: total > 0 ? time / total : 0 })).sort((a, b) => b.share - a.share);
  } finally {
    await session.post('Profiler.disable');
    session.disconnect();
  }
}
