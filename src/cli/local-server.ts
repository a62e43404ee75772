/**
 * The rules every local HTTP server of parley keeps — `parley view --serve` (serve-folder.ts)
 * today, `parley explore`'s server when it exists — kept apart from what a server serves:
 *
 * - It listens on 127.0.0.1 only, never on other interfaces.
 * - It answers only requests whose Host header is 127.0.0.1:PORT or localhost:PORT (else 421), so a
 *   web page that points a name of its own at 127.0.0.1 (DNS rebinding) reads nothing.
 * - Only GET and HEAD (else 405) — and POST on a server that takes posts (`parley explore`'s "Save
 *   run"), only from a page of its own: the Origin header must be this server's (else 403, a
 *   cross-site request; a browser always sends Origin with a POST), Sec-Fetch-Site, when sent, must
 *   be same-origin (403), the body must be JSON (Content-Type application/json, else 415: an HTML
 *   form on another site cannot send that without a CORS preflight, and the preflight's OPTIONS is
 *   refused) of at most the server's limit (413). The handler then checks its own secret token.
 * - The path is decoded and normalised once, here: percent-decoding must be well formed and give
 *   UTF-8, with no NUL or other control character and no backslash (else 400); "." and ".." are
 *   resolved, and a path that climbs above the root is refused (403). Handlers get the segments.
 * - Every response carries X-Content-Type-Options: nosniff, the server's Content-Security-Policy,
 *   Referrer-Policy: no-referrer, Cache-Control: no-store and Cross-Origin-Resource-Policy:
 *   same-origin.
 * - A handler's failure ends that request (500, or the connection closed if the answer had
 *   started), never the server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request that passed the rules: its method and its normalised path, as segments. */
export interface LocalRequest {
  method: 'GET' | 'HEAD' | 'POST';
  /** Decoded, without empty, "." or ".." segments; never containing "/", NUL or a control character. */
  segments: string[];
  /** A POST's body (JSON text within the server's limit); empty for GET and HEAD. */
  body: string;
}

/** A server that takes POST requests (from its own pages only), with bodies of at most `maxBytes`. */
export interface PostRule {
  maxBytes: number;
}

export type LocalHandler = (request: LocalRequest, response: ServerResponse) => void | Promise<void>;

export interface LocalServer {
  url: string;
  port: number;
  server: Server;
  close: () => Promise<void>;
}

export interface Refusal {
  status: number;
  message: string;
}

const LOOPBACK = '127.0.0.1';

/** The headers of every response, with the server's Content-Security-Policy. */
export function securityHeaders(contentSecurityPolicy: string): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'content-security-policy': contentSecurityPolicy,
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'cross-origin-resource-policy': 'same-origin',
  };
}

/** Whether a Host header names this server: 127.0.0.1 or localhost with its port (the port may go only when it is 80). */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const name = host.toLowerCase();
  const allowed = [`${LOOPBACK}:${port}`, `localhost:${port}`, ...(port === 80 ? [LOOPBACK, 'localhost'] : [])];
  return allowed.includes(name);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The request target (origin form, "/…") as normalised path segments, or why it is refused.
 * Decoded exactly once: "%252e" is the segment "%2e", never "."; the query is ignored.
 */
export function decodeRequestPath(target: string): { segments: string[] } | Refusal {
  if (!target.startsWith('/')) return { status: 400, message: 'expected a path starting with /' };
  const end = target.search(/[?#]/);
  const raw = end < 0 ? target : target.slice(0, end);
  // Browsers percent-encode everything outside printable ASCII; anything else is not a browser.
  if (!/^[\x21-\x7e]*$/.test(raw)) return { status: 400, message: 'expected a percent-encoded path (raw space, control or non-ASCII character)' };
  const bytes: number[] = [];
  for (let k = 0; k < raw.length; k++) {
    if (raw[k] !== '%') {
      bytes.push(raw.charCodeAt(k));
      continue;
    }
    const hex = raw.slice(k + 1, k + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return { status: 400, message: 'malformed percent-encoding in the path' };
    bytes.push(parseInt(hex, 16));
    k += 2;
  }
  let path: string;
  try {
    path = utf8.decode(Uint8Array.from(bytes));
  } catch {
    return { status: 400, message: 'the path is not UTF-8' };
  }
  // eslint-disable-next-line no-control-regex -- finding control characters is what this test is for
  if (/[\u0000-\u001f\u007f]/.test(path)) return { status: 400, message: 'NUL or another control character in the path' };
  if (path.includes('\\')) return { status: 400, message: 'backslash in the path' };
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return { status: 403, message: 'outside the served folder' };
      segments.pop();
    } else {
      segments.push(segment);
    }
  }
  return { segments };
}

/** Ends a request with a plain-text status (the security headers are already set). */
export function refuse(response: ServerResponse, refusal: Refusal, headers: Record<string, string> = {}): void {
  response.writeHead(refusal.status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(`${refusal.message}\n`);
}

/** Whether an Origin header names this server (a page it served), as hostAllowed names its Host. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined || !origin.startsWith('http://')) return false;
  return hostAllowed(origin.slice('http://'.length), port) && !origin.slice('http://'.length).includes('/');
}

/** Why a POST is refused before its body is read (null: it may be read): a page of another site, or not JSON. */
function postRefusal(request: IncomingMessage, port: number, rule: PostRule): Refusal | null {
  const site = request.headers['sec-fetch-site'];
  if (!originAllowed(request.headers.origin, port) || (site !== undefined && site !== 'same-origin')) {
    return { status: 403, message: 'a POST is taken only from a page of this server (Origin)' };
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') return { status: 415, message: 'expected Content-Type: application/json' };
  const length = Number(request.headers['content-length'] ?? 0);
  if (length > rule.maxBytes) return { status: 413, message: `the body is larger than ${rule.maxBytes} bytes` };
  return null;
}

/** A POST's body as UTF-8 text, or the refusal: larger than the limit (413), not UTF-8 (400). */
function readBody(request: IncomingMessage, maxBytes: number): Promise<string | Refusal> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Over the limit: the rest is read and dropped, so the refusal can be written before the connection closes.
      if (size > maxBytes) {
        chunks.length = 0;
        done({ status: 413, message: `the body is larger than ${maxBytes} bytes` });
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', () => {
      done({ status: 400, message: 'the body could not be read' });
    });
    request.on('end', () => {
      try {
        done(utf8.decode(Buffer.concat(chunks)));
      } catch {
        done({ status: 400, message: 'the body is not UTF-8' });
      }
    });
  });
}

/** Applies the rules to one request; returns it as a LocalRequest, or answers it with the refusal. */
async function admit(request: IncomingMessage, response: ServerResponse, port: number, post: PostRule | undefined): Promise<LocalRequest | undefined> {
  if (!hostAllowed(request.headers.host, port)) {
    refuse(response, { status: 421, message: `this server answers only to ${LOOPBACK}:${port} and localhost:${port}` });
    return undefined;
  }
  const method = request.method;
  if (method !== 'GET' && method !== 'HEAD' && !(method === 'POST' && post !== undefined)) {
    const allowed = post === undefined ? 'GET, HEAD' : 'GET, HEAD, POST';
    refuse(response, { status: 405, message: `only ${allowed.replace(/, (?=\w+$)/, ' and ')}` }, { allow: allowed });
    return undefined;
  }
  const path = decodeRequestPath(request.url ?? '');
  if ('status' in path) {
    refuse(response, path);
    return undefined;
  }
  if (method !== 'POST') return { method, segments: path.segments, body: '' };
  const refusal = postRefusal(request, port, post!);
  if (refusal !== null) {
    refuse(response, refusal);
    return undefined;
  }
  const body = await readBody(request, post!.maxBytes);
  if (typeof body !== 'string') {
    // Answered, then the connection goes (with whatever of the body is still coming).
    response.once('finish', () => request.socket.destroy());
    refuse(response, body, { connection: 'close' });
    return undefined;
  }
  return { method, segments: path.segments, body };
}

/** Ends a request whose handler failed: 500 if nothing was sent yet, else the connection is closed. */
function failed(response: ServerResponse): void {
  if (!response.headersSent) refuse(response, { status: 500, message: 'this request failed; the server goes on' });
  else response.destroy();
}

/**
 * Starts a server on 127.0.0.1:`port` (0: any free port) that applies the rules, then calls
 * `handle`; with `post`, it also takes POST requests from its own pages.
 */
export function startLocalServer(options: { port: number; contentSecurityPolicy: string; handle: LocalHandler; post?: PostRule }): Promise<LocalServer> {
  const headers = Object.entries(securityHeaders(options.contentSecurityPolicy));
  let port = options.port;
  const server = createServer((request, response) => {
    for (const [name, value] of headers) response.setHeader(name, value);
    admit(request, response, port, options.post)
      .then((admitted) => (admitted === undefined ? undefined : options.handle(admitted, response)))
      .catch(() => {
        failed(response);
      });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      port = (server.address() as AddressInfo).port;
      resolvePromise({
        url: `http://${LOOPBACK}:${port}/`,
        port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => {
              done();
            });
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Resolves when the process is asked to stop (Ctrl-C, SIGTERM): how a served command runs until then. */
export function untilInterrupted(): Promise<void> {
  return new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
