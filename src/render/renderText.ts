import type { SourcePage } from '../answer/pageSource.js';
import type { RelatedArticle } from '../answer/relatedArticles.js';
import type { Answer, Citation, DigestEntry, Summary } from '../answer/types.js';
import type { ArticleMetadata } from '../corpus/types.js';
import { formatIsoDay } from '../time/calendarDay.js';

/**
 * Plain-text renderers for the terminal console: the same answers the Discord bot gives,
 * with numbered citations as a list under the text.
 */

/** An answer with its numbered sources, or an honest "not found" with the closest articles. */
export function renderAnswerText(answer: Answer): string {
  return answeringLine(answer) + answerBody(answer);
}

/** "Answering: …" when a follow-up was read as a fuller question, so a misreading shows. */
export function answeringLine(answer: Answer): string {
  return answer.standaloneQuestion ? `Answering: ${answer.standaloneQuestion}\n` : '';
}

function answerBody(answer: Answer): string {
  if (!answer.found) {
    const closest = uniqueTitles(answer.citations);
    const note = answer.note ? `\n${answer.note}` : '';
    if (answer.reason === 'empty-question' || closest.length === 0) return answer.text + note;
    return `${answer.text}\nClosest articles:\n${closest.map((title) => `  - ${title}`).join('\n')}${note}`;
  }
  const quoted = new Set(answer.sentences.flatMap((s) => s.citations ?? [s.citation]));
  const cited = answer.citations.filter((c) => quoted.has(c.number));
  const more = answer.citations.filter((c) => !quoted.has(c.number));
  const also = more.length > 0 ? `\nSee also:\n${renderCitations(more)}` : '';
  const note = answer.note ? `\n${answer.note}` : '';
  return `${answer.text}\n\n${renderCitations(cited)}${also}\n${answerFooter(answer)}${note}`;
}

/** Under an answer: how sure it is and what was searched ("Confidence: high · 3 articles"). */
export function answerFooter(answer: Answer): string {
  const count = `${answer.articlesSearched} article${answer.articlesSearched === 1 ? '' : 's'}`;
  const scope = answer.scope?.from || answer.scope?.to ? ` published ${answer.scope.label}` : '';
  const newest = answer.scope?.recent ? ', newest first' : '';
  return `Confidence: ${answer.confidenceLevel} · searched ${count}${scope}${newest}`;
}

/** A summary under its headline, then its sources. */
export function renderSummaryText(summary: Summary): string {
  if (summary.sentences.length === 0)
    return `${summary.title}\n\nThis article has no sentences to summarise.`;
  return `${summary.title}\n\n${summary.text}\n\n${renderCitations(summary.citations)}`;
}

/** A digest: one line per article, newest first, then a note on how many were left out. */
export function renderDigestText(
  entries: readonly DigestEntry[],
  total: number,
  scope = '',
): string {
  const lines = entries.map(
    (e) =>
      `- ${e.title} (${e.articleId}${e.date ? `, ${formatIsoDay(e.date)}` : ''})${e.lead ? `: ${e.lead}` : ''}`,
  );
  const more = total - entries.length;
  if (more > 0) lines.push(`…and ${more} more. Type /articles to list them all.`);
  return [
    `${total} article${total === 1 ? '' : 's'}${scope ? ` published ${scope}` : ''}:`,
    ...lines,
  ].join('\n');
}

/** Articles like another one: headline, date and lead of each, most similar first. */
export function renderRelatedText(title: string, related: readonly RelatedArticle[]): string {
  if (related.length === 0) return `I found no article close enough to "${title}".`;
  const lines = related.map(
    (r) =>
      `- ${r.title} (${r.articleId}${r.date ? `, ${formatIsoDay(r.date)}` : ''})${r.lead ? `: ${r.lead}` : ''}`,
  );
  return [`Related to "${title}":`, ...lines].join('\n');
}

/** One page of an article's original text with its metadata. */
export function renderSourceText(
  source: { articleId: string; title: string; metadata: ArticleMetadata; date?: string },
  page: SourcePage,
  pageCount: number,
): string {
  const facts = renderMetadata(source.metadata, source.date);
  const header = [`${source.title} (${source.articleId})`, ...(facts ? [facts] : [])].join('\n');
  const footer =
    pageCount > 1
      ? `\n\nPage ${page.number} of ${pageCount}.${page.number < pageCount ? ` Type /source ${source.articleId} ${page.number + 1} for the next.` : ''}`
      : '';
  return `${header}\n\n${page.text}${footer}`;
}

/** The list of loaded articles, one per line, with the date when there is one. */
export function renderArticleListText(
  articles: readonly { articleId: string; title: string; date?: string }[],
  scope = '',
  total = articles.length,
): string {
  if (articles.length === 0)
    return scope ? `No articles were published ${scope}.` : 'No articles are loaded.';
  const lines = articles.map(
    (a) => `${a.articleId}  ${a.date ? `${formatIsoDay(a.date)}  ` : ''}${a.title}`,
  );
  const more = total - articles.length;
  if (more > 0)
    lines.push(`…and ${more} older. Pick days to see them: /articles from <date> to <date>.`);
  const count = `${total} article${total === 1 ? '' : 's'}`;
  return (scope ? [`${count} published ${scope}:`, ...lines] : lines).join('\n');
}

function renderCitations(citations: readonly Citation[]): string {
  return citations
    .map(
      (c) =>
        `[${c.number}] ${c.title} — ${c.date ? `${formatIsoDay(c.date)}, ` : ''}paragraph ${c.passage}${c.url ? ` <${c.url}>` : ''}`,
    )
    .join('\n');
}

function renderMetadata(metadata: ArticleMetadata, date?: string): string {
  return [
    date ? formatIsoDay(date) : metadata.published,
    metadata.source,
    metadata.author && `by ${metadata.author}`,
    metadata.url,
  ]
    .filter(Boolean)
    .join(' · ');
}

function uniqueTitles(citations: readonly Citation[]): string[] {
  return [...new Set(citations.map((c) => c.title))];
}
