import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { runCliProcess } from '../cli/runCliProcess.js';
import { projectRoot } from '../helpers.js';

/** The first server's own article in the database tests: the shared ones and this one. */
export const HARBOUR_BRIDGE = {
  'servers/2001/harbour-bridge.txt':
    'Harbour bridge reopens\n\nThe Ellsmouth harbour bridge reopened on Monday. About 40,000 vehicles cross it every day.\n',
};

/**
 * A temporary copy of the newsroom fixtures, with `extra` files (relative path → text) written
 * beside them: a server's own articles under `servers/<id>/`.
 */
export async function newsroomFolder(
  prefix: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), prefix));
  await cp(path.join(projectRoot, 'test/fixtures/newsroom'), folder, { recursive: true });
  for (const [relative, text] of Object.entries(extra)) {
    await mkdir(path.dirname(path.join(folder, relative)), { recursive: true });
    await writeFile(path.join(folder, relative), text);
  }
  return folder;
}

/** Loads a folder into the database as an operator does, with `cli import`. */
export async function importFolder(folder: string, databaseUrl: string): Promise<void> {
  const imported = await runCliProcess(['import', '--seeds', folder], {
    env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
  });
  expect(imported.code, imported.stderr).toBe(0);
}

/** An article no newsroom fixture has: another host stores it while a process runs. */
export const HARBOUR_FERRIES = {
  'business/harbour-ferries.txt':
    'Harbour company orders ferries\n\nThe Ellsmouth harbour company will buy four electric ferries, its chairman said on Tuesday.\n',
};

/** Stores these files (relative path → text) as another host does: `cli import` of its own folder. */
export async function importFromAnotherHost(
  files: Record<string, string>,
  databaseUrl: string,
): Promise<void> {
  const other = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-other-host-'));
  try {
    for (const [relative, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(other, relative)), { recursive: true });
      await writeFile(path.join(other, relative), text);
    }
    await importFolder(other, databaseUrl);
  } finally {
    await rm(other, { recursive: true, force: true });
  }
}
