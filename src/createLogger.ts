import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** Values that must never be written, such as the bot token; replaced wherever they appear. */
  secrets?: readonly string[];
  /** Where to write; stderr by default, so stdout stays free for answers. */
  destination?: Writable;
  /** Human-readable lines instead of JSON; by default when stderr is a terminal. */
  pretty?: boolean;
}

/**
 * The adapters' logger: one JSON line per event on stderr (human-readable on a terminal),
 * at the given level. Every line is scrubbed of the given secrets, so a token can never reach
 * a log, whatever object or error carries it.
 */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 8);
  const destination =
    options.destination ??
    ((options.pretty ?? Boolean(process.stderr.isTTY))
      ? loadPretty()({ destination: 2, sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss' })
      : pino.destination({ fd: 2, sync: true }));
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          'token',
          '*.token',
          'discordToken',
          '*.discordToken',
          'headers.authorization',
          '*.headers.authorization',
        ],
        censor: '[redacted]',
      },
      hooks: {
        streamWrite: (line) =>
          secrets.reduce((text, secret) => text.replaceAll(secret, '[redacted]'), line),
      },
    },
    destination,
  );
}

/** pino-pretty costs a tenth of a second to load; only a terminal reader needs it. */
function loadPretty(): typeof PinoPretty {
  return createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
}
