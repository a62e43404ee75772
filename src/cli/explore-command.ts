/**
 * `parley explore [MODEL]`: the model in the browser, every settable path a control, the batch run
 * by the core in the page's Web Workers (src/explorer/). Served on 127.0.0.1 (local-server.ts's
 * rules, as `parley view --serve`) until Ctrl-C, printing the address; or, with --out FILE.html,
 * written as one self-contained file that works from file:// with no server and no network.
 * "Save run" (served only) writes a run folder through runCommand, the code of `parley run`.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { explorerPage } from './explore-page.ts';
import { refuse, startLocalServer, untilInterrupted, type LocalRequest } from './local-server.ts';
import { loadModel } from './load-model.ts';
import { writeOutputFile } from './run-folder.ts';
import { runCommand, type RunIo } from './run-command.ts';
import { UsageError } from '../node/usage-error.ts';
import { PARLEY_VERSION } from '../node/package-files.ts';
import { DEFAULT_EXPLORE_RUNS, runsProblem, type ExplorerState } from '../explorer/explorer-state.ts';
import type { ExplorerData } from '../explorer/page-data.ts';

export interface ExploreFlags {
  runs?: number;
  seed: string;
  set?: string[];
  variant?: string;
  port?: number;
  out?: string;
}

/**
 * The served page's policy: its own inline scripts and styles, workers from blob URLs, charts drawn
 * as SVG; connections only to this server ("Save run"); no forms, no framing by other pages.
 */
export const EXPLORER_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  'worker-src blob:',
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The largest "Save run" request body: a state is a few lines of text. */
const MAX_SAVE_BYTES = 256 * 1024;

function explorerData(model: string, flags: ExploreFlags, served: boolean): ExplorerData {
  const runs = flags.runs ?? DEFAULT_EXPLORE_RUNS;
  const problem = runsProblem(String(runs));
  if (problem !== null) throw new UsageError([`--runs: ${problem}`]);
  // The model, its variant and every --set line are checked here first: bad input exits 2 before anything starts.
  const loaded = loadModel(model, flags);
  return {
    modelText: loaded.text,
    file: model,
    title: loaded.compiled.title,
    variants: Object.keys(loaded.scenario.variants),
    defaults: { set: flags.set ?? [], variant: flags.variant ?? null, seed: flags.seed, runs },
    served,
    saveToken: served ? randomBytes(24).toString('hex') : null,
  };
}

/** A "Save run" body read as a state, or why not. */
export function savedState(body: string, token: string | null): ExplorerState | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'the body is not JSON';
  }
  const { token: given, state } = (parsed ?? {}) as { token?: unknown; state?: Partial<ExplorerState> };
  if (token === null || given !== token) return 'this page may not save runs (wrong token)';
  if (state === undefined || typeof state !== 'object') return 'expected {token, state}';
  const { set, variant, seed, runs } = state;
  if (!Array.isArray(set) || !set.every((line) => typeof line === 'string')) return 'state.set: expected a list of PATH=VALUE lines';
  if (variant !== null && typeof variant !== 'string') return 'state.variant: expected a name or null';
  if (typeof seed !== 'string' || seed === '') return 'state.seed: expected some text';
  const runsText = runsProblem(String(runs));
  if (runsText !== null) return `state.runs: ${runsText}`;
  return { set, variant, seed, runs: Number(runs) };
}

/** Collects what runCommand writes, to answer the page with it. */
function textSink(): { stream: NodeJS.WritableStream; text: () => string } {
  let text = '';
  const stream = { write: (chunk: string | Uint8Array) => ((text += String(chunk)), true) } as unknown as NodeJS.WritableStream;
  return { stream, text: () => text };
}

async function save(model: string, data: ExplorerData, body: string, response: ServerResponse): Promise<void> {
  const state = savedState(body, data.saveToken);
  if (typeof state === 'string') {
    refuse(response, { status: state.includes('token') ? 403 : 400, message: state });
    return;
  }
  const argv = [
    'node',
    'parley',
    'run',
    model,
    '--runs',
    String(state.runs),
    '--seed',
    state.seed,
    ...(state.variant === null ? [] : ['--variant', state.variant]),
    ...state.set.flatMap((line) => ['--set', line]),
  ];
  const out = textSink();
  const io: RunIo = { out: out.stream, err: textSink().stream, version: PARLEY_VERSION, argv };
  try {
    await runCommand(model, { runs: state.runs, seed: state.seed, set: state.set, variant: state.variant ?? undefined, firstRun: 0 }, io);
  } catch (e) {
    const message = (e as Error).message;
    refuse(response, { status: 400, message: `not saved: ${message}` });
    return;
  }
  const wrote =
    out
      .text()
      .split('\n')
      .find((line) => line.startsWith('Wrote ')) ?? 'saved';
  response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`${wrote}\n`);
}

async function serveUntilInterrupted(model: string, flags: ExploreFlags, io: { out: NodeJS.WritableStream }): Promise<number> {
  const data = explorerData(model, flags, true);
  const page = explorerPage(data);
  const handle = async (request: LocalRequest, response: ServerResponse) => {
    const path = request.segments.join('/');
    if (request.method === 'POST') {
      if (path !== 'save') {
        refuse(response, { status: 404, message: 'not found' });
        return;
      }
      return save(model, data, request.body, response);
    }
    if (path !== '' && path !== 'index.html') {
      refuse(response, { status: 404, message: 'not found' });
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(request.method === 'HEAD' ? undefined : page);
  };
  let served;
  try {
    served = await startLocalServer({
      port: flags.port ?? 0,
      contentSecurityPolicy: EXPLORER_CONTENT_SECURITY_POLICY,
      handle,
      post: { maxBytes: MAX_SAVE_BYTES },
    });
  } catch (e) {
    throw new UsageError([`--port: cannot listen on 127.0.0.1:${flags.port ?? 0}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`]);
  }
  io.out.write(`Exploring ${model} at ${served.url} (Ctrl-C to stop)\n`);
  await untilInterrupted();
  await served.close();
  return 0;
}

export async function exploreCommand(model: string, flags: ExploreFlags, io: { out: NodeJS.WritableStream }): Promise<number> {
  if (flags.out !== undefined) {
    if (flags.port !== undefined) throw new UsageError(['--port and --out: a file is not served; give one of them']);
    const html = explorerPage(explorerData(model, flags, false));
    writeOutputFile(flags.out, html, { flag: '--out', command: 'parley explore' });
    io.out.write(`Wrote ${flags.out} (${(Buffer.byteLength(html) / 1e6).toFixed(1)} MB): open it in a browser; it needs no server and no network.\n`);
    return 0;
  }
  return serveUntilInterrupted(model, flags, io);
}
