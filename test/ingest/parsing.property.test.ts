import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMarkup } from '../../src/ingest/decodeMarkup.js';
import { extractArticle } from '../../src/ingest/extractArticle.js';
import { readFeed } from '../../src/ingest/readFeed.js';
import { webFixture } from './loopbackSite.js';

const feeds = ['gazette.rss', 'coastline.atom', 'coastline.json'].map((name) =>
  webFixture(name).toString('utf8').replaceAll('{{BASE}}', 'http://127.0.0.1:8080'),
);
const pages = ['harbour-bridge.html', 'ferry-timetable.html', 'login.html'].map((name) =>
  webFixture(name).toString('utf8').replaceAll('{{BASE}}', 'http://127.0.0.1:8080'),
);
const PAGE_URL = 'http://127.0.0.1:8080/page';

/** A result object with a short reason, never a throw: what every parser here promises. */
function expectResult(result: { ok: boolean; reason?: string }) {
  if (!result.ok) {
    expect(typeof result.reason).toBe('string');
    expect(result.reason?.length).toBeLessThan(120);
  }
}

describe('readFeed on hostile input', () => {
  it('reads any truncation of a real feed as a feed or a reason, never a throw', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...feeds),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (feed, share) => {
          const result = readFeed(feed.slice(0, Math.floor(feed.length * share)));
          expectResult(result);
          if (result.ok)
            for (const item of result.items) expect(item.key.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('survives arbitrary text, and markup with huge attributes or deep nesting', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => expectResult(readFeed(text))),
      {
        numRuns: 300,
      },
    );
    const huge = `<?xml version="1.0"?><rss version="2.0"><channel><title x="${'a'.repeat(2_000_000)}">T</title><item><title>A</title><link>http://127.0.0.1/a</link></item></channel></rss>`;
    expectResult(readFeed(huge));
    const deep = `<?xml version="1.0"?><rss version="2.0"><channel><item><title>A</title><link>http://127.0.0.1/a</link><description>${'<x>'.repeat(20_000)}${'</x>'.repeat(20_000)}</description></item></channel></rss>`;
    expectResult(readFeed(deep));
  });
});

describe('decodeMarkup on hostile input', () => {
  it('decodes any bytes under any declared charset to text', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3000 }),
        fc.option(
          fc.constantFrom(
            'utf-8',
            'windows-1252',
            'shift_jis',
            'utf-16le',
            'x-nonsense',
            'iso-8859-1',
            '',
          ),
        ),
        (bytes, label) => {
          const decoded = decodeMarkup(bytes, label ?? undefined);
          expect(typeof decoded.text).toBe('string');
          expect(decoded.charset.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a page that says UTF-8 but is Windows-1252 as Windows-1252, keeping its £ signs', () => {
    const page = pages[0] as string;
    expect(page).toContain('<meta charset="utf-8">');
    const decoded = decodeMarkup(Buffer.from(page, 'latin1'));
    expect(decoded.charset).toBe('windows-1252');
    expect(decoded.text).toContain('The repairs will cost £4.2m');
  });
});

describe('extractArticle on hostile input', () => {
  it('reads any truncation of a real page as an article or a reason, never a throw', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...pages),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (page, share) => {
          const result = extractArticle(page.slice(0, Math.floor(page.length * share)), PAGE_URL);
          expectResult(result);
          if (result.ok)
            for (const block of result.article.blocks) expect(block.text).not.toMatch(/\n/);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('survives random markup soup', () => {
    const tag = fc.constantFrom(
      'div',
      'p',
      'span',
      'h2',
      'li',
      'ul',
      'table',
      'td',
      'script',
      'figure',
      'a',
      'br',
    );
    const soup = fc.array(
      fc.oneof(
        tag.map((t) => `<${t}>`),
        tag.map((t) => `</${t}>`),
        fc.string({ maxLength: 80 }),
      ),
      { maxLength: 200 },
    );
    fc.assert(
      fc.property(soup, (parts) => expectResult(extractArticle(parts.join(''), PAGE_URL))),
      {
        numRuns: 100,
      },
    );
  });

  it('survives huge attributes and nesting thousands deep', () => {
    const paragraph =
      '<p>The council said the bridge would reopen in May after repairs costing £4.2m, paid for by a government grant.</p>';
    const huge = `<html><head><title>Huge</title></head><body><div class="${'x '.repeat(500_000)}" data-y="${'y'.repeat(1_000_000)}">${paragraph.repeat(5)}</div></body></html>`;
    const hugeResult = extractArticle(huge, PAGE_URL);
    expectResult(hugeResult);
    expect(hugeResult.ok).toBe(true);
    const deep = `<html><body>${'<div>'.repeat(5000)}${paragraph.repeat(5)}${'</div>'.repeat(5000)}</body></html>`;
    expectResult(extractArticle(deep, PAGE_URL));
  });
});
