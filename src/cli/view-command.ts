/**
 * `parley view [RUN_DIR]`: (re)writes the index of the run folders (runs/index.html) and prints
 * where to open it, or, given a run folder, where its report is. Both work offline from file://.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildRunsIndexHtml, type RunListing } from '../charts/runs-index.ts';
import { UsageError } from './usage-error.ts';

function listing(dir: string, folder: string): RunListing | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, folder, 'manifest.json'), 'utf8'));
    const summary = JSON.parse(readFileSync(join(dir, folder, 'summary.json'), 'utf8'));
    return {
      folder,
      scenario: String(manifest.scenario ?? summary.scenario?.name ?? ''),
      title: String(summary.scenario?.title ?? ''),
      seed: String(manifest.seed ?? summary.seed ?? ''),
      runs: Number(summary.runs),
      startedAt: String(manifest.startedAt ?? ''),
      dealShare: Number(summary.outcomes.deal.share),
      dealLow: Number(summary.outcomes.deal.low),
      dealHigh: Number(summary.outcomes.deal.high),
      topPackage: String(summary.topPackages?.[0]?.label ?? '—'),
      command: String(manifest.command ?? ''),
    };
  } catch {
    return undefined; // not a finished run folder (a shard, a replay, something else)
  }
}

export function viewCommand(runDir: string | undefined, flags: { runsDir: string }, io: { out: NodeJS.WritableStream }): number {
  if (runDir !== undefined) {
    const report = resolve(runDir, 'report.html');
    if (!existsSync(report)) throw new UsageError([`${runDir}: no report.html (is this a folder written by parley run or parley merge?)`]);
    io.out.write(`${pathToFileURL(report).href}\n`);
    return 0;
  }
  const dir = flags.runsDir;
  if (!existsSync(dir)) throw new UsageError([`${dir}: no such folder (run parley run first)`]);
  const runs = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .flatMap((d) => listing(dir, d.name) ?? [])
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.folder.localeCompare(b.folder));
  const index = resolve(dir, 'index.html');
  writeFileSync(index, buildRunsIndexHtml(runs));
  io.out.write(`${runs.length} run folder${runs.length === 1 ? '' : 's'} listed in ${pathToFileURL(index).href}\n`);
  return 0;
}
