/**
 * Bad "Save run" requests to `parley explore`'s server: the local server takes a POST only from a
 * page it served (Origin and Sec-Fetch-Site), only as JSON and only up to its limit
 * (local-server.ts), and the explorer then checks the page's secret token and the state's fields
 * (explore-command.ts) before anything is run or written.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedState } from '../../src/cli/explore-command.ts';
import { startLocalServer, type LocalServer } from '../../src/cli/local-server.ts';

const LIMIT = 1000;

function post(port: number, headers: Record<string, string>, body: string | Buffer, method = 'POST'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/save', method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe("POST rules of parley explore's server", () => {
  let server: LocalServer;
  let own: Record<string, string>;
  beforeAll(async () => {
    server = await startLocalServer({
      port: 0,
      contentSecurityPolicy: "default-src 'none'",
      post: { maxBytes: LIMIT },
      handle: (req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.method} ${req.segments.join('/')} ${req.body}`),
    });
    own = { origin: `http://127.0.0.1:${server.port}`, 'content-type': 'application/json' };
  });
  afterAll(() => server.close());

  it('takes JSON from a page of its own', async () => {
    expect(await post(server.port, own, '{"a":1}')).toEqual({ status: 200, body: 'POST save {"a":1}' });
    expect(
      (
        await post(
          server.port,
          { ...own, origin: `http://localhost:${server.port}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json; charset=utf-8' },
          '{}',
        )
      ).status,
    ).toBe(200);
  });

  const refused: [string, Record<string, string | undefined>, number][] = [
    ['no Origin (not a browser page, or an old one)', { origin: undefined }, 403],
    ['a page of another site', { origin: 'http://evil.example' }, 403],
    ['a page of another local server', { origin: 'http://127.0.0.1:1' }, 403],
    ['a file:// page (Origin: null)', { origin: 'null' }, 403],
    ['https with the right host', { origin: 'https://127.0.0.1:PORT' }, 403],
    ['an Origin with a path', { origin: 'http://127.0.0.1:PORT/x' }, 403],
    ['the right Origin, but sent cross-site', { 'sec-fetch-site': 'cross-site' }, 403],
    ['a form post (text/plain)', { 'content-type': 'text/plain' }, 415],
    ['no Content-Type', { 'content-type': undefined }, 415],
  ];
  for (const [name, change, status] of refused) {
    it(`refuses ${name}: ${status}`, async () => {
      const headers = Object.fromEntries(
        Object.entries({ ...own, ...change }).flatMap(([k, v]) => (v === undefined ? [] : [[k, v.replace('PORT', String(server.port))]])),
      );
      const answer = await post(server.port, headers, '{}');
      expect(answer.status).toBe(status);
      expect(answer.body).not.toContain('POST save');
    });
  }

  it('refuses a body over its limit, declared or streamed, and one that is not UTF-8', async () => {
    expect((await post(server.port, own, 'x'.repeat(LIMIT + 1))).status).toBe(413);
    expect((await post(server.port, { ...own, 'transfer-encoding': 'chunked' }, Buffer.alloc(LIMIT * 3, 'x'))).status).toBe(413);
    expect((await post(server.port, own, Buffer.from([0x7b, 0xff, 0x7d]))).status).toBe(400);
  });

  it('answers a preflight (OPTIONS) with 405, so no other site may send JSON', async () => {
    expect((await post(server.port, own, '', 'OPTIONS')).status).toBe(405);
  });
});

describe('a "Save run" body', () => {
  const state = { set: ['actors.russia.reservation=0.6'], variant: null, seed: '1', runs: 100 };
  it('is read when its token is the page’s', () => {
    expect(savedState(JSON.stringify({ token: 'secret', state }), 'secret')).toEqual(state);
  });
  const bad: [string, unknown, RegExp][] = [
    ['a wrong token', { token: 'guess', state }, /token/],
    ['no token', { state }, /token/],
    ['set not a list of lines', { token: 'secret', state: { ...state, set: 'a=1' } }, /state\.set/],
    ['runs of 0', { token: 'secret', state: { ...state, runs: 0 } }, /state\.runs/],
    ['too many runs for a page', { token: 'secret', state: { ...state, runs: 1e9 } }, /state\.runs/],
    ['an empty seed', { token: 'secret', state: { ...state, seed: '' } }, /state\.seed/],
    ['a variant that is not a name', { token: 'secret', state: { ...state, variant: 3 } }, /state\.variant/],
  ];
  for (const [name, body, message] of bad) {
    it(`is refused with ${name}`, () => {
      expect(savedState(JSON.stringify(body), 'secret')).toMatch(message);
    });
  }
  it('is refused by a file (no token at all) and when not JSON', () => {
    expect(savedState(JSON.stringify({ token: null, state }), null)).toMatch(/token/);
    expect(savedState('{', 'secret')).toMatch(/not JSON/);
  });
});
