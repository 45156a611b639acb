/**
 * Keeps a Socket Mode connection alive through an outage of any length.
 *
 * @slack/socket-mode's own reconnect (3.x, inside Bolt 5) gives up for good on the first
 * reconnect whose `apps.connections.open` fails with a network error or an HTTP status: it treats
 * those as unrecoverable, rethrows from `start()`, and its reconnect timer calls `start()` with no
 * rejection handler. The process then logs an unhandled rejection and stays up, deaf, until
 * someone restarts it. With the default retries that happens for any outage over about 12 s
 * (5 s before the reconnect, then about 7 s of WebClient retries).
 *
 * So the adapter turns the client's reconnect off (`autoReconnectEnabled: false`: it then only
 * emits `disconnected`) and this module reconnects instead: capped exponential backoff with
 * jitter (1 s, 2 s, 4 s … 30 s), every `start()` awaited, forever, unless Slack says the app
 * token is no good, which no retry can fix: then `onFatal` (by default: one clear log line and
 * exit 1, so a supervisor restarts the process and a human sees why).
 */
import type { Logger } from '../logger.ts';
import { Throttle } from '../observability/throttle.ts';
import { toFailure } from './slack-calls.ts';

/** The part of @slack/socket-mode's `SocketModeClient` this needs. */
export interface SocketClient {
  start(): Promise<unknown>;
  disconnect(): Promise<void>;
  on(event: 'connected' | 'disconnected', listener: () => void): unknown;
}

/** Capped exponential backoff between reconnect attempts. */
export interface BackoffPolicy {
  /** Wait before the first attempt. Default 1 s. */
  initialMs: number;
  /** The longest wait. Default 30 s. */
  maxMs: number;
  /** Growth per failed attempt. Default 2. */
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 30_000, factor: 2 };

/**
 * `apps.connections.open` errors no retry can fix: the app-level token is wrong, revoked, of the
 * wrong kind, or its app or workspace is gone.
 */
export const FATAL_SOCKET_ERRORS: ReadonlySet<string> = new Set([
  'invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired',
  'not_allowed_token_type', 'missing_scope', 'user_removed_from_team', 'team_disabled', 'app_deleted',
]);

/** Why reconnecting cannot succeed. */
export interface FatalSocketError {
  code: string;
  /** One line for a human: what happened and what to do. Never contains the token. */
  message: string;
}

/** Slack's error code when `err` is one that no retry can fix, else undefined. */
export function fatalCode(err: unknown): string | undefined {
  if (err === undefined) return undefined;
  const { code } = toFailure(err);
  return FATAL_SOCKET_ERRORS.has(code) ? code : undefined;
}

/** The one line that says the app token was refused, and how to fix it. */
export function describeFatal(code: string): string {
  return `Slack refused SLACK_APP_TOKEN for Socket Mode (apps.connections.open: ${code}): create an app-level token with the connections:write scope under Basic Information > App-Level Tokens, set SLACK_APP_TOKEN, and restart`;
}

/**
 * The wait before attempt `attempt` (1-based): `initialMs * factor^(attempt-1)`, capped at `maxMs`,
 * then jittered into its upper half so many bots cut off together do not return together.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt - 1));
  return Math.round(base / 2 + (base / 2) * random());
}

export interface SocketHealingOptions {
  client: SocketClient;
  logger: Logger;
  /** Called once, instead of reconnecting, when Slack refuses the app token. */
  onFatal: (error: FatalSocketError) => void;
  /** Called before each reconnect attempt (for `summit_platform_reconnects_total`). */
  onAttempt?: () => void;
  /** Called when the connection goes down or comes back. */
  onConnectionChange?: (up: boolean) => void;
  backoff?: Partial<BackoffPolicy>;
  /** During a long outage, at most one log line per this many ms. Default 60 s. */
  logIntervalMs?: number;
  /** For tests: jitter source. */
  random?: () => number;
}

/** A connection being kept alive. */
export interface SocketHealer {
  /** Whether the WebSocket is connected now (after Slack's `hello`). */
  connected(): boolean;
  /** Stops reconnecting (call before disconnecting on shutdown). */
  stop(): void;
}

/**
 * Starts watching `client`, which must already be connected (the first `start()` is the caller's:
 * a failure there is a startup error). From then on every `disconnected` leads to reconnect
 * attempts until one succeeds, `stop()` is called, or Slack refuses the token.
 */
export function healSocket(options: SocketHealingOptions): SocketHealer {
  const { client, logger } = options;
  const policy: BackoffPolicy = { ...DEFAULT_BACKOFF, ...options.backoff };
  const throttle = new Throttle({ intervalMs: options.logIntervalMs ?? 60_000 });
  let up = true;
  let stopped = false;
  let loop: Promise<void> | undefined;
  let sleeping: { timer: NodeJS.Timeout; wake: () => void } | undefined;

  const setUp = (value: boolean) => {
    if (up === value) return;
    up = value;
    options.onConnectionChange?.(value);
  };

  const sleep = (ms: number) => new Promise<void>((resolve) => {
    sleeping = { timer: setTimeout(resolve, ms), wake: resolve };
  }).finally(() => {
    sleeping = undefined;
  });

  async function reconnectUntilUp(): Promise<void> {
    const lostAt = Date.now();
    // Slack also closes connections on purpose (a `disconnect` message every few hours): info, not warn.
    logger.info('Slack Socket Mode connection closed; reconnecting with backoff');
    for (let attempt = 1; !stopped; attempt += 1) {
      let wait = backoffDelay(attempt, policy, options.random);
      await sleep(wait);
      if (stopped) return;
      options.onAttempt?.();
      try {
        await client.start();
        if (stopped) {
          // stop() came while this attempt was under way: close what it opened.
          await client.disconnect().catch(() => undefined);
          return;
        }
        const { total } = throttle.settle();
        logger.info({ attempts: attempt, failedAttempts: total, downSeconds: Math.round((Date.now() - lostAt) / 1000) }, 'Slack Socket Mode reconnected');
        return;
      } catch (err) {
        const fatal = fatalCode(err);
        if (fatal) {
          stopped = true;
          options.onFatal({ code: fatal, message: describeFatal(fatal) });
          return;
        }
        // Rejects with no reason when the WebSocket itself closed before Slack's hello.
        const failure = err === undefined ? { code: 'socket_closed' } : toFailure(err);
        if (failure.retryAfter) wait = Math.max(wait, failure.retryAfter * 1_000);
        const decision = throttle.hit();
        const downSeconds = Math.round((Date.now() - lostAt) / 1000);
        if (decision.log === 'first') {
          logger.warn({ code: failure.code, attempt }, 'Slack Socket Mode reconnect failed; retrying with backoff (further failures summarised)');
        } else if (decision.log === 'summary') {
          logger.warn({ failedAttempts: decision.count, attempt, downSeconds, lastCode: failure.code }, 'Slack Socket Mode still disconnected; retrying');
        }
      }
    }
  }

  function reconnect(): void {
    if (loop || stopped) return;
    loop = reconnectUntilUp()
      .catch((err: unknown) => logger.error({ err }, 'Socket Mode reconnect loop failed unexpectedly'))
      .finally(() => {
        loop = undefined;
        // The connection may have dropped again between the successful start() and here.
        if (!stopped && !up) reconnect();
      });
  }

  client.on('connected', () => setUp(true));
  client.on('disconnected', () => {
    setUp(false);
    reconnect();
  });

  return {
    connected: () => up && !stopped,
    stop() {
      stopped = true;
      if (sleeping) {
        clearTimeout(sleeping.timer);
        sleeping.wake();
      }
    },
  };
}
