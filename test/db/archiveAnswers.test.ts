import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../cli/runCliProcess.js';
import { HARBOUR_BRIDGE, importFolder, newsroomFolder } from './newsroomArchive.js';
import { type PostgresCluster, startPostgres } from './postgresCluster.js';

/**
 * Questions of every kind the folder mode answers: found, refused, misspelt, scoped to dates,
 * about the latest news, for one server's collection, and a conversation's follow-up.
 */
const QUESTIONS = [
  { id: 1, question: 'How many new shops will the Beanline coffee chain open?' },
  { id: 2, question: 'By how many seconds did Kiprop beat the marathon record?' },
  { id: 3, question: 'Why did the transport minister resign?' },
  { id: 4, question: 'What is the airline doing about fuel costs?' },
  { id: 5, question: 'Who won the film festival?' },
  { id: 6, question: 'What did the museum open in March 2025?' },
  { id: 7, question: 'What happened in March 2025?' },
  { id: 8, question: 'What is the capital of Mongolia?' },
  { id: 10, question: 'How many vehicles cross the harbour bridge every day?' },
  { id: 11, question: 'Until when will the library open on weekdays?' },
  // A misspelt name: matched to the archive's word within one edit, as the folder matches it.
  { id: 12, question: 'How many shops will the Beanlime chain open?' },
  { id: 9, question: 'and how many jobs will it create?', conversation: 'a' },
];

describe('cli ask with DATABASE_URL: the answers of the folder mode, from the database', () => {
  let cluster: PostgresCluster;
  let folder: string;
  let empty: string;

  beforeAll(async () => {
    cluster = await startPostgres();
    folder = await newsroomFolder('newsdesk-archive-', {
      // Two servers' own collections: each reads the shared articles and its own, never another's.
      ...HARBOUR_BRIDGE,
      'servers/2002/library-hours.txt':
        'Library extends opening hours\n\nHarwick library will open until 9pm on weekdays from April, the council said.\n',
    });
    empty = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-empty-'));
    await importFolder(folder, cluster.url);
  });
  afterAll(async () => {
    cluster?.remove();
    await rm(folder, { recursive: true, force: true });
    await rm(empty, { recursive: true, force: true });
  });

  const lines = [
    { id: 0, question: 'Where is the Beanline coffee chain opening shops?', conversation: 'a' },
    ...QUESTIONS,
  ]
    .map((q) => JSON.stringify(q))
    .join('\n');

  for (const guild of [[], ['--guild', '2002']]) {
    it(`answers every kind of question as the folder does${guild.length ? ', for one server' : ''}`, async () => {
      const fromFolder = await runCliProcess(['ask', '--jsonl', '--seeds', folder, ...guild], {
        input: lines,
        env: { DATABASE_URL: '', LOG_LEVEL: 'warn' },
      });
      // An empty folder: with DATABASE_URL, the folder is only a source for imports.
      const fromDatabase = await runCliProcess(['ask', '--jsonl', '--seeds', empty, ...guild], {
        input: lines,
        env: { DATABASE_URL: cluster.url, LOG_LEVEL: 'warn' },
      });
      expect(fromFolder.code, fromFolder.stderr).toBe(0);
      expect(fromDatabase.code, fromDatabase.stderr).toBe(0);
      const answers = fromDatabase.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(answers).toHaveLength(QUESTIONS.length + 1);
      expect(answers.find((a) => a.id === 10).found).toBe(guild.length === 0);
      expect(answers.find((a) => a.id === 12).citations[0].articleId).toBe(
        'business/coffee-chain-expands',
      );
      expect(answers.filter((a) => a.found).length).toBeGreaterThanOrEqual(6);
      expect(answers).toEqual(
        fromFolder.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line)),
      );
    });
  }

  it('says in one line that the database cannot be reached, without its password', async () => {
    const unreachable = cluster.url.replace(/:(\d+)\//, ':1/');
    const run = await runCliProcess(['ask', 'Who won the film festival?'], {
      env: { DATABASE_URL: unreachable, LOG_LEVEL: 'warn' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('DATABASE_URL');
    expect(run.stderr).not.toContain(cluster.password);
  });
});
