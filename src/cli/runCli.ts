import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { type AnswerSource, type Ask, quotedAsk } from '../answer/Ask.js';
import { findArticle } from '../answer/findArticle.js';
import { relatedArticles } from '../answer/relatedArticles.js';
import { selectArticles } from '../answer/selectArticles.js';
import { type SummaryLength, summarizeArticle } from '../answer/summarizeArticle.js';
import { openIndex } from '../cache/openIndex.js';
import { askFollowUp, type Rewriter } from '../conversation/askFollowUp.js';
import { isServerId, OPERATOR, type Viewer, viewerIn, visibleTo } from '../corpus/collections.js';
import type { Article } from '../corpus/types.js';
import type { DeliveryStateFile } from '../delivery/DeliveryState.js';
import { describeLoadFailure } from '../describeLoadFailure.js';
import type { PageFetchSettings } from '../ingest/addPage.js';
import { renderArticleJson, renderSourceJson, renderSummaryJson } from '../render/renderJson.js';
import { fixedIndex } from '../run/createAsk.js';
import type { ArchiveWriter } from '../store/ArchiveWriter.js';
import { answerQuestions } from './answerQuestions.js';
import type { IngestContext } from './runIngest.js';

/** The streams and settings the CLI works with, so tests can run it in-process. */
export interface CliContext {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  logger: Logger;
  maxFileBytes: number;
  /** DATABASE_URL and its pool size, for `import`. */
  database?: { url: string; readUrl?: string; poolSize: number };
  /**
   * Where saved indexes live (CACHE_DIR): a script calling the CLI once per question then
   * pays a warm start, not a rebuild. Without it, or with --no-cache, every call builds.
   */
  cacheDir?: string;
  /**
   * How `ask` answers over the opened index: quoted by default, or through a language model
   * when one is configured.
   */
  makeAsk?: (source: AnswerSource) => Promise<{ ask: Ask; rewrite?: Rewriter }>;
  /** How `add` and `feeds` fetch and where they keep the feeds' history. */
  ingest: Omit<IngestContext, 'stdout' | 'stderr' | 'seedsDir' | 'fetch'> & {
    fetch: Omit<PageFetchSettings, 'maxBytes'>;
  };
}

export const CLI_USAGE = `Usage:
  cli ask [--seeds DIR] "question"          answer one question
  cli ask [--seeds DIR] --jsonl             answer {"id","question"} lines from stdin;
                                            lines with the same "conversation" id follow up
  cli summary [--seeds DIR] --article ID [--length short|medium|long]
  cli summary [--seeds DIR] --all --jsonl   summarise every article, one line each
  cli summary [--seeds DIR] --all --jsonl [--from DATE] [--to DATE]
  cli source [--seeds DIR] --article ID     the article's text and metadata
  cli related [--seeds DIR] --article ID    the articles most like it
  cli articles [--seeds DIR] [--from DATE] [--to DATE]
                                            list the articles, newest first
  cli add --url URL [--seeds DIR]           fetch a web page and add its article
  cli remove --article ID [--seeds DIR]     delete an article for good: a feed never
                                            brings it back
  cli briefing --at DATE-TIME [--timezone ZONE] [--since DATE-TIME] [--seeds DIR]
                                            the day's stories as a briefing at that time
                                            would list them, copies of a story joined
                                            (from the database with DATABASE_URL)
  cli feeds --once [--feed URL]... [--seeds DIR]
                                            read each feed once, add its new articles
  cli alert-match --topic "..." [--seeds DIR] [--guild ID]
                                            {articleId, score} for each article an
                                            alert on that topic would fire on
  cli import [--seeds DIR] [--prune]        load the folder into DATABASE_URL's PostgreSQL
                                            (--prune: remove its articles that are gone)
  cli deliveries [--since DATE-TIME]        each post that went out or is waiting:
                                            {channel, articleId, title, url, kind,
                                            status, at}
--guild ID on ask, summary, source, related, articles, alert-match and add acts as that server: the
shared articles and its own (add puts the page in its own when ADD_SCOPE=server).
Every command reuses the index saved in CACHE_DIR; --no-cache builds it afresh.
DATE: 2005-03-01, 1 Mar 2005, March 2005 or 2005.`;

/** A mistake in how the CLI was called: reported in one line, exit code 2. */
class UsageError extends Error {}

/**
 * The JSON CLI: prints only JSON on stdout (the contract scripts rely on) and one-line errors
 * on stderr. Returns the exit code: 0 done, 1 could not do it (unknown article, unreadable
 * folder), 2 called wrongly.
 */
export async function runCli(argv: string[], context: CliContext): Promise<number> {
  const fail = (message: string, code: number) => {
    context.stderr.write(`${message}\n`);
    return code;
  };
  if (argv.includes('--help') || argv.includes('-h')) {
    context.stderr.write(`${CLI_USAGE}\n`);
    return 0;
  }
  let args: ReturnType<typeof parseCliArgs>;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    const message = error instanceof UsageError ? error.message : cleanParseError(error);
    return fail(`${message} Run with --help for usage.`, 2);
  }

  if (args.command === 'import') {
    const { runImport } = await import('./runImport.js');
    return runImport(args.seeds, args.prune, {
      ...(context.database ? { database: context.database } : {}),
      maxFileBytes: context.maxFileBytes,
      stdout: context.stdout,
      stderr: context.stderr,
    });
  }

  /**
   * Runs an add, feeds or remove command with what it writes besides the folder: with
   * DATABASE_URL the database, opened first (one line and exit 1 when it cannot be) and closed
   * after; else nothing.
   */
  const withArchive = async (
    seeds: string,
    work: (archive: { archive?: ArchiveWriter }) => Promise<number>,
  ): Promise<number> => {
    if (!context.database) return work({});
    const { openDatabaseWriter } = await import('../store/postgres/databaseWriter.js');
    const opened = await openDatabaseWriter(context.database, seeds, context.maxFileBytes);
    if (!opened.ok) return fail(opened.problem, 1);
    try {
      return await work({ archive: opened.writer });
    } finally {
      await opened.writer.close();
    }
  };

  if (args.command === 'deliveries') {
    const { listDeliveries } = await import('./listDeliveries.js');
    let record: DeliveryStateFile | undefined;
    if (context.database) {
      const { readDeliveryRecord } = await import('../store/postgres/databaseDeliveryRecords.js');
      const read = await readDeliveryRecord(context.database);
      if (!read.ok) return fail(read.problem, 1);
      record = read.record;
    } else {
      const { DeliveryState } = await import('../delivery/DeliveryState.js');
      record = DeliveryState.read(context.ingest.dataDir);
    }
    const listed = listDeliveries(record, args.since);
    if (!listed.ok) return fail(`--since ${listed.problem} Run with --help for usage.`, 2);
    for (const line of listed.lines) context.stdout.write(`${JSON.stringify(line)}\n`);
    return 0;
  }

  if (args.command === 'add' || args.command === 'feeds') {
    const ingest: IngestContext = {
      ...context.ingest,
      stdout: context.stdout,
      stderr: context.stderr,
      seedsDir: args.seeds,
      fetch: { ...context.ingest.fetch, maxBytes: context.maxFileBytes },
    };
    // Loaded only here: the HTML and feed parsers would add to every `ask` call's start-up.
    const { runAdd, runFeedsOnce } = await import('./runIngest.js');
    return withArchive(args.seeds, (archive) =>
      args.command === 'add'
        ? runAdd(args.url as string, { ...ingest, ...archive }, args.guild)
        : runFeedsOnce(args.feeds, { ...ingest, ...archive }),
    );
  }

  /** `briefing`'s moments, read in its time zone, or the usage problem (exit 2). */
  const briefingOptions = async (viewer: Viewer) => {
    // Loaded only here: the time-zone library is no cost to every other command.
    const { readMoment } = await import('../delivery/composeBriefing.js');
    const at = readMoment(args.at as string, args.timezone);
    const since = args.since ? readMoment(args.since, args.timezone) : undefined;
    if (!at.ok) return fail(`--at ${at.problem} Run with --help for usage.`, 2);
    if (since && !since.ok) return fail(`--since ${since.problem} Run with --help for usage.`, 2);
    return {
      at: at.date,
      timezone: args.timezone,
      ...(since?.ok ? { since: since.date } : {}),
      viewer,
    };
  };

  if (args.command === 'briefing' && context.database) {
    const options = await briefingOptions(args.guild ? viewerIn(args.guild) : OPERATOR);
    if (typeof options === 'number') return options;
    const { briefArchive } = await import('./briefArchive.js');
    return briefArchive(options, context.database, context);
  }

  if (args.command === 'ask' && context.database) {
    const { askArchive } = await import('./askArchive.js');
    return askArchive(
      args,
      context.database,
      args.guild ? viewerIn(args.guild) : OPERATOR,
      context,
      context.makeAsk,
    );
  }

  let opened: Awaited<ReturnType<typeof openIndex>>;
  try {
    opened = await openIndex(args.seeds, {
      maxFileBytes: context.maxFileBytes,
      ...(context.cacheDir && !args.noCache ? { cacheDir: context.cacheDir } : {}),
      onWarning: (message) => context.logger.warn(message),
    });
  } catch (error) {
    return fail(describeLoadFailure(args.seeds, error), 1);
  }
  const { index } = opened;
  context.logger.debug(
    { source: opened.source, articles: index.articleCount },
    opened.source === 'cache' ? 'index reused from the cache' : 'index built',
  );
  const { corpus } = index;
  for (const skipped of corpus.skipped) context.logger.warn(skipped, 'skipped a file');
  for (const warning of corpus.warnings) context.logger.warn(warning, 'read a file with a problem');
  // --guild answers as that server would: the shared collection and its own, nothing else.
  const viewer: Viewer = args.guild ? viewerIn(args.guild) : OPERATOR;
  const canRead = visibleTo(viewer);
  const articles = corpus.articles.filter((article) => canRead(article.id));
  const writeJson = (value: unknown) => context.stdout.write(`${JSON.stringify(value)}\n`);

  const lookUp = (id: string): Article | string => {
    const found = findArticle(articles, id);
    if (found.found) return found.article;
    const hint = found.suggestions[0] ? ` Did you mean "${found.suggestions[0].id}"?` : '';
    return `No article "${id}" in ${args.seeds}.${hint}`;
  };

  const selected = () => {
    const selection = selectArticles(articles, args.from, args.to);
    if (!selection.ok) throw new UsageError(selection.message);
    return selection.articles;
  };

  switch (args.command) {
    case 'briefing': {
      const options = await briefingOptions(viewer);
      if (typeof options === 'number') return options;
      const { composeBriefing } = await import('../delivery/composeBriefing.js');
      writeJson(composeBriefing(index, options));
      return 0;
    }
    case 'alert-match': {
      const { topicScore, ALERT_THRESHOLD } = await import('../delivery/topicScore.js');
      const topic = args.topic as string;
      const matches = articles
        .map((article) => ({ articleId: article.id, score: topicScore(index, topic, article) }))
        .filter((m) => m.score >= ALERT_THRESHOLD)
        .sort((a, b) => b.score - a.score);
      for (const match of matches)
        writeJson({ articleId: match.articleId, score: Number(match.score.toFixed(4)) });
      return 0;
    }
    case 'remove': {
      const article = lookUp(args.article as string);
      if (typeof article === 'string') return fail(article, 1);
      // Only an exact id: a removal must never fall on a near match.
      if (article.id !== args.article)
        return fail(
          `No article "${args.article}" in ${args.seeds}. Did you mean "${article.id}"?`,
          1,
        );
      const { removeArticle } = await import('./runIngest.js');
      return withArchive(args.seeds, (archive) =>
        removeArticle(article, args.seeds, args.guild, {
          dataDir: context.ingest.dataDir,
          stdout: context.stdout,
          stderr: context.stderr,
          ...archive,
        }),
      );
    }
    case 'articles': {
      let chosen: Article[];
      try {
        chosen = selected();
      } catch (error) {
        return fail((error as Error).message, 1);
      }
      writeJson(chosen.map(renderArticleJson));
      return 0;
    }
    case 'related': {
      const article = lookUp(args.article as string);
      if (typeof article === 'string') return fail(article, 1);
      writeJson({
        articleId: article.id,
        title: article.title,
        related: relatedArticles(index, article, { viewer }),
      });
      return 0;
    }
    case 'source': {
      const article = lookUp(args.article as string);
      if (typeof article === 'string') return fail(article, 1);
      writeJson(renderSourceJson(article));
      return 0;
    }
    case 'summary': {
      if (args.all) {
        let chosen: Article[];
        try {
          chosen = args.from || args.to ? selected() : articles;
        } catch (error) {
          return fail((error as Error).message, 1);
        }
        for (const article of chosen)
          writeJson(renderSummaryJson(summarizeArticle(index, article, { length: args.length })));
        return 0;
      }
      const article = lookUp(args.article as string);
      if (typeof article === 'string') return fail(article, 1);
      writeJson(renderSummaryJson(summarizeArticle(index, article, { length: args.length })));
      return 0;
    }
    case 'ask': {
      const { ask, rewrite } = context.makeAsk
        ? await context.makeAsk(fixedIndex(index))
        : { ask: quotedAsk(() => index), rewrite: undefined };
      const followUp = askFollowUp(ask, () => index, rewrite);
      return answerQuestions(args, { ask, followUp }, viewer, context.stdin, context.stdout);
    }
  }
}

function parseCliArgs(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seeds: { type: 'string', default: './seeds' },
      jsonl: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      article: { type: 'string' },
      length: { type: 'string', default: 'medium' },
      from: { type: 'string' },
      to: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      url: { type: 'string' },
      feed: { type: 'string', multiple: true, default: [] },
      once: { type: 'boolean', default: false },
      guild: { type: 'string' },
      at: { type: 'string' },
      timezone: { type: 'string', default: 'UTC' },
      since: { type: 'string' },
      topic: { type: 'string' },
      prune: { type: 'boolean', default: false },
    },
  });
  if (values.guild !== undefined && !isServerId(values.guild))
    throw new UsageError('--guild takes a server id (letters, digits, - and _).');
  const [command, ...rest] = positionals;
  const length = values.length;
  if (length !== 'short' && length !== 'medium' && length !== 'long') {
    throw new UsageError('--length must be short, medium or long.');
  }
  const base = {
    seeds: values.seeds,
    jsonl: values.jsonl,
    all: values.all,
    article: values.article,
    length: length as SummaryLength,
    from: values.from,
    to: values.to,
    noCache: values['no-cache'],
    url: values.url,
    feeds: values.feed,
    guild: values.guild,
    at: values.at,
    timezone: values.timezone,
    since: values.since,
    topic: values.topic,
    prune: values.prune,
  };
  switch (command) {
    case 'ask':
      if (values.jsonl) {
        if (rest.length > 0)
          throw new UsageError('ask --jsonl reads questions from stdin; give no question.');
        return { ...base, command, question: undefined };
      }
      if (rest.length === 0) throw new UsageError('ask needs a question.');
      return { ...base, command, question: rest.join(' ') };
    case 'summary':
      if (values.all && !values.jsonl)
        throw new UsageError('summary --all writes one line per article; add --jsonl.');
      if (!values.all && !values.article)
        throw new UsageError('summary needs --article ID or --all --jsonl.');
      return { ...base, command };
    case 'source':
    case 'related':
      if (!values.article) throw new UsageError(`${command} needs --article ID.`);
      return { ...base, command };
    case 'articles':
      return { ...base, command };
    case 'remove':
      if (!values.article) throw new UsageError('remove needs --article ID.');
      return { ...base, command };
    case 'briefing':
      if (!values.at) throw new UsageError('briefing needs --at DATE-TIME (2025-03-05T08:00).');
      return { ...base, command };
    case 'alert-match':
      if (!values.topic?.trim()) throw new UsageError('alert-match needs --topic "a few words".');
      return { ...base, command };
    case 'deliveries':
    case 'import':
      return { ...base, command };
    case 'add':
      if (!values.url) throw new UsageError('add needs --url URL.');
      return { ...base, command };
    case 'feeds':
      if (!values.once)
        throw new UsageError('feeds needs --once (the bot polls feeds on its own schedule).');
      return { ...base, command };
    case undefined:
      throw new UsageError(
        'Give a command: ask, summary, source, related, articles, briefing, alert-match, add, remove, feeds, deliveries or import.',
      );
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

function cleanParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? 'Bad arguments.';
}
