import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../cli/runCliProcess.js';
import { eventually, projectRoot } from '../helpers.js';
import {
  HARBOUR_FERRIES,
  importFolder,
  importFromAnotherHost,
  newsroomFolder,
} from './newsroomArchive.js';
import { type PostgresCluster, startPostgres } from './postgresCluster.js';

/** `npm start`'s entry point without a Discord token: the terminal console. */
function startConsole(env: Record<string, string>): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
} {
  const { DISCORD_TOKEN: _token, ...parentEnv } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: { ...parentEnv, LOG_LEVEL: 'warn', ...env },
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  return { child, output: () => stdout };
}

/** Runs the console on scripted input: what it printed after its greeting, and its exit code. */
async function scripted(lines: string[], env: Record<string, string>) {
  const { child, output } = startConsole(env);
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  child.stdin.end(lines.join('\n'));
  const code = await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const [greeting = '', ...rest] = output().split('\n\n');
  return { code, greeting, replies: rest.join('\n\n') };
}

/** Every console command that reads the articles, with a conversation's follow-up. */
const COMMANDS = [
  'Why did the transport minister resign?',
  'who replaced her?',
  '/new',
  'How many new shops will the Beanline coffee chain open?',
  '/summary',
  '/summary coffee chain short',
  '/summary from March 2025',
  '/source minister resigns',
  '/source minister resigns 9',
  '/source no such article',
  '/related coffee chain',
  '/related festival',
  '/articles',
  '/articles from 2025-03-01 to 2025-03-10',
  '/articles from someday',
  '/help',
];

describe('the console with DATABASE_URL', () => {
  let cluster: PostgresCluster;
  let folder: string;
  let empty: string;

  beforeAll(async () => {
    cluster = await startPostgres();
    folder = await newsroomFolder('newsdesk-console-db-');
    empty = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-console-empty-'));
    await importFolder(folder, cluster.url);
  });
  afterAll(async () => {
    cluster?.remove();
    await rm(folder, { recursive: true, force: true });
    await rm(empty, { recursive: true, force: true });
  });

  it('replies to every command as the folder mode does, from an empty articles folder', async () => {
    const [fromFolder, fromDatabase] = await Promise.all([
      scripted(COMMANDS, { SEEDS_DIR: folder, DATABASE_URL: '' }),
      scripted(COMMANDS, { SEEDS_DIR: empty, DATABASE_URL: cluster.url }),
    ]);
    expect(fromFolder.code).toBe(0);
    expect(fromDatabase.code).toBe(0);
    expect(fromDatabase.greeting).toMatch(
      /^newsdesk: 30 articles in the database at 127\.0\.0\.1:\d+\./,
    );
    expect(fromDatabase.greeting).not.toContain(new URL(cluster.url).password);
    expect(fromDatabase.replies).toBe(fromFolder.replies);
    expect(fromDatabase.replies).toContain('Paul Egan');
  });

  it('answers about an article another process stores within 2 seconds, with no reload', async () => {
    const { child, output } = startConsole({ SEEDS_DIR: empty, DATABASE_URL: cluster.url });
    try {
      const question = 'How many ferries will the Ellsmouth harbour company buy?\n';
      child.stdin.write(question);
      await eventually(() => output().split('\n\n').length > 2, 15_000);
      expect(output()).not.toContain('four electric ferries');
      await importFromAnotherHost(HARBOUR_FERRIES, cluster.url);
      const asked = Date.now();
      const before = output().length;
      child.stdin.write(question);
      await eventually(() => output().slice(before).includes('four electric ferries'), 2000);
      expect(Date.now() - asked).toBeLessThan(2000);
    } finally {
      child.kill();
    }
  });

  it('stores a file dropped into its articles folder, which another process then answers about, and takes it away when deleted', async () => {
    const dropped = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-console-drop-'));
    const { child, output } = startConsole({ SEEDS_DIR: dropped, DATABASE_URL: cluster.url });
    const askOther = async () => {
      const asked = await runCliProcess(
        ['ask', '--seeds', empty, 'How many trams will the Harwick tram line run every hour?'],
        { env: { DATABASE_URL: cluster.url, LOG_LEVEL: 'warn' } },
      );
      expect(asked.code, asked.stderr).toBe(0);
      return JSON.parse(asked.stdout) as { answer: string; citations: { articleId: string }[] };
    };
    try {
      await eventually(() => output().includes('Type a question'), 15_000);
      await mkdir(path.join(dropped, 'transport'));
      await writeFile(
        path.join(dropped, 'transport/tram-line.txt'),
        'Harwick tram line opens\n\nThe new Harwick tram line will run twelve trams every hour, the operator said.\n',
      );
      const written = Date.now();
      let answer = await askOther();
      while (!answer.answer.includes('twelve trams') && Date.now() - written < 2000)
        answer = await askOther();
      expect(answer.answer).toContain('twelve trams');
      expect(answer.citations[0]?.articleId).toBe('transport/tram-line');

      await rm(path.join(dropped, 'transport/tram-line.txt'));
      const deleted = Date.now();
      answer = await askOther();
      while (answer.answer.includes('twelve trams') && Date.now() - deleted < 2000)
        answer = await askOther();
      expect(answer.answer).not.toContain('twelve trams');
    } finally {
      child.kill();
      await rm(dropped, { recursive: true, force: true });
    }
  });

  it('answers from DATABASE_READ_URL, a replica, when one is set, and writes to the primary', async () => {
    // A second database of the same server stands in for a replica: only it holds articles.
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS primary_only');
    await admin.query('CREATE DATABASE primary_only');
    await admin.end();
    const primary = new URL(cluster.url);
    primary.pathname = '/primary_only';
    const replica = { DATABASE_URL: primary.toString(), DATABASE_READ_URL: cluster.url };
    const asked = await runCliProcess(
      ['ask', '--seeds', empty, 'How many new shops will the Beanline coffee chain open?'],
      { env: { ...replica, LOG_LEVEL: 'warn' } },
    );
    expect(asked.code, asked.stderr).toBe(0);
    expect(JSON.parse(asked.stdout).citations[0].articleId).toBe('business/coffee-chain-expands');
    const { greeting } = await scripted(['/quit'], { ...replica, SEEDS_DIR: empty });
    // The newsroom's 30, and what the tests before stored: the replica's count, not the primary's 0.
    expect(greeting).toMatch(/^newsdesk: 3\d articles in the database/);
    // The schema was brought up to date on the primary, which answers nothing.
    const alone = await runCliProcess(
      ['ask', '--seeds', empty, 'How many new shops will the Beanline coffee chain open?'],
      { env: { DATABASE_URL: primary.toString(), LOG_LEVEL: 'warn' } },
    );
    expect(JSON.parse(alone.stdout).found).toBe(false);
  });

  it('says in one line that the database cannot be reached and keeps trying, and stops at a wrong password', async () => {
    const away = new URL(cluster.url);
    away.port = '1';
    const waiting = startConsole({ SEEDS_DIR: empty, DATABASE_URL: away.toString() });
    let waitingErr = '';
    waiting.child.stderr.on('data', (chunk) => (waitingErr += chunk));
    await eventually(() => waitingErr.includes('\n'), 15_000);
    // Still trying a few seconds on, and still one line.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(waiting.child.exitCode).toBeNull();
    waiting.child.kill();
    expect(waitingErr.trim().split('\n')).toEqual([
      'DATABASE_URL: cannot reach the database at 127.0.0.1:1; is it running? Trying again until it answers.',
    ]);

    const wrong = new URL(cluster.url);
    wrong.password = 'not-the-password';
    const refused = startConsole({ SEEDS_DIR: empty, DATABASE_URL: wrong.toString() });
    let refusedErr = '';
    refused.child.stderr.on('data', (chunk) => (refusedErr += chunk));
    refused.child.stdin.end('');
    const code = await new Promise((resolve) => refused.child.on('close', resolve));
    expect(code).toBe(1);
    expect(refusedErr.trim().split('\n')).toEqual([
      "newsdesk can't start: DATABASE_URL: the database at 127.0.0.1:" +
        new URL(cluster.url).port +
        ' refused the user name or password.',
    ]);
    expect(refusedErr).not.toContain('not-the-password');
    expect(refusedErr).not.toContain(cluster.password);
  });
});
