import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, fetch } from 'undici';
import { isPrivateAddress } from './isPrivateAddress.js';

/** What a fetch is for: it decides which content types are accepted. */
export type ResourceKind = 'page' | 'feed';

/** Options for {@link fetchResource}; defaults are merged in one place, below. */
export interface FetchOptions {
  kind: ResourceKind;
  /** Let addresses on this machine and the local network through (tests; ALLOW_PRIVATE_URLS). */
  allowPrivate?: boolean;
  /** Largest body read; a bigger one is cut off and refused while it downloads. */
  maxBytes?: number;
  /** The whole fetch, redirects and body included, must finish within this. */
  timeoutMs?: number;
  maxRedirects?: number;
  /** Validators from the previous fetch, for a conditional request. */
  etag?: string;
  lastModified?: string;
}

/** A fetched body, a "not modified" answer, or why there is none. */
export type FetchResult =
  | {
      ok: true;
      notModified: false;
      /** Where the body came from, after redirects. */
      url: string;
      body: Uint8Array;
      contentType: string;
      /** The charset named in the Content-Type header, if any. */
      charset?: string;
      etag?: string;
      lastModified?: string;
    }
  | { ok: true; notModified: true; url: string }
  | {
      ok: false;
      reason: string;
      status?: number;
      /** From a 429 or 503 with Retry-After: how long the server asked us to wait. */
      retryAfterMs?: number;
    };

/** The user-agent every request carries, so site owners can tell who is calling. */
export const USER_AGENT = 'newsdesk/0.1 (news Discord bot; +https://github.com/newsdesk)';

const DEFAULTS = {
  allowPrivate: false,
  maxBytes: 5 * 1024 * 1024,
  timeoutMs: 15_000,
  maxRedirects: 5,
};

const ACCEPTED: Record<ResourceKind, RegExp> = {
  page: /^(text\/html|application\/xhtml\+xml)$/,
  feed: /^(application\/(rss|atom|rdf|feed)\+(xml|json)|application\/(xml|json)|text\/(xml|html|plain)|application\/x-rss\+xml)$/,
};
const ACCEPT_HEADER: Record<ResourceKind, string> = {
  page: 'text/html,application/xhtml+xml;q=0.9',
  feed: 'application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.8',
};

/**
 * A `dns.lookup` for the connection: refuses private addresses after resolution, for every
 * address returned, so a public-looking name that resolves to this machine is refused too.
 */
export function guardedLookup(
  hostname: string,
  options: LookupOptions,
  callback: (
    error: NodeJS.ErrnoException | null,
    address: string | LookupAddress[],
    family?: number,
  ) => void,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const blocked = addresses.find((entry) => isPrivateAddress(entry.address));
    if (blocked) {
      const refused = Object.assign(new Error(`${hostname} resolves to a private address`), {
        code: 'EPRIVATE',
      });
      return callback(refused, []);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
}

let guardedAgent: Agent | undefined;
let openAgent: Agent | undefined;
function agentFor(allowPrivate: boolean): Agent {
  if (allowPrivate) {
    openAgent ??= new Agent({ connect: { timeout: 10_000 } });
    return openAgent;
  }
  guardedAgent ??= new Agent({ connect: { timeout: 10_000, lookup: guardedLookup } });
  return guardedAgent;
}

/**
 * Fetches a page or a feed the way a bot fetching what strangers name must: http(s) only, no
 * private or local addresses (checked after DNS and on every redirect), at most a few redirects,
 * a size cap enforced while reading, one time-out for the whole exchange, only HTML or feed
 * content types, and a user-agent naming newsdesk. Every failure is a result with a short
 * reason, never a throw.
 */
export async function fetchResource(address: string, options: FetchOptions): Promise<FetchResult> {
  const settings = { ...DEFAULTS, ...options };
  const signal = AbortSignal.timeout(settings.timeoutMs);
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { ok: false, reason: 'that is not a web address' };
  }
  try {
    for (let redirects = 0; ; redirects++) {
      const refused = refuseUrl(url, settings.allowPrivate);
      if (refused) return { ok: false, reason: refused };
      const headers: Record<string, string> = {
        'user-agent': USER_AGENT,
        accept: ACCEPT_HEADER[settings.kind],
      };
      if (settings.etag) headers['if-none-match'] = settings.etag;
      if (settings.lastModified) headers['if-modified-since'] = settings.lastModified;
      const response = await fetch(url, {
        headers,
        redirect: 'manual',
        signal,
        dispatcher: agentFor(settings.allowPrivate),
      });
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location)
          return {
            ok: false,
            reason: `redirect (${response.status}) with no address`,
            status: response.status,
          };
        if (redirects >= settings.maxRedirects)
          return {
            ok: false,
            reason: `more than ${settings.maxRedirects} redirects`,
            status: response.status,
          };
        url = new URL(location, url);
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { ok: true, notModified: true, url: url.href };
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        const retryAfterMs = readRetryAfter(response.headers.get('retry-after'));
        return {
          ok: false,
          reason: describeStatus(response.status),
          status: response.status,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        };
      }
      const contentTypeHeader = response.headers.get('content-type') ?? '';
      const contentType = contentTypeHeader.split(';')[0]?.trim().toLowerCase() ?? '';
      if (contentType && !ACCEPTED[settings.kind].test(contentType)) {
        await response.body?.cancel();
        return {
          ok: false,
          reason: `it is ${contentType}, not ${settings.kind === 'page' ? 'a web page' : 'a feed'}`,
        };
      }
      const length = Number(response.headers.get('content-length'));
      if (length > settings.maxBytes) {
        await response.body?.cancel();
        return { ok: false, reason: `it is larger than the ${formatMb(settings.maxBytes)} limit` };
      }
      const body = await readCapped(response.body, settings.maxBytes);
      if (!body)
        return { ok: false, reason: `it is larger than the ${formatMb(settings.maxBytes)} limit` };
      const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentTypeHeader)?.[1];
      const etag = response.headers.get('etag');
      const lastModified = response.headers.get('last-modified');
      return {
        ok: true,
        notModified: false,
        url: url.href,
        body,
        contentType,
        ...(charset ? { charset: charset.toLowerCase() } : {}),
        ...(etag ? { etag } : {}),
        ...(lastModified ? { lastModified } : {}),
      };
    }
  } catch (error) {
    return { ok: false, reason: describeFailure(error, signal, settings.timeoutMs) };
  }
}

/** Why a URL may not be fetched, or undefined when it may. */
function refuseUrl(url: URL, allowPrivate: boolean): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return 'only http and https addresses can be fetched';
  if (url.username || url.password) return 'addresses with a user name or password are not fetched';
  if (allowPrivate) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local'))
    return 'addresses on this machine or the local network are not fetched';
  if (isIP(host) && isPrivateAddress(host))
    return 'addresses on this machine or the local network are not fetched';
  return undefined;
}

/** The body, or undefined as soon as it grows past `maxBytes` (leaving the loop cancels it). */
async function readCapped(
  body: AsyncIterable<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function readRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function describeStatus(status: number): string {
  if (status === 404 || status === 410) return `the page was not found (${status})`;
  if (status === 401 || status === 403) return `the site refused access (${status})`;
  if (status === 429) return 'the site asked us to slow down (429)';
  if (status >= 500) return `the site had an error (${status})`;
  return `the site answered ${status}`;
}

function describeFailure(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `no complete answer within ${Math.round(timeoutMs / 1000)} s`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  if (code === 'EPRIVATE') return 'addresses on this machine or the local network are not fetched';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the site could not be found';
  if (code === 'ECONNREFUSED') return 'the site refused the connection';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was cut off';
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'the site did not answer';
  if (error instanceof TypeError && /URL/i.test(error.message)) return 'that is not a web address';
  return 'the site could not be reached';
}

function formatMb(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
