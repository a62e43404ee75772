/**
 * Bad requests to `parley view --serve`'s server (local-server.ts's rules, serve-folder.ts's
 * files), sent as raw HTTP so nothing normalises them on the way: foreign Host headers (DNS
 * rebinding), other methods, NUL, malformed percent-encoding and non-UTF-8 paths, climbing out of
 * the folder, links out, an unreadable file, a FIFO, a folder, hidden entries. Each gets its status,
 * every response carries the security headers, and the server answers the next request.
 *
 * The server runs in a child process — as the unprivileged user "nobody" when the tests run as
 * root, so that a file with mode 000 is really unreadable to it — and must outlive every case.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFolder } from '../../src/cli/serve-folder.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `request` as written (CRLF line ends added) and reads the answer until the server closes. */
function send(port: number, request: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    // Written, not ended: the server closes the connection after its answer (Connection: close).
    socket.write(request.split('\n').join('\r\n'));
  });
}

interface RequestCase {
  name: string;
  /** The request line's method and target (default GET). */
  target: string;
  method?: string;
  /** The Host header (default 127.0.0.1:PORT); null: none at all (HTTP/1.0). */
  host?: (port: number) => string | null;
  status: number;
  body?: RegExp;
  /** Further checks of the answer. */
  check?: (r: RawResponse) => void;
}

const SECURITY_HEADERS = ['x-content-type-options', 'content-security-policy', 'referrer-policy', 'cache-control'];

const CASES: RequestCase[] = [
  { name: 'the runs index', target: '/', status: 200, body: /runs index/ },
  { name: 'a run folder shows its report', target: '/batch/', status: 200, body: /the report/ },
  {
    name: 'a JSON file, typed',
    target: '/batch/summary.json',
    status: 200,
    check: (r) => expect(r.headers['content-type']).toBe('application/json; charset=utf-8'),
  },
  {
    name: 'HEAD: the length, no body',
    target: '/batch/report.html',
    method: 'HEAD',
    status: 200,
    check: (r) => {
      expect(r.headers['content-length']).toBe(String(REPORT.length));
      expect(r.body).toBe('');
    },
  },
  { name: 'Host: localhost with the port', target: '/', host: (p) => `localhost:${p}`, status: 200 },
  { name: 'a query string is ignored', target: '/batch/summary.json?x=../../secret.txt', status: 200, body: /"runs"/ },
  { name: 'a percent-encoded UTF-8 name', target: '/batch/r%C3%A9sum%C3%A9.txt', status: 200, body: /accents/ },
  { name: 'a percent-encoded space', target: '/batch/a%20b.txt', status: 200, body: /space/ },
  { name: 'a link to a file inside', target: '/batch/link-in.json', status: 200, body: /"runs"/ },
  { name: 'favicon.ico: no icon, no 404', target: '/favicon.ico', status: 204 },

  { name: 'a foreign Host (DNS rebinding)', target: '/batch/summary.json', host: (p) => `evil.example:${p}`, status: 421 },
  { name: 'a foreign Host without a port', target: '/', host: () => 'evil.example', status: 421 },
  { name: 'Host 127.0.0.1 with another port', target: '/', host: (p) => `127.0.0.1:${p + 1}`, status: 421 },
  { name: 'Host [::1] with the port', target: '/', host: (p) => `[::1]:${p}`, status: 421 },
  { name: 'Host localhost. (trailing dot)', target: '/', host: (p) => `localhost.:${p}`, status: 421 },
  { name: 'no Host header (HTTP/1.0)', target: '/', host: () => null, status: 421 },
  { name: 'POST', target: '/batch/summary.json', method: 'POST', status: 405, check: (r) => expect(r.headers.allow).toBe('GET, HEAD') },
  { name: 'PUT', target: '/batch/new.txt', method: 'PUT', status: 405 },
  { name: 'DELETE', target: '/batch/summary.json', method: 'DELETE', status: 405 },
  { name: 'OPTIONS *', target: '*', method: 'OPTIONS', status: 405 },
  { name: 'an absolute-form target', target: 'http://evil.example/batch/summary.json', status: 400 },
  { name: '%00 in the path', target: '/%00', status: 400, body: /NUL/ },
  { name: '%00 before an extension', target: '/batch/report.html%00.png', status: 400 },
  { name: 'a newline, percent-encoded', target: '/batch/%0a', status: 400 },
  { name: 'a byte that is not UTF-8', target: '/%ff', status: 400, body: /not UTF-8/ },
  { name: 'overlong UTF-8 for ".." (a classic traversal)', target: '/%c0%ae%c0%ae/secret.txt', status: 400, body: /not UTF-8/ },
  { name: 'malformed percent-encoding', target: '/batch/%zzsummary.json', status: 400, body: /malformed/ },
  { name: 'a lone % at the end', target: '/batch%', status: 400 },
  { name: 'a backslash, percent-encoded', target: '/batch%5c..%5c..%5csecret.txt', status: 400, body: /backslash/ },
  { name: '../ out of the folder', target: '/../secret.txt', status: 403 },
  { name: '../ out, from inside', target: '/batch/../../secret.txt', status: 403 },
  { name: 'percent-encoded dots', target: '/%2e%2e/secret.txt', status: 403 },
  { name: 'a percent-encoded slash', target: '/..%2fsecret.txt', status: 403 },
  { name: 'double-encoded dots are decoded once', target: '/%252e%252e/secret.txt', status: 404 },
  { name: 'a link to a file outside', target: '/batch/link-out.txt', status: 403 },
  { name: 'through a link to a folder outside', target: '/batch/folder-out/secret.txt', status: 403 },
  { name: 'an unreadable file', target: '/batch/unreadable.json', status: 403 },
  { name: 'a FIFO inside the folder', target: '/batch/pipe', status: 404 },
  { name: 'a folder without a report', target: '/empty/', status: 404 },
  { name: 'a hidden file', target: '/.hidden.txt', status: 404 },
  { name: "a run's partial folder", target: '/.batch.partial-123/report.html', status: 404 },
  { name: 'a path through a file', target: '/batch/report.html/x', status: 404 },
  { name: 'a missing file', target: '/batch/nothing.json', status: 404 },
  { name: 'a 4,000-character name', target: `/${'a'.repeat(4000)}`, status: 404 },
];

const REPORT = '<!DOCTYPE html><title>the report</title>';
const SECRET = 'a secret beside the served folder';

describe('parley view --serve refuses bad requests, one at a time', () => {
  const work = mkdtempSync(join(tmpdir(), 'parley-serve-corpus-'));
  const folder = join(work, 'runs');
  let child: ChildProcess | undefined;
  let port = 0;

  beforeAll(async () => {
    chmodSync(work, 0o755);
    mkdirSync(join(folder, 'batch', 'charts'), { recursive: true });
    mkdirSync(join(folder, 'empty'));
    mkdirSync(join(folder, '.batch.partial-123'));
    writeFileSync(join(work, 'secret.txt'), SECRET);
    writeFileSync(join(folder, 'index.html'), '<!DOCTYPE html><title>runs index</title>');
    writeFileSync(join(folder, 'batch', 'report.html'), REPORT);
    writeFileSync(join(folder, 'batch', 'summary.json'), '{"runs": 10}');
    writeFileSync(join(folder, 'batch', 'résumé.txt'), 'accents');
    writeFileSync(join(folder, 'batch', 'a b.txt'), 'space');
    writeFileSync(join(folder, '.hidden.txt'), 'hidden');
    writeFileSync(join(folder, '.batch.partial-123', 'report.html'), 'partial');
    writeFileSync(join(folder, 'batch', 'unreadable.json'), '{}');
    chmodSync(join(folder, 'batch', 'unreadable.json'), 0o000);
    symlinkSync(join(folder, 'batch', 'summary.json'), join(folder, 'batch', 'link-in.json'));
    symlinkSync(join(work, 'secret.txt'), join(folder, 'batch', 'link-out.txt'));
    symlinkSync(work, join(folder, 'batch', 'folder-out'));
    execFileSync('mkfifo', [join(folder, 'batch', 'pipe')]);
    chmodSync(join(folder, 'batch', 'pipe'), 0o666);

    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const server = spawn(process.execPath, ['test/helpers/serve-child.mjs', folder], { ...asNobody, stdio: ['ignore', 'pipe', 'pipe'] });
    child = server;
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      server.stdout.on('data', (c) => {
        out += String(c);
        if (out.includes('\n')) resolve(out.trim());
      });
      server.stderr.on('data', (c) => (err += String(c)));
      server.on('exit', (code) => reject(new Error(`the server exited (${code}): ${err}`)));
    });
    port = Number(new URL(url).port);
  });

  afterAll(() => {
    child?.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  });

  it('the unreadable file is unreadable to the server (it does not run as root)', () => {
    expect(statSync(join(folder, 'batch', 'unreadable.json')).mode & 0o777).toBe(0);
  });

  it.each(CASES.map((c, k) => [c.name, k] as const))('%s', async (_name, k) => {
    const c = CASES[k];
    const host = (c.host ?? ((p: number) => `127.0.0.1:${p}`))(port);
    const version = host === null ? 'HTTP/1.0' : 'HTTP/1.1';
    const request = `${c.method ?? 'GET'} ${c.target} ${version}\n${host === null ? '' : `Host: ${host}\n`}Connection: close\n\n`;
    const r = await send(port, request);
    expect(r.status, r.body).toBe(c.status);
    if (c.body) expect(r.body).toMatch(c.body);
    c.check?.(r);
    for (const header of SECURITY_HEADERS) expect(r.headers[header], header).toBeDefined();
    expect(r.body).not.toContain(SECRET);
    // The server is still there for the next request.
    expect(child?.exitCode).toBeNull();
    expect((await send(port, `GET /batch/summary.json HTTP/1.1\nHost: 127.0.0.1:${port}\nConnection: close\n\n`)).status).toBe(200);
  });

  it('a raw space or NUL byte in the request line is a bad request, and the server goes on', async () => {
    for (const target of ['/a b', '/a\0b']) {
      const r = await send(port, `GET ${target} HTTP/1.1\nHost: 127.0.0.1:${port}\nConnection: close\n\n`);
      expect(r.status).toBe(400);
    }
    expect(child?.exitCode).toBeNull();
  });
});

describe('the server binds the loopback address only', () => {
  it('listens on 127.0.0.1, not on every interface', async () => {
    const served = await serveFolder(tmpdir(), 0);
    try {
      expect(served.server.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
      expect(served.url).toBe(`http://127.0.0.1:${served.port}/`);
    } finally {
      await served.close();
    }
  });
});
