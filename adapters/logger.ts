/**
 * Structured logs (pino) for the whole process. Secrets are redacted by path, and the config
 * module never hands a token to a log call; a test greps the output for the token.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

const REDACT = [
  'token', 'botToken', 'appToken', 'signingSecret', 'clientSecret', 'authorization',
  '*.token', '*.botToken', '*.appToken', '*.signingSecret', '*.authorization',
  'headers.authorization', 'config.slack.botToken', 'config.discord.token',
];

/** Creates the process logger. `destination` lets tests capture output. */
export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    { level: options.level ?? 'info', redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'summit-bot' } },
    options.destination ?? pino.destination(2),
  );
}
