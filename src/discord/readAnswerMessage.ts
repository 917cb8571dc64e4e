import { readFollowUp } from '../conversation/readFollowUp.js';
import type { Turn } from '../conversation/types.js';
import type { Viewer } from '../corpus/collections.js';
import type { Archive } from '../store/Archive.js';
import { ANSWERING_PREFIX } from './renderAnswerEmbed.js';

/** The parts of an answer message a conversation can be read back from. */
export interface AnswerMessageParts {
  /** The embed's title: the question as typed. */
  title?: string | null;
  /** The embed's text, which opens with "Answering: …" for a follow-up. */
  description?: string | null;
  /** The custom ids of its buttons: "Show passage" ones name the cited articles. */
  customIds: readonly string[];
}

/**
 * The turn an answer message stands for, read back from the message itself, which the bot can
 * always read: after a restart, or once the conversation has left memory, a follow-up to an
 * old answer still knows what it followed. Undefined when the message is no answer.
 */
export async function readAnswerMessage(
  archive: Archive,
  viewer: Viewer,
  parts: AnswerMessageParts,
): Promise<Turn | undefined> {
  const question = plainText(parts.title ?? '').trim();
  if (!question || !parts.customIds.some((id) => id === 'ask:follow')) return undefined;
  const firstLine = plainText(parts.description ?? '').split('\n')[0] ?? '';
  const answering = /^\*(.*)\*$/.exec(firstLine.trim())?.[1];
  const standalone = answering?.startsWith(ANSWERING_PREFIX)
    ? answering.slice(ANSWERING_PREFIX.length)
    : question;
  const keys = parts.customIds.flatMap((id) => /^ask:passage:([^:]+):/.exec(id)?.[1] ?? []);
  const cited = await Promise.all(
    [...new Set(keys)].map((key) => archive.articles.byKey(key, viewer)),
  );
  const index = await archive.followUpIndex(viewer)(standalone, []);
  return {
    question,
    standalone,
    subjects: readFollowUp(index, [], standalone).subjects,
    articleIds: [...new Set(cited.flatMap((article) => article?.id ?? []))],
  };
}

/** Text as written before Discord Markdown escaping (`\*` → `*`); mentions stay defused. */
function plainText(text: string): string {
  return text.replace(/\\([\\`*_~|>#.\-[\]()])/g, '$1');
}
