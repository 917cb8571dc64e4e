import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBuildStale, isThisBuildStale } from '../src/isBuildStale.js';

describe('isBuildStale', () => {
  let dir: string;
  const at = (file: string, seconds: number) => utimes(file, seconds, seconds);
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-stale-'));
    await mkdir(path.join(dir, 'src/answer'), { recursive: true });
    await writeFile(path.join(dir, 'built.js'), '');
    await writeFile(path.join(dir, 'src/answer/ask.ts'), '');
    await writeFile(path.join(dir, 'src/notes.md'), '');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('says so when a TypeScript source is newer than the build', async () => {
    await at(path.join(dir, 'built.js'), 1_000);
    await at(path.join(dir, 'src/answer/ask.ts'), 2_000);
    expect(isBuildStale([path.join(dir, 'src')], path.join(dir, 'built.js'))).toBe(true);
  });

  it('stays quiet when the build is newer, for other files, and without sources or build', async () => {
    await at(path.join(dir, 'built.js'), 3_000);
    await at(path.join(dir, 'src/notes.md'), 4_000);
    expect(isBuildStale([path.join(dir, 'src')], path.join(dir, 'built.js'))).toBe(false);
    expect(isBuildStale([path.join(dir, 'nowhere')], path.join(dir, 'built.js'))).toBe(false);
    expect(isBuildStale([path.join(dir, 'src')], path.join(dir, 'missing.js'))).toBe(false);
  });

  it('never calls the TypeScript sources themselves stale', () => {
    expect(isThisBuildStale()).toBe(false);
  });
});
