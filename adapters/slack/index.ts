/**
 * Starts the Slack adapter: the real @slack/bolt App in Socket Mode (when an app token is set; no
 * public URL needed) or HTTP mode (signed requests on `/slack/events`, plus `GET /healthz` or the
 * routes given as `httpRoutes`), with the answer core passed in. In Socket Mode the connection
 * heals itself after an outage of any length (`socket-healing.ts`). `stop()` stops taking work,
 * lets in-flight answers finish within the grace period, and closes the connection.
 */
import { App, LogLevel, SocketModeReceiver, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SlackConfig } from '../config.ts';
import type { AdapterDeps, MetricsSink, RunningAdapter } from '../deps.ts';
import type { Logger } from '../logger.ts';
import type { ObservabilityRoute } from '../observability/http-server.ts';
import { registerListeners } from './listeners/index.ts';
import { countSlackFailures, toFailure } from './slack-calls.ts';
import { createRuntime, type BotIdentity } from './slack-runtime.ts';
import { describeFatal, fatalCode, healSocket, type BackoffPolicy, type FatalSocketError } from './socket-healing.ts';

/** Options the environment does not set: tests tighten them. */
export interface SlackStartOptions {
  /**
   * The WebClient's retry policy for failed calls (HTTP 5xx, network errors, 429 after its
   * Retry-After wait). Its own default retries for about 30 minutes, which would leave a user
   * waiting that long for an apology; ours is a few quick tries.
   */
  retryConfig?: webApi.RetryOptions;
  /** Milliseconds before one Web API request is abandoned (and retried). */
  requestTimeoutMs?: number;
  /** HTTP mode: the interface to listen on. Default: all interfaces. */
  host?: string;
  /** Socket Mode: how long to wait for a pong before the connection counts as lost. Default 5 s. */
  socketPingTimeoutMs?: number;
  /** Socket Mode: the backoff between reconnect attempts. Default 1 s doubling to 30 s. */
  reconnectBackoff?: Partial<BackoffPolicy>;
  /**
   * Socket Mode: what to do when Slack refuses the app token on a reconnect, which no retry can
   * fix. Default: log one line at fatal level and exit with status 1 so a supervisor restarts
   * the process. Tests pass their own.
   */
  onFatal?: (error: FatalSocketError) => void;
  /**
   * HTTP mode: routes served beside `/slack/events` on the same port (Bolt `customRoutes`), e.g.
   * `observabilityRoutes(...)`. Default: a bare `GET /healthz`.
   */
  httpRoutes?: ObservabilityRoute[];
}

/** A few quick retries: about 1 + 2 + 4 s, plus any wait Slack asks for with Retry-After. */
export const DEFAULT_RETRY_CONFIG: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 1_000, maxTimeout: 4_000, randomize: true };
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** How long `stop()` waits for Bolt to close its server or socket. */
const CLOSE_TIMEOUT_MS = 2_000;

/** A started Slack adapter. */
export interface RunningSlack extends RunningAdapter {
  readonly mode: 'socket' | 'http';
  /** HTTP mode: the port actually listened on (PORT=0 picks a free one). */
  readonly port?: number;
  readonly bot: BotIdentity;
  /** Whether Slack can reach the bot now: Socket Mode connected, or the HTTP server listening. */
  connected(): boolean;
  /** Answers running or waiting for a slot. */
  queueDepth(): number;
}

/** Thrown when Slack cannot be started; the message says what to fix. Never contains a token. */
export class SlackStartError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'SlackStartError';
  }
}

/** Bolt and its clients log through the process's pino logger (and so its secret redaction). */
function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ lib: 'bolt' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) => {
    const err = msg.find((m) => m instanceof Error);
    const text = msg.filter((m) => !(m instanceof Error)).map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
    child[level](err ? { err } : {}, text);
  };
  const levels: Record<string, LogLevel> = { trace: LogLevel.DEBUG, debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => undefined,
    getLevel: () => levels[logger.level] ?? LogLevel.ERROR,
    setName: () => undefined,
  };
}

/**
 * The retry policy with counting: p-retry (inside the WebClient) calls `onFailedAttempt` after
 * every failed try, the last included; after an HTTP 429 it has already waited Retry-After.
 */
function countedRetries(policy: webApi.RetryOptions, metrics: MetricsSink | undefined): webApi.RetryOptions {
  if (!metrics) return policy;
  const onFailedAttempt = (error: Error & { retriesLeft?: number }) => {
    if (/rate limit was exceeded/i.test(error.message)) metrics.rateLimited('slack');
    if ((error.retriesLeft ?? 0) > 0) metrics.retry('slack');
  };
  return { ...policy, onFailedAttempt } as webApi.RetryOptions;
}

/** Exits so a supervisor restarts the bot; the log line says why and what to fix. */
function exitOnFatal(logger: Logger): (error: FatalSocketError) => void {
  return (error) => {
    logger.fatal({ code: error.code }, `${error.message}. Exiting with status 1.`);
    logger.flush?.();
    process.exit(1);
  };
}

/** Asks Slack who the bot is; a bad token fails here, at startup, with a fix. */
async function whoAmI(config: SlackConfig, clientOptions: webApi.WebClientOptions): Promise<BotIdentity> {
  try {
    const me = await new webApi.WebClient(config.botToken, clientOptions).auth.test();
    return { userId: me.user_id ?? '', botId: me.bot_id ?? '', name: me.user ?? 'summit-bot' };
  } catch (err) {
    const { code } = toFailure(err);
    const hint = code === 'invalid_auth' || code === 'not_authed' || code === 'account_inactive' || code === 'token_revoked'
      ? 'SLACK_BOT_TOKEN was rejected: copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions, and reinstall the app if it was revoked'
      : `check SLACK_API_URL (${config.apiUrl ?? 'default'}) and the network`;
    throw new SlackStartError(code, `Slack auth.test failed (${code}): ${hint}.`);
  }
}

/** Starts Slack in Socket Mode or HTTP mode, per `config`. */
export async function startSlack(config: SlackConfig, deps: AdapterDeps, options: SlackStartOptions = {}): Promise<RunningSlack> {
  const logger = deps.logger.child({ adapter: 'slack' });
  const bolt = boltLogger(logger);
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: config.apiUrl,
    retryConfig: countedRetries(options.retryConfig ?? DEFAULT_RETRY_CONFIG, deps.metrics),
    timeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    logger: bolt,
  };
  const bot = await whoAmI(config, clientOptions);
  const mode = config.appToken ? 'socket' : 'http';
  // No conversation store: the bot keeps no per-conversation state in Bolt, and the default store
  // costs an error object per event.
  const common = { token: config.botToken, botId: bot.botId, botUserId: bot.userId, clientOptions, logger: bolt, convoStore: false as const };
  const receiver = mode === 'socket'
    ? new SocketModeReceiver({
      appToken: config.appToken!,
      logger: bolt,
      clientPingTimeout: options.socketPingTimeoutMs,
      // Its own reconnect gives up for good after a long outage (see socket-healing.ts); ours does not.
      autoReconnectEnabled: false,
      // The socket's own WebClient (apps.connections.open) must use the same API URL and retries.
      installerOptions: { clientOptions },
    })
    : undefined;
  const app = receiver
    ? new App({ ...common, receiver })
    : new App({
      ...common,
      signingSecret: config.signingSecret,
      customRoutes: options.httpRoutes ?? [{
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: true, mode }));
        },
      }],
    });

  const rt = createRuntime({ ...deps, logger }, bot);
  countSlackFailures(deps.metrics && ((code) => deps.metrics!.apiError('slack', code)));
  registerListeners(app, rt);
  app.error(async (error) => {
    // Listeners catch their own failures; this is the last resort, for a bug.
    logger.error({ err: error }, 'unhandled error in a Slack listener');
  });

  let started: unknown;
  try {
    started = mode === 'http'
      ? await app.start(options.host ? { port: config.port, host: options.host } : config.port)
      : await app.start();
  } catch (err) {
    const fatal = mode === 'socket' ? fatalCode(err) : undefined;
    if (fatal) throw new SlackStartError(fatal, `${describeFatal(fatal)}.`);
    throw err;
  }
  const address = mode === 'http' ? ((started as Server).address() as AddressInfo | null) : null;
  logger.info({ mode, port: address?.port, bot: bot.name }, 'Slack adapter started');
  const healer = receiver
    ? healSocket({
      client: receiver.client,
      logger,
      backoff: options.reconnectBackoff,
      onFatal: options.onFatal ?? exitOnFatal(logger),
      onAttempt: () => deps.metrics?.reconnect('slack'),
    })
    : undefined;

  let stopping: Promise<void> | undefined;
  return {
    name: 'slack',
    mode,
    port: address?.port,
    bot,
    connected: () => (healer ? healer.connected() : stopping === undefined),
    queueDepth: () => rt.layer.work.pending,
    stop() {
      stopping ??= (async () => {
        healer?.stop();
        rt.layer.work.close();
        const closed = Promise.race([
          app.stop().catch((err: unknown) => logger.warn({ err }, 'error while closing Slack connection')),
          new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref()),
        ]);
        const { abandoned } = await rt.layer.work.drain(deps.limits.shutdownGraceMs);
        await closed;
        logger.info({ abandoned }, 'Slack adapter stopped');
      })();
      return stopping;
    },
  };
}
