import pino, { type Logger } from 'pino';

/**
 * The adapters' logger: one JSON line per event on stderr, so stdout stays free for answers
 * (the JSON CLI's contract) and logs can be collected by any tool. Tokens are redacted.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['token', '*.token', 'discordToken', '*.discordToken'],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
