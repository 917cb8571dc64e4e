import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type REST, Routes } from 'discord.js';
import type { BotCommand } from './commandTypes';

/** Where and how to register the slash commands. */
export interface RegisterOptions {
  rest: REST;
  applicationId: string;
  /** Register in one server only (instant), instead of everywhere (can take up to an hour). */
  guildId?: string;
  /** Remembers what was registered last, so an unchanged set is not sent again. */
  cacheDir: string;
  /** Register even when nothing changed. */
  force?: boolean;
}

/**
 * Registers the commands' definitions with Discord, unless the same definitions were already
 * registered for the same application and place (a fingerprint is kept in the cache folder).
 * Returns whether anything was sent.
 */
export async function registerCommands(
  commands: Iterable<BotCommand>,
  options: RegisterOptions,
): Promise<{ registered: boolean; count: number }> {
  const body = [...commands].map((command) => command.data.toJSON());
  const place = options.guildId ?? 'global';
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ body, app: options.applicationId, place }))
    .digest('hex');
  const file = path.join(options.cacheDir, `commands-${options.applicationId}-${place}.sha256`);
  if (!options.force) {
    const previous = await readFile(file, 'utf8').catch(() => '');
    if (previous.trim() === fingerprint) return { registered: false, count: body.length };
  }
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  await options.rest.put(route, { body });
  await mkdir(options.cacheDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, fingerprint);
  await rename(temporary, file);
  return { registered: true, count: body.length };
}
