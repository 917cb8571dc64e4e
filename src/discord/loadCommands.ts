import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BotCommand } from './commandTypes.js';

/** The project's `commands/` folder: one module per slash command. */
export const COMMANDS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../commands',
);

/**
 * Collects the command modules in a folder, the discord.js guide's way: every `.ts`/`.js`
 * file that exports `data` and `execute` is a command, keyed by its name. A module without
 * them is a bug in the project, so it throws rather than being skipped quietly.
 */
export async function loadCommands(dir = COMMANDS_DIR): Promise<Map<string, BotCommand>> {
  const commands = new Map<string, BotCommand>();
  const files = (await readdir(dir))
    .filter((name) => /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts'))
    .sort();
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(dir, file)).href)) as Partial<BotCommand>;
    if (!module.data || typeof module.execute !== 'function') {
      throw new Error(`commands/${file} must export "data" and "execute"`);
    }
    commands.set(module.data.name, module as BotCommand);
  }
  return commands;
}
