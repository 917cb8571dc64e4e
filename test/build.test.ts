import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newsroomDir, projectRoot } from './helpers.js';

/** Runs a command in the project folder; resolves with its exit code and output. */
function run(command: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run build', () => {
  let outDir: string;
  let cacheDir: string;
  beforeAll(async () => {
    // Inside the project, so the compiled code finds node_modules and package.json as dist/ does.
    await mkdir(path.join(projectRoot, '.test-build'), { recursive: true });
    outDir = await mkdtemp(path.join(projectRoot, '.test-build/build-'));
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-build-cache-'));
    // What `npm run build` runs, into a folder of the test's own.
    const tsc = path.join(projectRoot, 'node_modules/typescript/bin/tsc');
    const compiled = await run(process.execPath, [
      tsc,
      '-p',
      'tsconfig.build.json',
      '--outDir',
      outDir,
    ]);
    expect(compiled.stdout + compiled.stderr).toBe('');
    const forms = await run(process.execPath, [path.join(outDir, 'src/build/writeWordForms.js')]);
    expect(forms.code).toBe(0);
    const vectors = await run(process.execPath, [
      path.join(outDir, 'src/build/writeWordVectors.js'),
    ]);
    expect(vectors.code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('compiles the core, the adapters and every slash command, with WordNet’s forms and the word vectors beside them', () => {
    for (const file of [
      'src/main.js',
      'src/cli/main.js',
      'src/discord/deployCommands.js',
      'commands/ask.js',
      'commands/summary.js',
      'wordnet-forms.json',
      'word-vectors.bin',
    ])
      expect(existsSync(path.join(outDir, file)), file).toBe(true);
  });

  it('answers from the compiled CLI exactly as from the TypeScript sources', async () => {
    const question = ['ask', '--seeds', newsroomDir, 'Who won the Harbour Open?'];
    const env = { CACHE_DIR: cacheDir };
    const compiled = await run(
      process.execPath,
      [path.join(outDir, 'src/cli/main.js'), ...question],
      env,
    );
    const sources = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', '--no-cache', ...question],
      env,
    );
    expect(compiled.code).toBe(0);
    const answer = JSON.parse(compiled.stdout);
    expect(answer.citations[0].articleId).toBe('sport/tennis-open-title');
    expect(answer).toEqual(JSON.parse(sources.stdout));
  });

  it('loads the compiled slash commands', async () => {
    const listed = await run(process.execPath, [
      '--input-type=module',
      '-e',
      `const { loadCommands } = await import(${JSON.stringify(path.join(outDir, 'src/discord/loadCommands.js'))});
       console.log([...(await loadCommands()).keys()].join(' '));`,
    ]);
    expect(listed.stdout.trim()).toBe(
      'add alert alerts articles ask briefing feeds follow following help related remove source stats summary unalert unfollow',
    );
  });
});
