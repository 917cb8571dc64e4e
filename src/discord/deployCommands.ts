import { REST, Routes } from 'discord.js';
import { loadConfig } from '../config';
import { loadCommands } from './loadCommands';
import { registerCommands } from './registerCommands';

/**
 * `npm run deploy-commands`: registers the slash commands without starting the bot (always
 * sends them, even when unchanged). Needs DISCORD_TOKEN; reads the application id from
 * DISCORD_CLIENT_ID or asks Discord for it.
 */
async function deploy(): Promise<number> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    process.stderr.write(`Configuration problem: ${loaded.problems.join('; ')}\n`);
    return 1;
  }
  const { config } = loaded;
  if (!config.discordToken) {
    process.stderr.write(
      'Set DISCORD_TOKEN (in the environment or .env) to register the commands.\n',
    );
    return 1;
  }
  const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {}).setToken(
    config.discordToken,
  );
  try {
    const applicationId =
      config.discordClientId ??
      ((await rest.get(Routes.currentApplication())) as { id: string }).id;
    const commands = await loadCommands();
    const result = await registerCommands(commands.values(), {
      rest,
      applicationId,
      ...(config.discordGuildId ? { guildId: config.discordGuildId } : {}),
      cacheDir: config.cacheDir,
      force: true,
    });
    const place = config.discordGuildId
      ? `server ${config.discordGuildId}`
      : 'all servers (may take up to an hour to appear)';
    process.stdout.write(`Registered ${result.count} commands for ${place}.\n`);
    return 0;
  } catch (error) {
    const status = (error as { status?: number }).status;
    process.stderr.write(
      status === 401
        ? 'Discord refused DISCORD_TOKEN.\n'
        : `Could not register the commands${status ? ` (Discord answered ${status})` : ''}.\n`,
    );
    return 1;
  }
}

process.exitCode = await deploy();
