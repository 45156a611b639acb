/**
 * The one place that reads the environment. It is validated once, at startup, with zod; every
 * missing or malformed variable is named with what it is for. Secrets stay inside this object and
 * are never logged (see `describeConfig`).
 */
import { z } from 'zod';

export class ConfigError extends Error {
  readonly code = 'config';
  constructor(readonly problems: string[]) {
    super(`Configuration problem${problems.length > 1 ? 's' : ''}:\n- ${problems.join('\n- ')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());
const optionalUrl = z.preprocess(blankToUndefined, z.string().url().optional());
const intIn = (min: number, max: number, dflt: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(dflt));

const Env = z.object({
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  CORPUS_DIR: z.preprocess(blankToUndefined, z.string().default('corpus')),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default('data')),
  REDIS_URL: z.preprocess(blankToUndefined, z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional()),
  DATABASE_URL: z.preprocess(blankToUndefined, z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional()),
  QUESTION_LOG_RETENTION_DAYS: intIn(1, 3650, 30),
  USER_HASH_SALT: optionalString,

  SLACK_BOT_TOKEN: z.preprocess(blankToUndefined, z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional()),
  SLACK_APP_TOKEN: z.preprocess(blankToUndefined, z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: optionalUrl,
  PORT: intIn(0, 65535, 3000),

  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: z.preprocess(blankToUndefined, z.string().regex(/^\d{15,22}$/, 'must be the numeric application id').optional()),
  DISCORD_GUILD_ID: z.preprocess(blankToUndefined, z.string().regex(/^\d{15,22}$/, 'must be a numeric guild id').optional()),
  DISCORD_API_URL: optionalUrl,

  RATE_LIMIT_PER_MINUTE: intIn(1, 10_000, 20),
  RATE_LIMIT_BURST: intIn(1, 1_000, 5),
  MAX_CONCURRENT: intIn(1, 1_000, 16),
  PIN_COOLDOWN_SECONDS: intIn(0, 86_400, 30),
  SHUTDOWN_GRACE_MS: intIn(0, 120_000, 5_000),
});

export interface SlackConfig {
  botToken: string;
  /** Socket Mode when set. */
  appToken?: string;
  /** HTTP mode when there is no app token. */
  signingSecret?: string;
  port: number;
  apiUrl?: string;
}

export interface DiscordConfig {
  token: string;
  applicationId?: string;
  guildId?: string;
  /** REST base URL without the version segment, e.g. http://127.0.0.1:9999/api */
  apiUrl?: string;
}

export interface LimitsConfig {
  ratePerMinute: number;
  burst: number;
  maxConcurrent: number;
  pinCooldownSeconds: number;
  shutdownGraceMs: number;
}

/** Where state and records live. */
export interface StorageConfig {
  /** SQLite files (state, question log, feedback) go here; created if missing. */
  dataDir: string;
  /** Shared state (dedupe, threads, limits, pins) in Redis instead of SQLite: for replicas. */
  redisUrl?: string;
  /** Question log and feedback in PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  /** Days the question log keeps a question. */
  retentionDays: number;
  /**
   * The secret salt user ids are hashed with. Unset: a random salt is made once and kept in
   * `dataDir/user-hash-salt` (with replicas, set it so they agree).
   */
  userHashSalt?: string;
}

export interface Config {
  logLevel: string;
  corpusDir: string;
  /** The HTTP port: Slack events in HTTP mode, and /healthz, /readyz, /metrics in every mode. */
  port: number;
  storage: StorageConfig;
  slack?: SlackConfig;
  discord?: DiscordConfig;
  limits: LimitsConfig;
}

const PURPOSE: Record<string, string> = {
  SLACK_BOT_TOKEN: 'the Slack bot token (xoxb-...), from OAuth & Permissions',
  SLACK_APP_TOKEN: 'the Slack app-level token (xapp-...) for Socket Mode, from Basic Information > App-Level Tokens',
  SLACK_SIGNING_SECRET: 'the Slack signing secret that verifies HTTP requests, from Basic Information > App Credentials',
  SLACK_API_URL: 'the Slack Web API base URL, e.g. https://slack.com/api/',
  PORT: 'the HTTP port for Slack events (HTTP mode) and /healthz, /readyz, /metrics',
  REDIS_URL: 'a Redis URL, e.g. redis://127.0.0.1:6379, for state shared by replicas',
  DATABASE_URL: 'a PostgreSQL URL, e.g. postgres://127.0.0.1:5432/test, for the question log and feedback',
  DISCORD_TOKEN: 'the Discord bot token, from the Developer Portal > Bot',
  DISCORD_APPLICATION_ID: 'the Discord application id, from the Developer Portal > General Information',
  DISCORD_GUILD_ID: 'a guild id for guild-scoped command deployment during development',
  DISCORD_API_URL: 'the Discord REST base URL without the version, e.g. https://discord.com/api',
};

/** Loads `.env` (when there is one) into the environment, then validates it: what `npm start` and `npm run report` read. */
export function loadConfigFromEnvFile(path = '.env'): Config {
  try {
    process.loadEnvFile?.(path);
  } catch {
    // No .env file: the environment alone configures the bot.
  }
  return loadConfig();
}

/** Validates the environment once. Throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? '?');
      return `${name} ${i.message}${PURPOSE[name] ? ` (${PURPOSE[name]})` : ''}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const problems: string[] = [];
  let slack: SlackConfig | undefined;
  if (e.SLACK_BOT_TOKEN) {
    if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
      problems.push(
        `SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (${PURPOSE.SLACK_APP_TOKEN}) nor SLACK_SIGNING_SECRET (${PURPOSE.SLACK_SIGNING_SECRET}) is: set one to choose Socket Mode or HTTP mode`,
      );
    }
    slack = { botToken: e.SLACK_BOT_TOKEN, appToken: e.SLACK_APP_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, port: e.PORT, apiUrl: e.SLACK_API_URL };
  } else if (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET) {
    problems.push(`SLACK_BOT_TOKEN is missing (${PURPOSE.SLACK_BOT_TOKEN}): Slack settings are present without it`);
  }
  let discord: DiscordConfig | undefined;
  if (e.DISCORD_TOKEN) {
    discord = { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID, guildId: e.DISCORD_GUILD_ID, apiUrl: e.DISCORD_API_URL };
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    logLevel: e.LOG_LEVEL,
    corpusDir: e.CORPUS_DIR,
    port: e.PORT,
    storage: {
      dataDir: e.DATA_DIR,
      redisUrl: e.REDIS_URL,
      databaseUrl: e.DATABASE_URL,
      retentionDays: e.QUESTION_LOG_RETENTION_DAYS,
      userHashSalt: e.USER_HASH_SALT,
    },
    slack,
    discord,
    limits: {
      ratePerMinute: e.RATE_LIMIT_PER_MINUTE,
      burst: e.RATE_LIMIT_BURST,
      maxConcurrent: e.MAX_CONCURRENT,
      pinCooldownSeconds: e.PIN_COOLDOWN_SECONDS,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    },
  };
}

/** A log-safe view of the config: which platforms and modes, never a secret. */
export function describeConfig(c: Config): Record<string, unknown> {
  return {
    corpusDir: c.corpusDir,
    slack: c.slack ? { mode: c.slack.appToken ? 'socket' : 'http', port: c.slack.port, apiUrl: c.slack.apiUrl } : 'off',
    discord: c.discord ? { apiUrl: c.discord.apiUrl, guildScoped: Boolean(c.discord.guildId) } : 'off',
    port: c.port,
    storage: { dataDir: c.storage.dataDir, state: c.storage.redisUrl ? 'redis' : 'sqlite', records: c.storage.databaseUrl ? 'postgres' : 'sqlite', retentionDays: c.storage.retentionDays },
    limits: c.limits,
  };
}
