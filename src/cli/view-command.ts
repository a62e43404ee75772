/**
 * `parley view [RUN_DIR]`: (re)writes the index of the run folders (runs/index.html) and prints
 * where to open it, or, given a run folder, where its report is. Both work offline from file://.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildRunsIndexHtml, type ReportListing, type RunListing } from '../charts/runs-index.ts';
import { UsageError } from '../node/usage-error.ts';
import { serveFolder } from './serve-folder.ts';
import { untilInterrupted } from './local-server.ts';
import { describeSystemError, EnvironmentError, isSystemError } from '../node/environment-error.ts';
import { findPartialFolders, removeCommand } from '../node/run-folder.ts';
import { provenanceOf } from '../node/provenance.ts';

/** What the index shows of a manifest.json; a folder written by another parley may lack any of it. */
interface ListedManifest {
  scenario?: unknown;
  model?: { file?: unknown };
  seed?: unknown;
  startedAt?: unknown;
  command?: unknown;
}

/** What the index shows of a summary.json. A folder without outcomes.deal is no finished run: reading it throws. */
interface ListedSummary {
  scenario?: { name?: unknown; title?: unknown };
  mechanism?: unknown;
  seed?: unknown;
  runs?: unknown;
  outcomes: { deal: { share?: unknown; low?: unknown; high?: unknown } };
  topPackages?: readonly ({ label?: unknown } | undefined)[];
}

/** A JSON value as text for the index (`missing` when absent). */
function shown(x: unknown, missing = ''): string {
  if (x === undefined || x === null) return missing;
  return typeof x === 'string' ? x : JSON.stringify(x);
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function listing(dir: string, folder: string): RunListing | undefined {
  try {
    const manifest = readJson(join(dir, folder, 'manifest.json')) as ListedManifest;
    const summary = readJson(join(dir, folder, 'summary.json')) as ListedSummary;
    return {
      folder,
      scenario: shown(manifest.scenario ?? summary.scenario?.name),
      model: shown(manifest.model?.file),
      mechanism: shown(summary.mechanism, 'alternating-offers'),
      title: shown(summary.scenario?.title),
      seed: shown(manifest.seed ?? summary.seed),
      runs: Number(summary.runs),
      startedAt: shown(manifest.startedAt),
      dealShare: Number(summary.outcomes.deal.share),
      dealLow: Number(summary.outcomes.deal.low),
      dealHigh: Number(summary.outcomes.deal.high),
      topPackage: shown(summary.topPackages?.[0]?.label, '—'),
      command: shown(manifest.command),
      provenance: provenanceOf(shown(manifest.scenario ?? summary.scenario?.name), manifest.model),
    };
  } catch {
    return undefined; // not a finished run folder (a shard, a replay, something else)
  }
}

/** A folder with report.html that is not one batch: what kind it is, from the JSON it holds. */
function otherListing(dir: string, folder: string): ReportListing | undefined {
  const path = join(dir, folder);
  if (!existsSync(join(path, 'report.html')) || existsSync(join(path, 'summary.json'))) return undefined;
  const kinds: [string, string][] = [
    ['comparison.json', 'comparison'],
    ['sweep.json', 'sweep'],
    ['sensitivity.json', 'sensitivity analysis'],
  ];
  const kind = kinds.find(([file]) => existsSync(join(path, file)))?.[1] ?? 'report';
  try {
    const manifest = readJson(join(path, 'manifest.json')) as ListedManifest;
    const provenance = typeof manifest.model === 'object' ? provenanceOf(shown(manifest.scenario), manifest.model) : undefined;
    return {
      folder,
      kind,
      command: `parley ${shown(manifest.command)}`.replace(/^parley parley /, 'parley '),
      startedAt: shown(manifest.startedAt),
      provenance,
    };
  } catch {
    return { folder, kind, command: '', startedAt: '' };
  }
}

export interface ViewFlags {
  runsDir: string;
  /** Serve over HTTP on localhost instead of printing a file:// address. */
  serve?: boolean;
  port?: number;
}

/** Serves `folder` on 127.0.0.1 until the process is interrupted (Ctrl-C). */
async function serveUntilInterrupted(folder: string, port: number, io: { out: NodeJS.WritableStream }): Promise<number> {
  let served;
  try {
    served = await serveFolder(folder, port);
  } catch (e) {
    throw new UsageError([`--port: cannot listen on 127.0.0.1:${port}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`]);
  }
  io.out.write(`Serving ${folder} at ${served.url} (Ctrl-C to stop)\n`);
  await untilInterrupted();
  await served.close();
  return 0;
}

export function viewCommand(runDir: string | undefined, flags: ViewFlags, io: { out: NodeJS.WritableStream }): number | Promise<number> {
  if (runDir !== undefined) {
    const report = resolve(runDir, 'report.html');
    if (!existsSync(report))
      throw new UsageError([`${runDir}: no report.html (is this a folder written by parley run, merge, compare, sweep or sensitivity?)`]);
    if (flags.serve) return serveUntilInterrupted(runDir, flags.port ?? 0, io);
    io.out.write(`${pathToFileURL(report).href}\n`);
    return 0;
  }
  const dir = flags.runsDir;
  if (!existsSync(dir)) throw new UsageError([`${dir}: no such folder (run parley run first)`]);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if (isSystemError(e)) throw new EnvironmentError([describeSystemError(e, `cannot list the runs folder ${dir}`)]);
    throw e;
  }
  const folders = entries.filter((d) => d.isDirectory() && !d.name.startsWith('.'));
  const runs = folders.flatMap((d) => listing(dir, d.name) ?? []).sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.folder.localeCompare(b.folder));
  const others = folders
    .flatMap((d) => otherListing(dir, d.name) ?? [])
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.folder.localeCompare(b.folder));
  const incomplete = findPartialFolders(dir).map((p) => ({
    folder: p.name,
    partial: basename(p.path),
    state: p.state,
    writer: p.writer,
    remove: removeCommand(p.path),
  }));
  const index = resolve(dir, 'index.html');
  try {
    writeFileSync(index, buildRunsIndexHtml(runs, others, incomplete));
  } catch (e) {
    if (isSystemError(e))
      throw new EnvironmentError([`${describeSystemError(e, `cannot write ${join(dir, 'index.html')}`)} (or list another folder with --runs-dir)`]);
    throw e;
  }
  io.out.write(
    `${runs.length} run folder${runs.length === 1 ? '' : 's'}${others.length > 0 ? ` and ${others.length} other report${others.length === 1 ? '' : 's'}` : ''} listed in ${pathToFileURL(index).href}\n`,
  );
  for (const p of incomplete) {
    io.out.write(
      p.state === 'running'
        ? `Incomplete: ${p.partial} is being written now (${p.writer}).\n`
        : `Incomplete: ${p.partial} was left by a run that did not finish (${p.writer}); it holds no results. Remove it with: ${p.remove}\n`,
    );
  }
  if (flags.serve) return serveUntilInterrupted(dir, flags.port ?? 0, io);
  return 0;
}
