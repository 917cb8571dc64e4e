import { parseFeed } from 'feedsmith';
import { parseHTML } from 'linkedom';

/** One feed item, in the shape every feed format is reduced to. */
export interface FeedItem {
  /** What the item is known by across polls: its guid (or Atom id), else its link. */
  key: string;
  /** The item's web page, when it has one. */
  link?: string;
  title?: string;
  /** The item's own full text as HTML (content:encoded, Atom content, JSON Feed content). */
  contentHtml?: string;
  /** Its description or summary, as HTML: a fallback when there is no full content. */
  summaryHtml?: string;
  published?: string;
  author?: string;
}

/** A feed's items, or why the text is not a feed. */
export type FeedResult =
  | { ok: true; format: string; title?: string; items: FeedItem[] }
  | { ok: false; reason: string };

/* The parser's output is a union of four large format types; only a few fields are read here. */
// biome-ignore lint/suspicious/noExplicitAny: see above
type Loose = any;

/**
 * Reads RSS 0.9x/1.0/2.0, Atom and JSON Feed with feedsmith (a maintained parser covering all
 * four), and reduces every item to a key, a link, a title, its content and its date. Items
 * with neither a guid nor a link cannot be told apart across polls and are left out.
 */
export function readFeed(text: string, feedUrl?: string): FeedResult {
  let parsed: { format: string; feed: Loose };
  try {
    parsed = parseFeed(text.trimStart()) as { format: string; feed: Loose };
  } catch {
    return { ok: false, reason: 'it is not a valid RSS, Atom or JSON feed' };
  }
  const { format, feed } = parsed;
  const entries: Loose[] = (format === 'atom' ? feed.entries : feed.items) ?? [];
  const items: FeedItem[] = [];
  for (const entry of entries) {
    const item =
      format === 'atom'
        ? fromAtom(entry, feedUrl)
        : format === 'json'
          ? fromJson(entry, feedUrl)
          : fromRss(entry, feedUrl);
    if (item) items.push(item);
  }
  const title = plainText(textOf(feed.title));
  return { ok: true, format, ...(title ? { title } : {}), items };
}

function fromRss(entry: Loose, base?: string): FeedItem | undefined {
  const guid = textOf(entry.guid?.value ?? entry.guid);
  const rawLink = textOf(entry.link);
  const link =
    httpUrl(rawLink, base) ?? (entry.guid?.isPermaLink !== false ? httpUrl(guid) : undefined);
  return build({
    key: guid ?? link ?? rawLink ?? textOf(entry.rdf?.about),
    link,
    title: textOf(entry.title ?? entry.dc?.titles?.[0]),
    contentHtml: textOf(entry.content?.encoded),
    summaryHtml: textOf(entry.description),
    published: textOf(entry.pubDate ?? entry.dc?.dates?.[0] ?? entry.dcterms?.issued?.[0]),
    author: textOf(entry.authors?.[0] ?? entry.dc?.creators?.[0]),
  });
}

function fromAtom(entry: Loose, base?: string): FeedItem | undefined {
  const links: Loose[] = entry.links ?? [];
  const alternate = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
  const rawLink = textOf(alternate?.href);
  const link = httpUrl(rawLink, base);
  return build({
    key: textOf(entry.id) ?? link ?? rawLink,
    link,
    title: textOf(entry.title),
    contentHtml: textOf(entry.content),
    summaryHtml: textOf(entry.summary),
    published: textOf(entry.published ?? entry.updated),
    author: textOf(entry.authors?.[0]?.name),
  });
}

function fromJson(entry: Loose, base?: string): FeedItem | undefined {
  const rawLink = textOf(entry.url) ?? textOf(entry.external_url);
  const link = httpUrl(rawLink, base);
  const contentText = textOf(entry.content_text);
  return build({
    key: textOf(entry.id) ?? link ?? rawLink,
    link,
    title: textOf(entry.title),
    contentHtml: textOf(entry.content_html) ?? (contentText ? textToHtml(contentText) : undefined),
    summaryHtml: textOf(entry.summary),
    published: textOf(entry.date_published ?? entry.date_modified),
    author: textOf(entry.authors?.[0]?.name ?? entry.author?.name),
  });
}

function build(fields: Partial<FeedItem>): FeedItem | undefined {
  if (!fields.key) return undefined;
  const item: FeedItem = { key: fields.key };
  for (const name of ['link', 'contentHtml', 'summaryHtml', 'published', 'author'] as const) {
    const value = fields[name];
    if (value) item[name] = value;
  }
  const title = plainText(fields.title);
  if (title) item.title = title;
  return item;
}

/** Feed fields come as strings, as `{ value }` objects (Atom text constructs) or as names. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    const object = value as { value?: unknown; name?: unknown };
    return textOf(object.value ?? object.name);
  }
  return undefined;
}

/** An absolute http(s) URL (relative links are read against the feed's own address). */
function httpUrl(value: string | undefined, base?: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Titles often carry markup or entities escaped twice; what a reader sees is the text. */
function plainText(html: string | undefined): string | undefined {
  if (!html) return undefined;
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim() || undefined;
  const { document } = parseHTML(`<!doctype html><html><body><p>${html}</p></body></html>`);
  return document.body.textContent?.replace(/\s+/g, ' ').trim() || undefined;
}

function textToHtml(text: string): string {
  const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('');
}
