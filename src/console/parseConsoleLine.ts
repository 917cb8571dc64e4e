import type { SummaryLength } from '../answer/summarizeArticle';

/** One line typed into the console, understood. */
export type ConsoleCommand =
  | { name: 'ask'; question: string }
  | { name: 'summary'; article?: string; length?: SummaryLength }
  | { name: 'source'; article: string; page: number }
  | { name: 'articles' }
  | { name: 'help' }
  | { name: 'quit' }
  | { name: 'empty' }
  | { name: 'unknown'; typed: string };

const LENGTHS = new Set<string>(['short', 'medium', 'long']);

/**
 * Reads one console line: `/ask`, `/summary [article] [short|medium|long]`,
 * `/source <article> [page]`, `/articles`, `/help`, `/quit`; a line without a slash is a question.
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
      return { name: 'articles' };
    case '/help':
      return { name: 'help' };
    case '/quit':
    case '/exit':
      return { name: 'quit' };
    default:
      return { name: 'unknown', typed: head };
  }
}
