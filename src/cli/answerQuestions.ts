import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Ask } from '../answer/Ask.js';
import { addTurn, type FollowUpAsk } from '../conversation/askFollowUp.js';
import type { Turn } from '../conversation/types.js';
import type { Viewer } from '../corpus/collections.js';
import { renderAnswerJson } from '../render/renderJson.js';

/**
 * `cli ask`: one question from the arguments, or with `--jsonl` one `{"id","question"}` line
 * after another from stdin, each answered with one JSON line. Lines with the same
 * "conversation" id form one conversation, in input order. A bad line, or one that could not
 * be answered, gets an `error` line and the rest go on; the exit is then 1 if any could not be
 * answered.
 */
export async function answerQuestions(
  args: { question?: string; jsonl?: boolean },
  answer: {
    ask: Ask;
    followUp: FollowUpAsk;
    /**
     * A failure to answer one line (the database went away) for its `error` field; without
     * it such a failure ends the run.
     */
    describeError?: (error: unknown) => string;
  },
  viewer: Viewer,
  stdin: Readable,
  stdout: Writable,
): Promise<number> {
  const { ask, followUp, describeError } = answer;
  const writeJson = (value: unknown) => stdout.write(`${JSON.stringify(value)}\n`);
  if (!args.jsonl) {
    writeJson(renderAnswerJson(await ask(args.question as string, { viewer })));
    return 0;
  }
  const conversations = new Map<string, Turn[]>();
  let lineNumber = 0;
  let failed = false;
  for await (const line of createInterface({ input: stdin, terminal: false })) {
    lineNumber++;
    if (line.trim() === '') continue;
    const request = parseRequest(line);
    if (request.question === undefined) {
      const error = `line ${lineNumber}: ${request.error}`;
      writeJson({ id: request.id, question: '', found: false, answer: '', citations: [], error });
      continue;
    }
    try {
      if (request.conversation === undefined) {
        writeJson(renderAnswerJson(await ask(request.question, { viewer }), request.id));
        continue;
      }
      const before = conversations.get(request.conversation) ?? [];
      const { answer, turn } = await followUp(request.question, before, { viewer });
      conversations.set(request.conversation, addTurn(before, turn));
      writeJson(renderAnswerJson(answer, request.id));
    } catch (error) {
      if (!describeError) throw error;
      // One line could not be answered; the next may be (a database back from a restart).
      failed = true;
      const problem = `line ${lineNumber}: ${describeError(error)}`;
      writeJson({
        id: request.id,
        question: request.question,
        found: false,
        answer: '',
        citations: [],
        error: problem,
      });
    }
  }
  return failed ? 1 : 0;
}

/** One `--jsonl` input line: its id (null when absent) and question, or what is wrong with it. */
function parseRequest(line: string): {
  id: unknown;
  question?: string;
  conversation?: string;
  error?: string;
} {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { id: null, error: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, error: 'expected {"id": ..., "question": "..."}' };
  }
  const {
    id = null,
    question,
    conversation,
  } = value as { id?: unknown; question?: unknown; conversation?: unknown };
  if (typeof question !== 'string') return { id, error: 'expected a "question" string' };
  if (conversation === undefined || conversation === null) return { id, question };
  if (typeof conversation !== 'string' && typeof conversation !== 'number')
    return { id, error: 'expected "conversation" to be a string or a number' };
  return { id, question, conversation: String(conversation) };
}
