import type { SummaryLength } from '../answer/summarizeArticle.js';

/** One line typed into the console, understood. */
export type ConsoleCommand =
  | { name: 'ask'; question: string }
  | { name: 'summary'; article?: string; length?: SummaryLength; from?: string; to?: string }
  | { name: 'source'; article: string; page: number }
  | { name: 'related'; article: string }
  | { name: 'articles'; from?: string; to?: string }
  | { name: 'add'; url: string }
  | { name: 'help' }
  | { name: 'new' }
  | { name: 'quit' }
  | { name: 'empty' }
  | { name: 'unknown'; typed: string };

const LENGTHS = new Set<string>(['short', 'medium', 'long']);
/** `from <date>`, `to <date>` or both, as typed after `/articles` or `/summary`. */
const RANGE = /^(?:from\s+(.+?))?\s*(?:\bto\s+(.+))?$/i;

/**
 * Reads one console line: `/ask`, `/summary [article] [short|medium|long]`,
 * `/summary from <date> to <date>`, `/source <article> [page]`, `/related <article>`,
 * `/articles [from <date>] [to <date>]`, `/add <url>`, `/new`, `/help`, `/quit`; a line without
 * a slash is a question.
 */
export function parseConsoleLine(line: string): ConsoleCommand {
  const text = line.trim();
  if (text === '') return { name: 'empty' };
  if (!text.startsWith('/')) return { name: 'ask', question: text };

  const [head = '', ...restWords] = text.split(/\s+/);
  const rest = restWords.join(' ');
  switch (head.toLowerCase()) {
    case '/ask':
      return { name: 'ask', question: rest };
    case '/summary': {
      if (/^(from|to)\s/i.test(rest)) return { name: 'summary', ...readRange(rest) };
      const last = restWords.at(-1)?.toLowerCase();
      if (last && LENGTHS.has(last)) {
        const article = restWords.slice(0, -1).join(' ');
        return article
          ? { name: 'summary', article, length: last as SummaryLength }
          : { name: 'summary', length: last as SummaryLength };
      }
      return rest ? { name: 'summary', article: rest } : { name: 'summary' };
    }
    case '/source': {
      const last = restWords.at(-1);
      if (restWords.length > 1 && last && /^\d{1,6}$/.test(last)) {
        return { name: 'source', article: restWords.slice(0, -1).join(' '), page: Number(last) };
      }
      return { name: 'source', article: rest, page: 1 };
    }
    case '/articles':
      return { name: 'articles', ...readRange(rest) };
    case '/related':
      return { name: 'related', article: rest };
    case '/add':
      return { name: 'add', url: rest };
    case '/help':
      return { name: 'help' };
    case '/new':
      return { name: 'new' };
    case '/quit':
    case '/exit':
      return { name: 'quit' };
    default:
      return { name: 'unknown', typed: head };
  }
}

function readRange(text: string): { from?: string; to?: string } {
  const m = RANGE.exec(text.trim());
  // Words that are not a range are passed on whole, so the reader hears what was not understood.
  if (!m || (!m[1] && !m[2])) return text.trim() ? { from: text.trim() } : {};
  return { ...(m[1] ? { from: m[1].trim() } : {}), ...(m[2] ? { to: m[2].trim() } : {}) };
}
