import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/createLogger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  const token = 'MTA5.secret-token.value';

  it('writes one JSON line per event at the chosen level', () => {
    const { lines, destination } = capture();
    const logger = createLogger('warn', { destination, pretty: false });
    logger.info('hidden');
    logger.warn({ what: '/ask' }, 'shown');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 40, what: '/ask', msg: 'shown' });
  });

  it('never writes a secret, wherever it hides: message, fields, errors, headers', () => {
    const { lines, destination } = capture();
    const logger = createLogger('debug', { destination, pretty: false, secrets: [token] });
    logger.info(`token is ${token}`);
    logger.info(
      { token, nested: { discordToken: token }, headers: { authorization: `Bot ${token}` } },
      'fields',
    );
    logger.error({ err: new Error(`login failed with ${token}`) }, 'error');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).not.toContain(token);
    expect(lines.join('')).toContain('[redacted]');
  });
});
