/**
 * `npm run bench:extract`: how fast and how well a web page becomes an article, on the 110
 * real pages of Readability's test suite in ../shared/data/web/pages. Each variant runs in a
 * child process of its own (so its peak memory is its own): one warm-up pass over all pages,
 * then timed passes, median reported. Beside ours, in the same run:
 *   - Readability alone over linkedom (parse and extract; no paragraphs, no metadata);
 *   - Readability over jsdom, the DOM Readability is developed against.
 * Quality is measured on ours against each page's expected text and metadata.
 * Writes bench/results/extract.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../src/ingest/extractArticle.js';
import { median } from './lib/stats.js';
import { tokenF1 } from './lib/tokenF1.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(root, '../shared/data') },
    passes: { type: 'string', default: '5' },
    variant: { type: 'string' },
    out: { type: 'string', default: path.join(root, 'bench/results/extract.json') },
  },
});
const pagesDir = path.join(args.data, 'web/pages');
if (!existsSync(pagesDir)) {
  process.stderr.write(
    `bench:extract needs the real pages in ${pagesDir} (see ../shared/data/README.md)\n`,
  );
  process.exit(1);
}
const names = readdirSync(pagesDir).filter((name) =>
  existsSync(path.join(pagesDir, name, 'source.html')),
);
const sources = names.map((name) => readFileSync(path.join(pagesDir, name, 'source.html'), 'utf8'));
const url = (name: string) => `http://127.0.0.1/pages/${name}/`;

type Variant = 'newsdesk' | 'readability-linkedom' | 'readability-jsdom';

async function extractorFor(variant: Variant): Promise<(html: string, name: string) => unknown> {
  if (variant === 'newsdesk') return (html, name) => extractArticle(html, url(name));
  if (variant === 'readability-linkedom')
    return (html) => new Readability(parseHTML(html).document as never).parse();
  const { JSDOM, VirtualConsole } = await import('jsdom');
  // jsdom reports every CSS rule it cannot parse; the bench is about extraction.
  const quiet = new VirtualConsole();
  return (html, name) => {
    const dom = new JSDOM(html, { url: url(name), virtualConsole: quiet });
    const parsed = new Readability(dom.window.document).parse();
    dom.window.close();
    return parsed;
  };
}

/** In the child: warm up, time the passes, print one JSON line. */
async function runVariant(variant: Variant): Promise<void> {
  const extract = await extractorFor(variant);
  const pass = () => {
    const started = performance.now();
    for (let i = 0; i < sources.length; i++) extract(sources[i] as string, names[i] as string);
    return performance.now() - started;
  };
  pass();
  const times = Array.from({ length: Number(args.passes) }, pass);
  const ms = median(times);
  process.stdout.write(
    `${JSON.stringify({
      variant,
      pages: sources.length,
      medianPassMs: Math.round(ms),
      pagesPerSecond: Math.round((sources.length / ms) * 1000 * 10) / 10,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    })}\n`,
  );
}

if (args.variant) {
  await runVariant(args.variant as Variant);
  process.exit(0);
}

const variants: Variant[] = ['newsdesk', 'readability-linkedom', 'readability-jsdom'];
const speed = variants.map((variant) => {
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--variant',
      variant,
      '--data',
      args.data,
      '--passes',
      args.passes,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (child.status !== 0) throw new Error(`${variant} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() as string);
});

// Quality of ours: what test/data/web.test.ts holds to its thresholds, printed as figures.
const f1s: number[] = [];
let titles = 0;
let dated = 0;
let datesKept = 0;
for (const [i, name] of names.entries()) {
  const dir = path.join(pagesDir, name);
  const meta = JSON.parse(readFileSync(path.join(dir, 'expected-metadata.json'), 'utf8'));
  const expected =
    parseHTML(`<html><body>${readFileSync(path.join(dir, 'expected.html'), 'utf8')}</body></html>`)
      .document.body.textContent ?? '';
  const result = extractArticle(sources[i] as string, url(name));
  if (meta.publishedTime) dated++;
  if (!result.ok) continue;
  f1s.push(tokenF1(result.article.blocks.map((b) => b.text).join('\n'), expected));
  if (result.article.title === (meta.title ?? '').trim()) titles++;
  if (
    meta.publishedTime &&
    result.article.published &&
    Date.parse(result.article.published) === Date.parse(meta.publishedTime)
  )
    datesKept++;
}
const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)}%`;
const quality = {
  pages: names.length,
  added: f1s.length,
  meanTokenF1: Math.round((f1s.reduce((a, b) => a + b, 0) / f1s.length) * 1000) / 1000,
  f1AtLeast08: pct(f1s.filter((f) => f >= 0.8).length, f1s.length),
  headlineEqualsTitle: pct(titles, f1s.length),
  datesKept: `${datesKept} of ${dated}`,
};

const lines = [
  `Extraction on ${names.length} real pages (median of ${args.passes} passes after a warm-up, each variant in its own process)`,
  '',
  'variant                  pages/s   pass ms   peak RSS MB',
  ...speed.map(
    (s) =>
      `${s.variant.padEnd(24)} ${String(s.pagesPerSecond).padStart(7)}   ${String(s.medianPassMs).padStart(7)}   ${String(s.peakRssMb).padStart(11)}`,
  ),
  '',
  `newsdesk quality: added ${quality.added} of ${quality.pages} (${pct(quality.added, quality.pages)}), mean token F1 ${quality.meanTokenF1}, F1 >= 0.8 on ${quality.f1AtLeast08}, headline = title ${quality.headlineEqualsTitle}, dates kept ${quality.datesKept}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
await mkdir(path.dirname(args.out), { recursive: true });
await writeFile(args.out, `${JSON.stringify({ speed, quality }, null, 2)}\n`);
