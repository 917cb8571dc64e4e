import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { projectRoot } from '../helpers.js';

/** One canned answer: status, headers and body (a string has `{{BASE}}` replaced). */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** A route: a reply, or a function that handles the request itself (slow, endless, …). */
export type Route =
  | Reply
  | ((request: IncomingMessage, response: ServerResponse, base: string) => void);

/** A web site on 127.0.0.1 for ingestion tests: nothing it serves points anywhere else. */
export interface LoopbackSite {
  base: string;
  /** Requests received, in order, as "METHOD /path". */
  requests: string[];
  /** Headers of each request, in the same order. */
  requestHeaders: IncomingMessage['headers'][];
  routes: Map<string, Route>;
  close(): Promise<void>;
}

export const webFixturesDir = path.join(projectRoot, 'test/fixtures/web');

/** Reads a fixture from `test/fixtures/web`, as bytes. */
export function webFixture(name: string): Buffer {
  return readFileSync(path.join(webFixturesDir, name));
}

/**
 * Starts a site on an ephemeral loopback port. Every string body has `{{BASE}}` replaced by the
 * site's own address, so pages and feeds link to each other and nowhere else. Beside the given
 * routes it always serves the misbehaving ones the ingestion must survive.
 */
export async function startLoopbackSite(routes: Record<string, Route> = {}): Promise<LoopbackSite> {
  const table = new Map<string, Route>(Object.entries(routes));
  const requests: string[] = [];
  const requestHeaders: IncomingMessage['headers'][] = [];
  const open = new Set<ServerResponse>();
  let base = '';
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    requestHeaders.push(request.headers);
    open.add(response);
    response.on('close', () => open.delete(response));
    const pathname = new URL(request.url ?? '/', base).pathname;
    const route = table.get(pathname) ?? builtIn(pathname);
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      return;
    }
    if (typeof route === 'function') {
      route(request, response, base);
      return;
    }
    const body =
      typeof route.body === 'string' ? route.body.replaceAll('{{BASE}}', base) : route.body;
    response.writeHead(route.status ?? 200, {
      'content-type': 'text/html; charset=utf-8',
      ...route.headers,
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    requestHeaders,
    routes: table,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of open) response.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Routes every site has: the slow, the huge, the looping, the binary and the failing. */
function builtIn(pathname: string): Route | undefined {
  switch (pathname) {
    case '/trouble/slow':
      // Headers at once, then a trickle that never ends: only a total time-out stops it.
      return (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.write('<html><body><p>Loading');
        const timer = setInterval(() => response.write('.'), 200);
        response.on('close', () => clearInterval(timer));
      };
    case '/trouble/huge':
      return (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        const chunk = `<p>${'All work and no play makes a huge page. '.repeat(1600)}</p>`;
        let sent = 0;
        const pump = () => {
          while (sent < 64 * 1024 * 1024) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        response.on('close', () => (sent = Number.POSITIVE_INFINITY));
        pump();
      };
    case '/trouble/loop':
      return { status: 302, headers: { location: '/trouble/loop-again' }, body: '' };
    case '/trouble/loop-again':
      return { status: 301, headers: { location: '/trouble/loop' }, body: '' };
    case '/trouble/binary':
      return {
        headers: { 'content-type': 'image/png' },
        body: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      };
    case '/trouble/binary-as-html':
      return { body: Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256) };
    case '/trouble/500':
      return { status: 500, body: '<h1>Internal Server Error</h1>' };
    case '/trouble/429':
      return { status: 429, headers: { 'retry-after': '120' }, body: 'Slow down' };
    case '/trouble/malformed-feed':
      return {
        headers: { 'content-type': 'application/rss+xml' },
        body: webFixture('broken.rss').toString('utf8'),
      };
    default:
      return undefined;
  }
}

/**
 * The Gazette on the loopback site: two article pages and an RSS feed linking them (and one
 * page that is not there), as the ingestion tests read them.
 */
export function gazetteRoutes(): Record<string, Route> {
  return {
    '/news/harbour-bridge-repairs': { body: webFixture('harbour-bridge.html').toString('utf8') },
    '/coastline/ferry-timetable': { body: webFixture('ferry-timetable.html').toString('utf8') },
    '/feeds/gazette.rss': {
      headers: { 'content-type': 'application/rss+xml' },
      body: webFixture('gazette.rss').toString('utf8'),
    },
  };
}
