/**
 * `parley view --serve`: the run folders over HTTP on localhost (127.0.0.1 only), for browsers or
 * tools that restrict file:// pages. Read-only static files; a path is served only if it resolves —
 * symbolic links followed — inside the served folder, so neither "../" nor a link reaches outside.
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface ServedFolder {
  url: string;
  server: Server;
  close: () => Promise<void>;
}

export function serveFolder(folder: string, port: number): Promise<ServedFolder> {
  const root = realpathSync(resolve(folder));
  const inside = (path: string) => path === root || path.startsWith(root + sep);
  const server = createServer((request, response) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      response.writeHead(400).end('bad request');
      return;
    }
    let file = resolve(join(root, path));
    if (!inside(file)) {
      response.writeHead(403).end('outside the served folder');
      return;
    }
    // A folder shows its report (a run or a comparison), else its index (the runs folder).
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
      file = ['report.html', 'index.html'].map((name) => join(file, name)).find((f) => statSync(f, { throwIfNoEntry: false })?.isFile()) ?? join(file, 'index.html');
    }
    let real: string | undefined;
    try {
      real = realpathSync(file);
    } catch {
      real = undefined;
    }
    if (real !== undefined && !inside(real)) {
      response.writeHead(403).end('outside the served folder');
      return;
    }
    if (real === undefined || !statSync(real).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(real).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address() as AddressInfo;
      resolvePromise({
        url: `http://127.0.0.1:${actual}/`,
        server,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
