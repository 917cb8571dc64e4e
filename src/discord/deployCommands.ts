import { REST, Routes } from 'discord.js';
import { loadConfig } from '../config.js';
import { loadCommands } from './loadCommands.js';
import { registerCommands } from './registerCommands.js';

/**
 * `npm run deploy-commands [-- --force]`: registers the slash commands without starting the
 * bot, when Discord's registered ones differ from ours (`--force`: in any case). Needs
 * DISCORD_TOKEN; reads the application id from DISCORD_CLIENT_ID or asks Discord for it.
 */
async function deploy(argv: string[]): Promise<number> {
  const unknown = argv.filter((arg) => arg !== '--force');
  if (unknown.length > 0) {
    process.stderr.write(`Unknown option "${unknown[0]}". Usage: deploy-commands [--force]\n`);
    return 2;
  }
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
      force: argv.includes('--force'),
      onCheckFailed: () =>
        process.stderr.write('Could not read the registered commands; sending them anyway.\n'),
    });
    const place = config.discordGuildId
      ? `server ${config.discordGuildId}`
      : 'all servers (may take up to an hour to appear)';
    process.stdout.write(
      result.registered
        ? `Registered ${result.count} commands for ${place}.\n`
        : `The ${result.count} commands are already registered for ${place}; nothing sent (--force sends them anyway).\n`,
    );
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

process.exitCode = await deploy(process.argv.slice(2));
