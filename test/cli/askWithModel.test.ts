import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackModel, passagesOf, startLoopbackModel } from '../model/loopbackModel.js';
import { runCliProcess } from './runCliProcess.js';

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-cli-llm-'));
});
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

/** The JSON CLI in a child process, as a script runs it, with the given LLM_* settings. */
const cli = (args: string[], input: string, env: Record<string, string>) =>
  runCliProcess(args, {
    input,
    env: { CACHE_DIR: cacheDir, LOG_LEVEL: 'warn', ...env },
    timeoutMs: 40_000,
  });

const questions = (count: number) =>
  Array.from(
    { length: count },
    (_, i) =>
      `${JSON.stringify({ id: i, question: 'How many ballistic missiles were launched?' })}\n`,
  ).join('');

describe('JSON CLI with a language model', () => {
  let model: LoopbackModel | undefined;
  afterAll(() => model?.close());

  it('answers with the model, adding composer, model, usage and support, keeping every field', async () => {
    model = await startLoopbackModel((request) => ({
      text: `${(passagesOf(request).get(1) ?? '').split(/(?<=[.!?])\s/)[0]} [1]`,
    }));
    const { code, stdout, stderr } = await cli(['ask', '--jsonl'], questions(1), {
      LLM_BASE_URL: model.baseUrl,
      LLM_MODEL: 'loopback-1',
      LLM_API_KEY: 'sk-secret-never-shown-123',
    });
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ id: 0, found: true, composer: 'llm', model: 'loopback-1' });
    expect(Object.keys(answer)).toEqual(
      expect.arrayContaining([
        'question',
        'found',
        'answer',
        'citations',
        'confidence',
        'sentences',
      ]),
    );
    expect(answer.citations[0]).toMatchObject({
      articleId: expect.any(String),
      passage: expect.any(Number),
    });
    expect(answer.citations[0].support.text.length).toBeGreaterThan(0);
    expect(`${stdout}${stderr}`).not.toContain('sk-secret-never-shown-123');
    await model.close();
    model = undefined;
  });

  it('gets through 20 questions to a model that never answers within 15 s, every one answered quoted', async () => {
    model = await startLoopbackModel(() => ({ hang: true }));
    const started = Date.now();
    const { code, stdout } = await cli(['ask', '--jsonl'], questions(20), {
      LLM_BASE_URL: model.baseUrl,
      LLM_MODEL: 'loopback-1',
      LLM_TIMEOUT_SECONDS: '2',
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(code).toBe(0);
    const answers = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(answers).toHaveLength(20);
    expect(answers.every((a) => a.found && a.composer === 'extractive')).toBe(true);
    expect(answers.slice(0, 3).map((a) => a.fallbackReason)).toEqual([
      'timeout',
      'timeout',
      'timeout',
    ]);
    expect(answers.slice(3).every((a) => a.fallbackReason === 'circuit-open')).toBe(true);
    expect(model.requests).toHaveLength(3);
  }, 30_000);

  it('lets the model write a follow-up out in full, keeping the reader’s words, and falls back to the rules when it drops them', async () => {
    const rewrites = new Map([
      [
        'who replaced her?',
        'who replaced her as transport minister after Claire Dunmore resigned?',
      ],
      ['how old is she?', 'how old is the Harbour Open winner?'],
    ]);
    model = await startLoopbackModel((request) => {
      const user = request.body.messages.at(-1)?.content ?? '';
      const followUp = /Follow-up: (.*)$/.exec(user)?.[1];
      if (followUp) return { text: rewrites.get(followUp) ?? followUp };
      return { text: `${(passagesOf(request).get(1) ?? '').split(/(?<=[.!?])\s/)[0]} [1]` };
    });
    const input = [
      { id: 'a1', conversation: 'a', question: 'Why did the transport minister resign?' },
      { id: 'a2', conversation: 'a', question: 'who replaced her?' },
      { id: 'b1', conversation: 'b', question: 'Who won the Harbour Open tennis title?' },
      { id: 'b2', conversation: 'b', question: 'how old is she?' },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');
    const { code, stdout } = await cli(
      ['ask', '--seeds', 'test/fixtures/newsroom', '--jsonl'],
      input,
      { LLM_BASE_URL: model.baseUrl, LLM_MODEL: 'loopback-1' },
    );
    expect(code).toBe(0);
    const byId = Object.fromEntries(
      stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .map((answer) => [answer.id, answer]),
    );
    expect(byId.a2.standaloneQuestion).toBe(
      'who replaced her as transport minister after Claire Dunmore resigned?',
    );
    // "how old is the Harbour Open winner?" drops "she": the rules' reading is used instead.
    expect(byId.b2.standaloneQuestion).toMatch(/^how old is she — about /);
    const rewriteRequest = model.requests.find((r) =>
      r.body.messages.at(-1)?.content.includes('Follow-up: who replaced her?'),
    );
    expect(rewriteRequest?.body.messages.at(-1)?.content).toContain(
      '1. Why did the transport minister resign?',
    );
    await model.close();
    model = undefined;
  });
});
