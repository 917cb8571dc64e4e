import type { Ask } from '../answer/Ask.js';
import { digestArticles } from '../answer/digestArticles.js';
import { pageSource } from '../answer/pageSource.js';
import { addTurn, askFollowUp, type Rewriter } from '../conversation/askFollowUp.js';
import type { Turn } from '../conversation/types.js';
import { OPERATOR } from '../corpus/collections.js';
import {
  renderAnswerText,
  renderArticleListText,
  renderDigestText,
  renderRelatedText,
  renderSourceText,
  renderSummaryText,
} from '../render/renderText.js';
import type { Archive } from '../store/Archive.js';
import { isoDay } from '../time/calendarDay.js';
import type { ConsoleCommand } from './parseConsoleLine.js';

/** How many articles a digest shows in the console before pointing to /articles. */
const DIGEST_LINES = 25;

/** How many articles /articles lists before pointing to a range of days. */
const ARTICLE_LIST_LINES = 200;

/** The console's help text, for an archive of `count` articles. */
export function consoleHelp(count: number): string {
  return [
    `I know ${count} article${count === 1 ? '' : 's'}. Commands:`,
    '  /ask <question>        quote the sentences that answer it, with sources',
    '  /summary [article]     summarise one article (add short, medium or long), or list them all',
    '  /summary from <date> to <date>  list the articles of those days, newest first',
    '  /source <article> [n]  show an article as written, page n',
    '  /related <article>     articles like that one',
    '  /articles [from <date>] [to <date>]  list the articles, newest first',
    '  /add <url>             fetch a web page and add its article',
    '  /new                   start a new conversation: the next question stands alone',
    '  /help                  show this help',
    '  /quit                  leave',
    'A line without a slash is a question; one that follows an answer may lean on it',
    '("how old is she?"). Name an article by its id or its headline.',
  ].join('\n');
}

/** The console's conversation so far: a question that follows an answer may lean on it. */
export interface ConsoleConversation {
  turns: Turn[];
  /** Writes follow-ups out in full (a language model); without it, the rules read them. */
  rewrite?: Rewriter;
}

/** The console reads every collection: it is the operator's. */
const VIEWER = OPERATOR;

/**
 * Runs one console command and returns the text to show; never throws for bad input.
 * Questions go through `ask`, the same seam the bot and the JSON CLI answer through; with a
 * `conversation`, each is read with the ones before it and `/new` starts afresh. Everything
 * else reads `archive`: in memory, or a database.
 */
export async function runConsoleCommand(
  archive: Archive,
  command: ConsoleCommand,
  ask: Ask,
  conversation?: ConsoleConversation,
): Promise<string> {
  const { articles } = archive;
  switch (command.name) {
    case 'ask': {
      if (!conversation) return renderAnswerText(await ask(command.question));
      const { answer, turn } = await askFollowUp(
        ask,
        archive.followUpIndex(VIEWER),
        conversation.rewrite,
      )(command.question, conversation.turns);
      conversation.turns = addTurn(conversation.turns, turn);
      return renderAnswerText(answer);
    }
    case 'new':
      if (conversation) conversation.turns = [];
      return 'New conversation: your next question stands on its own.';
    case 'summary': {
      if (!command.article) {
        const dates = { from: command.from, to: command.to };
        const listed = await articles.page(VIEWER, dates, 0, DIGEST_LINES);
        if (!listed.ok) return listed.message;
        const [only] = listed.articles;
        if (listed.total === 1 && only && !command.from && !command.to)
          return renderSummaryText(await articles.summarize(only, command.length ?? 'medium'));
        if (listed.total === 0 && !command.from && !command.to) return 'No articles are loaded.';
        return renderDigestText(digestArticles(listed.articles), listed.total, listed.scope);
      }
      const found = await articles.find(command.article, VIEWER, { allowPartial: true });
      if (!found.found) return notFound(command.article, found.suggestions);
      return renderSummaryText(await articles.summarize(found.article, command.length ?? 'medium'));
    }
    case 'source': {
      if (!command.article) return 'Which article? Type /source followed by its id or headline.';
      const found = await articles.find(command.article, VIEWER, { allowPartial: true });
      if (!found.found) return notFound(command.article, found.suggestions);
      const pages = pageSource(found.article);
      const page = pages[Math.min(command.page, pages.length) - 1];
      if (!page) return 'That article has no text.';
      const note =
        command.page > pages.length
          ? `It has only ${pages.length} page${pages.length === 1 ? '' : 's'}; here is the last.\n\n`
          : '';
      return (
        note +
        renderSourceText(
          {
            articleId: found.article.id,
            title: found.article.title,
            metadata: found.article.metadata,
            ...(found.article.published ? { date: isoDay(found.article.published.day) } : {}),
          },
          page,
          pages.length,
        )
      );
    }
    case 'related': {
      if (!command.article) return 'Which article? Type /related followed by its id or headline.';
      const found = await articles.find(command.article, VIEWER, { allowPartial: true });
      if (!found.found) return notFound(command.article, found.suggestions);
      return renderRelatedText(found.article.title, await articles.related(found.article, VIEWER));
    }
    case 'articles': {
      const listed = await articles.page(
        VIEWER,
        { from: command.from, to: command.to },
        0,
        ARTICLE_LIST_LINES,
      );
      if (!listed.ok) return listed.message;
      return renderArticleListText(
        listed.articles.map((a) => ({
          articleId: a.id,
          title: a.title,
          ...(a.published ? { date: isoDay(a.published.day) } : {}),
        })),
        listed.scope,
        listed.total,
      );
    }
    case 'add':
      // Fetching is asynchronous: runConsole does it; here only when it cannot.
      return 'Adding pages is not available here.';
    case 'help':
      return consoleHelp(await articles.count(VIEWER));
    case 'unknown':
      return `I don't know ${command.typed}. Type /help to see what I can do.`;
    case 'empty':
    case 'quit':
      return '';
  }
}

function notFound(
  reference: string,
  suggestions: readonly { id: string; title: string }[],
): string {
  const shown = reference.length > 60 ? `${reference.slice(0, 59)}…` : reference;
  const base = `I have no article called "${shown}".`;
  if (suggestions.length === 0) return `${base} Type /articles to see them all.`;
  return `${base} Did you mean:\n${suggestions.map((s) => `  - ${s.title} (${s.id})`).join('\n')}`;
}
