/**
 * `parley view --serve`: the run folders over HTTP on localhost, for browsers or tools that
 * restrict file:// pages. The request rules (loopback only, Host, methods, path decoding, security
 * headers, a failed request never stopping the server) are local-server.ts's; this file maps a
 * path to a file: read-only, a regular file that resolves — symbolic links followed — inside the
 * served folder, never a hidden entry (".git", a run's ".NAME.partial" folder). Anything else is
 * 403 (outside, unreadable) or 404 (missing, not a regular file) for that request alone.
 */
import { constants, realpathSync } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { extname, join, resolve, sep } from 'node:path';
import { refuse, startLocalServer, type LocalRequest, type LocalServer, type Refusal } from './local-server.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * What a report needs and nothing more: its inline scripts (Vega, Vega-Lite, vega-embed and the
 * embedding script are inlined) and inline styles, images from the folder or drawn in the page.
 * No connections, no scripts or styles from anywhere else, no forms, no framing by other pages.
 */
export const REPORT_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type ServedFolder = LocalServer;

const NOT_FOUND: Refusal = { status: 404, message: 'not found' };
const OUTSIDE: Refusal = { status: 403, message: 'outside the served folder' };
const FORBIDDEN: Refusal = { status: 403, message: 'cannot be read' };

/** The refusal for an error reaching or opening a file: permission → 403, anything else → 404. */
function fileRefusal(e: unknown): Refusal {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? FORBIDDEN : NOT_FOUND;
}

/** The real path of `path` if it lies inside `root` (links followed), else why not. */
async function realInside(root: string, path: string): Promise<string | Refusal> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (e) {
    return fileRefusal(e);
  }
  return real === root || real.startsWith(root + sep) ? real : OUTSIDE;
}

/** The file a request names: a folder shows its report (a run or a comparison), else its index (the runs folder). */
async function locate(root: string, segments: string[]): Promise<string | Refusal> {
  if (segments.some((segment) => segment.startsWith('.'))) return NOT_FOUND;
  const real = await realInside(root, join(root, ...segments));
  if (typeof real !== 'string') return real;
  let isFolder: boolean;
  try {
    isFolder = (await stat(real)).isDirectory();
  } catch (e) {
    return fileRefusal(e);
  }
  if (!isFolder) return real;
  for (const page of ['report.html', 'index.html']) {
    const inside = await realInside(root, join(real, page));
    if (typeof inside === 'string' || inside !== NOT_FOUND) return inside;
  }
  return NOT_FOUND;
}

async function sendFile(root: string, request: LocalRequest, response: ServerResponse): Promise<void> {
  const file = await locate(root, request.segments);
  // Browsers ask every server for /favicon.ico: "no icon" rather than a 404 in the page's console.
  if (file === NOT_FOUND && request.segments.join('/') === 'favicon.ico') {
    response.writeHead(204).end();
    return;
  }
  if (typeof file !== 'string') {
    refuse(response, file);
    return;
  }
  // Non-blocking, so a FIFO is opened (and refused below) instead of waited on; no link swapped in since.
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (e) {
    refuse(response, fileRefusal(e));
    return;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      refuse(response, NOT_FOUND);
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': info.size });
    if (request.method === 'HEAD' || info.size === 0) {
      response.end();
      return;
    }
    // At most the bytes counted above (the file may grow meanwhile); a read error or a client
    // that goes away ends this response only.
    await pipeline(handle.createReadStream({ autoClose: false, start: 0, end: info.size - 1 }), response).catch(() => response.destroy());
  } finally {
    await handle.close();
  }
}

export function serveFolder(folder: string, port: number): Promise<ServedFolder> {
  const root = realpathSync(resolve(folder));
  return startLocalServer({ port, contentSecurityPolicy: REPORT_CONTENT_SECURITY_POLICY, handle: (request, response) => sendFile(root, request, response) });
}
