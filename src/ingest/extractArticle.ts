import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { type ArticleBlock, htmlToBlocks } from './htmlToBlocks.js';

/** The article element Readability returns, as {@link htmlToBlocks} reads it. */
type ArticleElement = Parameters<typeof htmlToBlocks>[0];

/** An article taken out of a web page: what becomes one article file. */
export interface ExtractedArticle {
  title: string;
  blocks: ArticleBlock[];
  /** The page's canonical address (`<link rel=canonical>`, `og:url`), else the one fetched. */
  url: string;
  author?: string;
  /** As the page gives it: an ISO date and time where it can be read as one. */
  published?: string;
  siteName?: string;
  lang?: string;
  excerpt?: string;
}

/** The article, or why the page is not one. */
export type ExtractResult = { ok: true; article: ExtractedArticle } | { ok: false; reason: string };

/** Options for {@link extractArticle}. */
export interface ExtractOptions {
  /** Fewest characters of body text for a page to count as an article. */
  minTextChars?: number;
}

const DEFAULTS: Required<ExtractOptions> = { minTextChars: 140 };

/**
 * Extracts the article from an HTML page with Mozilla's Readability over linkedom (a light DOM,
 * measured against jsdom in `bench/extract.ts`), then keeps its paragraphs and headings apart
 * for the passage splitter. Pages with no readable article (indexes, error pages, forms) come
 * back as `{ ok: false }` with a reason.
 */
export function extractArticle(
  html: string,
  pageUrl: string,
  options: ExtractOptions = {},
): ExtractResult {
  const settings = { ...DEFAULTS, ...options };
  let document: ReturnType<typeof parseHTML>['document'];
  try {
    ({ document } = parseHTML(withoutHugeAttributes(html)));
  } catch {
    return { ok: false, reason: 'the page is not readable HTML' };
  }
  if (!document.documentElement) return { ok: false, reason: 'the page is not readable HTML' };
  flattenDeepNesting(document);
  // Read before Readability runs: it rewrites the document as it goes.
  const facts = readPageFacts(document);
  const canonical = canonicalUrl(facts, pageUrl);
  const fallbackDate = publishedFromPage(facts);
  const pageLang = document.documentElement.getAttribute('lang') ?? undefined;

  // The serializer hands back Readability's own element: no HTML string to build and parse again.
  let parsed: ReturnType<Readability<ArticleElement>['parse']>;
  try {
    parsed = new Readability<ArticleElement>(
      document as unknown as ConstructorParameters<typeof Readability>[0],
      { keepClasses: true, serializer: (element) => element as unknown as ArticleElement },
    ).parse();
  } catch {
    return { ok: false, reason: 'the page could not be read as an article' };
  }
  if (!parsed?.content) return { ok: false, reason: 'the page has no article in it' };

  const author = clean(parsed.byline);
  const blocks = withoutByline(htmlToBlocks(parsed.content), author);
  const textChars = blocks.reduce(
    (sum, b) => sum + (b.kind === 'paragraph' ? b.text.length : 0),
    0,
  );
  if (textChars < settings.minTextChars)
    return { ok: false, reason: 'the page has too little text to be an article' };

  const title = clean(parsed.title) ?? blocks.find((b) => b.kind === 'heading')?.text ?? canonical;
  const article: ExtractedArticle = { title, blocks, url: canonical };
  if (author && author.length <= 200) article.author = author;
  const published = normaliseDate(clean(parsed.publishedTime) ?? fallbackDate);
  if (published) article.published = published;
  const siteName = clean(parsed.siteName);
  if (siteName) article.siteName = siteName;
  const lang = clean(parsed.lang) ?? clean(pageLang);
  if (lang) article.lang = lang;
  const excerpt = clean(parsed.excerpt);
  if (excerpt) article.excerpt = excerpt;
  return { ok: true, article };
}

/**
 * Readability leaves the byline line in the text when the page also names the author in its
 * metadata; as a paragraph it would only crowd the passages, and the author is kept apart.
 */
function withoutByline(blocks: ArticleBlock[], author: string | undefined): ArticleBlock[] {
  if (!author) return blocks;
  const name = author.toLowerCase().replace(/^by\s+/, '');
  return blocks.filter(
    (block, position) =>
      position > 2 ||
      block.kind !== 'paragraph' ||
      block.text
        .toLowerCase()
        .replace(/^by\s+/, '')
        .replace(/[.,]$/, '') !== name,
  );
}

/**
 * Deepest element nesting handed to Readability, whose time grows with the cube of the depth
 * (a second for 1,000 nested divs, half a minute for 2,000). Real article pages stay far below.
 */
const MAX_DEPTH = 120;

/** Replaces what lies deeper than {@link MAX_DEPTH} with its text blocks, as flat paragraphs. */
function flattenDeepNesting(document: Doc): void {
  type Element = NonNullable<Doc['documentElement']>;
  const stack: Array<{ node: Element; depth: number }> = [];
  if (document.documentElement) stack.push({ node: document.documentElement, depth: 0 });
  const tooDeep: Element[] = [];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: Element; depth: number };
    if (depth >= MAX_DEPTH) {
      tooDeep.push(node);
      continue;
    }
    for (const child of Array.from(node.children as unknown as ArrayLike<Element>))
      stack.push({ node: child, depth: depth + 1 });
  }
  for (const node of tooDeep) {
    const blocks = htmlToBlocks(node as unknown as Parameters<typeof htmlToBlocks>[0]);
    node.innerHTML = blocks
      .map((block) =>
        block.kind === 'heading'
          ? `<h3>${escapeHtml(block.text)}</h3>`
          : `<p>${escapeHtml(block.text)}</p>`,
      )
      .join('');
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Longest attribute value kept; a megabyte of class names overflows the DOM's stack. */
const MAX_ATTRIBUTE_CHARS = 65_536;
const HUGE_ATTRIBUTE = new RegExp(`(=\\s*)(["'])[^"']{${MAX_ATTRIBUTE_CHARS},}\\2`, 'g');

/** The page with attribute values too long to be anything but inline data or an attack emptied. */
function withoutHugeAttributes(html: string): string {
  return html.length > MAX_ATTRIBUTE_CHARS ? html.replace(HUGE_ATTRIBUTE, '$1$2$2') : html;
}

type Doc = ReturnType<typeof parseHTML>['document'];

/** Metadata keys that name the publication date, most specific first. */
const DATE_KEYS = [
  'article:published_time',
  'datepublished',
  'og:published_time',
  'date',
  'dc.date',
  'dcterms.date',
  'pubdate',
  'publishdate',
];

/** What the page's own tags say beside what Readability reads. */
interface PageFacts {
  canonical?: string;
  ogUrl?: string;
  /** Candidate dates by metadata key, lower-cased. */
  dates: Map<string, string>;
  timeElement?: string;
}

/** One pass over the page's `link`, `meta` and `time` tags (selectors compiled once each). */
function readPageFacts(document: Doc): PageFacts {
  const facts: PageFacts = { dates: new Map() };
  const tags = document.querySelectorAll('link, meta, time') as unknown as ArrayLike<
    NonNullable<Doc['documentElement']>
  >;
  for (const element of Array.from(tags)) {
    const tag = element.tagName.toLowerCase();
    if (tag === 'link') {
      const rel = (element.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
      if (rel.includes('canonical')) facts.canonical ??= element.getAttribute('href') ?? undefined;
    } else if (tag === 'meta') {
      const key = (
        element.getAttribute('property') ??
        element.getAttribute('name') ??
        element.getAttribute('itemprop') ??
        ''
      ).toLowerCase();
      const content = element.getAttribute('content')?.trim();
      if (!content) continue;
      if (key === 'og:url') facts.ogUrl ??= content;
      else if (DATE_KEYS.includes(key) && !facts.dates.has(key)) facts.dates.set(key, content);
    } else if (!facts.timeElement) {
      facts.timeElement = element.getAttribute('datetime')?.trim() || undefined;
    }
  }
  return facts;
}

function canonicalUrl(facts: PageFacts, pageUrl: string): string {
  for (const candidate of [facts.canonical, facts.ogUrl]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate.trim(), pageUrl);
      if (url.protocol === 'http:' || url.protocol === 'https:') {
        url.hash = '';
        return url.href;
      }
    } catch {
      // A malformed canonical link is common; the fetched address stands in for it.
    }
  }
  const url = new URL(pageUrl);
  url.hash = '';
  return url.href;
}

/** Dates Readability does not look for: `<time datetime>` and the older `date` metas. */
function publishedFromPage(facts: PageFacts): string | undefined {
  for (const key of DATE_KEYS) {
    const value = facts.dates.get(key);
    if (value) return value;
  }
  return facts.timeElement;
}

function normaliseDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  return new Date(time).toISOString();
}

function clean(value: string | null | undefined): string | undefined {
  const text = value?.replace(/[ \t\n\r\f\v]+/g, ' ').trim();
  return text || undefined;
}
