import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../cli/runCliProcess.js';
import {
  type LoopbackModel,
  passagesOf,
  type RecordedChat,
  startLoopbackModel,
} from '../model/loopbackModel.js';
import { importFolder, newsroomFolder } from './newsroomArchive.js';
import { type PostgresCluster, startPostgres } from './postgresCluster.js';

describe('a language model writing the answers with DATABASE_URL', () => {
  let cluster: PostgresCluster;
  let model: LoopbackModel;
  let folder: string;
  let empty: string;

  beforeAll(async () => {
    cluster = await startPostgres();
    folder = await newsroomFolder('newsdesk-db-model-');
    empty = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-db-model-empty-'));
    await importFolder(folder, cluster.url);
    // A model that answers with the first sentence of the first passage it is given.
    model = await startLoopbackModel((request) => ({
      text: `${(passagesOf(request).get(1) ?? '').split(/(?<=[.!?])\s/)[0]} [1]`,
    }));
  });
  afterAll(async () => {
    await model?.close();
    cluster?.remove();
    await rm(folder, { recursive: true, force: true });
    await rm(empty, { recursive: true, force: true });
  });

  it('is given the passages the database finds, and its checked answer cites them', async () => {
    const asked = await runCliProcess(
      ['ask', '--seeds', empty, 'How many new shops will the Beanline coffee chain open?'],
      {
        env: {
          DATABASE_URL: cluster.url,
          LLM_BASE_URL: model.baseUrl,
          LLM_MODEL: 'loopback-1',
          LOG_LEVEL: 'warn',
        },
        timeoutMs: 40_000,
      },
    );
    expect(asked.code, asked.stderr).toBe(0);
    const answer = JSON.parse(asked.stdout);
    expect(answer).toMatchObject({ found: true, composer: 'llm', model: 'loopback-1' });
    expect(answer.citations[0].articleId).toBe('business/coffee-chain-expands');
    // The folder is empty: what the model read came from the database.
    const last = model.requests.at(-1) as RecordedChat;
    const given = [...passagesOf(last).values()].join('\n');
    expect(given).toMatch(/Beanline/);
  });
});
