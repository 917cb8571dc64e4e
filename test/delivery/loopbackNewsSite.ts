import { readdir, readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { projectRoot } from '../helpers.js';
import { type LoopbackSite, startLoopbackSite } from '../ingest/loopbackSite.js';

/** A news site on 127.0.0.1: an RSS feed whose items a test publishes, and their pages. */
export interface NewsSite {
  site: LoopbackSite;
  feedUrl: string;
  /** The slugs the feed lists now, oldest first. */
  items: string[];
  /** Adds the next `count` newsroom stories to the feed. */
  publish(count: number): void;
  pageUrl(slug: string): string;
  close(): Promise<void>;
}

/** The newsroom fixtures as web pages: a headline and paragraphs, as a news site serves them. */
async function newsroomPages(): Promise<{ slug: string; title: string; html: string }[]> {
  const root = path.join(projectRoot, 'test/fixtures/newsroom');
  const pages = [];
  for (const section of (await readdir(root)).sort())
    for (const file of (await readdir(path.join(root, section))).sort()) {
      const text = (await readFile(path.join(root, section, file), 'utf8')).replace(
        /^---\n[\s\S]*?\n---\n/,
        (front) => `${/title: (.*)/.exec(front)?.[1] ?? ''}\n\n`,
      );
      const [title = '', ...paragraphs] = text.trim().split(/\n\s*\n/);
      const body = paragraphs.map((p) => `<p>${p.replace(/\s+/g, ' ')}</p>`).join('\n');
      pages.push({
        slug: `${section}-${file.replace(/\.\w+$/, '')}`,
        title,
        html: `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${body}</article></body></html>`,
      });
    }
  return pages;
}

/**
 * Starts a site whose feed (`/news.rss`, "Harwick Herald") lists, newest first, the newsroom
 * stories published so far, each linking its page; nothing links anywhere else.
 */
export async function startNewsSite(): Promise<NewsSite> {
  const pages = await newsroomPages();
  const items: string[] = [];
  let base = '';
  const routes: Parameters<typeof startLoopbackSite>[0] = {
    '/news.rss': (_request: unknown, response: ServerResponse) => {
      const entries = [...items]
        .reverse()
        .map((slug) => {
          const page = pages.find((p) => p.slug === slug) as { title: string };
          return `<item><title>${page.title}</title><link>${base}/p/${slug}.html</link><guid>${slug}</guid></item>`;
        })
        .join('');
      response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Harwick Herald</title><link>${base}/</link>${entries}</channel></rss>`,
        );
    },
  };
  for (const page of pages)
    routes[`/p/${page.slug}.html`] = {
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: page.html,
    };
  const site = await startLoopbackSite(routes);
  base = site.base;
  return {
    site,
    feedUrl: `${base}/news.rss`,
    items,
    publish: (count) => {
      for (let i = 0; i < count; i++) items.push((pages[items.length] as { slug: string }).slug);
    },
    pageUrl: (slug) => `${base}/p/${slug}.html`,
    close: () => site.close(),
  };
}
