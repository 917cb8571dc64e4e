import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Ask } from '../answer/Ask.js';
import type { Rewriter } from '../conversation/askFollowUp.js';
import type { AddPageResult } from '../ingest/addPage.js';
import type { Archive } from '../store/Archive.js';
import { parseConsoleLine } from './parseConsoleLine.js';
import { type ConsoleConversation, runConsoleCommand } from './runConsoleCommand.js';

/** Where the console reads and writes, and what it answers from. */
export interface ConsoleOptions {
  /** The articles: in memory (a reloaded index is used from the next line on) or a database. */
  archive: Archive;
  input: Readable;
  output: Writable;
  /** Show a `> ` prompt; only useful when a person is typing at a terminal. */
  prompt: boolean;
  /** How questions are answered: quoted, or written by a language model. */
  ask: Ask;
  /** Writes follow-ups out in full (a language model); without it, the rules read them. */
  rewrite?: Rewriter;
  /** Fetches a page into the articles folder, for `/add <url>`. */
  addPage?: (url: string) => Promise<AddPageResult>;
  /** Called with the error and its id when a command fails unexpectedly. */
  onError?: (error: unknown, errorId: string) => void;
}

/**
 * The interactive terminal console: reads one command per line until `/quit` or the end of
 * input. A command that fails unexpectedly prints a short message with an id and the console
 * keeps going.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { archive, input, output, prompt } = options;
  const lines = createInterface(
    prompt ? { input, output, terminal: true } : { input, terminal: false },
  );
  if (prompt) {
    lines.setPrompt('> ');
    lines.prompt();
  }
  const conversation: ConsoleConversation = {
    turns: [],
    ...(options.rewrite ? { rewrite: options.rewrite } : {}),
  };
  for await (const line of lines) {
    const command = parseConsoleLine(line);
    if (command.name === 'quit') break;
    let reply: string;
    try {
      reply =
        command.name === 'add' && options.addPage
          ? await addReply(command.url, options.addPage)
          : await runConsoleCommand(archive, command, options.ask, conversation);
    } catch (error) {
      const errorId = randomUUID().slice(0, 8);
      options.onError?.(error, errorId);
      reply = `Sorry, something went wrong with that command (error ${errorId}). Try another.`;
    }
    if (reply) output.write(`${reply}\n\n`);
    if (prompt) lines.prompt();
  }
  lines.close();
}

/** What `/add <url>` says: where the article went, or why it could not be added. */
async function addReply(
  url: string,
  addPage: (url: string) => Promise<AddPageResult>,
): Promise<string> {
  if (!url) return 'Give the address of a web page: /add https://…';
  const added = await addPage(url);
  if (!added.ok) return `Could not add that page: ${added.reason}.`;
  if (added.status === 'unchanged')
    return `Already have "${added.title}" (${added.articleId}); nothing changed.`;
  return `${added.status === 'added' ? 'Added' : 'Updated'} "${added.title}" as ${added.articleId}. Ask about it in a few seconds.`;
}
