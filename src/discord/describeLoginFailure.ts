/** A one-line, human reason why the bot could not log in to Discord; never includes the token. */
export function describeLoginFailure(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'TokenInvalid')
    return 'Discord refused DISCORD_TOKEN. Copy the token again from the Developer Portal (Bot > Reset Token).';
  if (code === 'DisallowedIntents')
    return 'Discord refused the requested intents. newsdesk needs only the Guilds, Guild Messages and Direct Messages intents, none privileged; check the application settings.';
  return 'Could not connect to Discord. Check the network and DISCORD_TOKEN, then try again.';
}
