import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers.js';
import { startLoopbackSite, webFixture } from '../ingest/loopbackSite.js';

/** Runs `npm start`'s entry point in a child process with scripted input, as a person would. */
function runConsole(input: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const { DISCORD_TOKEN: _token, ...parentEnv } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: projectRoot,
      env: { ...parentEnv, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

describe('terminal console', () => {
  it('answers scripted commands on the bundled seeds and quits cleanly', async () => {
    const { code, stdout } = await runConsole(
      [
        'How many ballistic missiles were launched?',
        '/ask Where are the talks being held?',
        '/ask Who won the 2004 World Series?',
        '/summary',
        '/source ukraine-russia-talks-abu-dhabi',
        '/source nothing-like-this',
        '/articles',
        '/help',
        '/dance',
        '/quit',
        'this line is never read',
      ].join('\n'),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^newsdesk: 1 article loaded from seeds\. .*set DISCORD_TOKEN to connect to Discord/,
    );
    expect(stdout).toMatch(
      /71 ballistic missiles alongside 450 drones.*\[1\]\n\n\[1\] Second Round of Ukraine-Russia Talks Begin Amidst Escalating Strikes — paragraph 5/,
    );
    expect(stdout).toMatch(/The talks in Abu Dhabi/);
    expect(stdout).toMatch(/I couldn't find an answer to that in the article I have/);
    expect(stdout).toMatch(/^Diplomatic efforts continue as Ukrainian and Russian officials/m);
    expect(stdout).toMatch(
      /\(ukraine-russia-talks-abu-dhabi\)\n\nSecond Round of Ukraine-Russia Talks Begin/,
    );
    expect(stdout).toMatch(/I have no article called "nothing-like-this"/);
    expect(stdout).toMatch(/^ukraine-russia-talks-abu-dhabi {2}Second Round/m);
    expect(stdout).toMatch(/I know 1 article\. Commands:/);
    expect(stdout).toMatch(/I don't know \/dance\. Type \/help/);
    expect(stdout).not.toContain('never read');
  });

  it('adds a web page with /add and says why when it cannot', async () => {
    const site = await startLoopbackSite({
      '/coastline/ferry-timetable': { body: webFixture('ferry-timetable.html').toString('utf8') },
    });
    const work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-console-add-'));
    try {
      await cp(path.join(projectRoot, 'seeds'), path.join(work, 'articles'), { recursive: true });
      const page = `${site.base}/coastline/ferry-timetable`;
      const { code, stdout } = await runConsole(
        [`/add ${page}`, `/add ${page}`, `/add ${site.base}/trouble/404`, '/add', '/quit'].join(
          '\n',
        ),
        {
          SEEDS_DIR: path.join(work, 'articles'),
          CACHE_DIR: path.join(work, 'cache'),
          ALLOW_PRIVATE_URLS: 'true',
        },
      );
      expect(code).toBe(0);
      expect(stdout).toMatch(
        /Added "Ferry timetable cut as crew shortage bites" as web\/127\.0\.0\.1\/2025-02-18-ferry-timetable-cut-as-crew-shortage-bites-[0-9a-f]{6}\. Ask about it in a few seconds\./,
      );
      expect(stdout).toContain('Already have "Ferry timetable cut as crew shortage bites"');
      expect(stdout).toContain('Could not add that page: the page was not found (404).');
      expect(stdout).toContain('Give the address of a web page: /add https://…');
      expect(await readdir(path.join(work, 'articles/web/127.0.0.1'))).toHaveLength(1);
    } finally {
      await site.close();
      await rm(work, { recursive: true, force: true });
    }
  });

  it('reports skipped files by name and keeps going', async () => {
    const { code, stdout, stderr } = await runConsole('/articles\n', {
      SEEDS_DIR: 'test/fixtures/articles',
    });
    expect(code).toBe(0);
    expect(stderr).toContain('Skipped binary.txt: it looks like a binary file, not text.');
    expect(stderr).toContain('Skipped empty.txt: the file is empty.');
    expect(stderr).toContain('Note on latin1.txt: it is not UTF-8; read it as Windows-1252.');
    expect(stdout).toMatch(/^newsdesk: 6 articles loaded/);
    expect(stdout).toContain('nested/deeper/rail-strike  Rail strike called off');
  });

  it('explains a missing articles folder and a bad setting in one line each', async () => {
    const missing = await runConsole('', { SEEDS_DIR: 'no-such-folder' });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('The articles folder "no-such-folder" does not exist.');
    const bad = await runConsole('', { LOG_LEVEL: 'chatty' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/LOG_LEVEL must be one of/);
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('with a token it connects to Discord instead, and a failed connection is one line without the token', async () => {
    const { code, stderr, stdout } = await runConsole('', {
      DISCORD_TOKEN: 'secret-token-value',
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      LOG_LEVEL: 'silent',
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'Could not connect to Discord. Check the network and DISCORD_TOKEN, then try again.',
    );
    expect(stderr + stdout).not.toContain('secret-token-value');
  });
});
