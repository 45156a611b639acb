/**
 * The Discord adapter: a discord.js Client with the three intents mentions, DMs and slash commands
 * need, wired to the answer core. `startDiscord` resolves once the bot is connected and has its
 * guilds; `stop()` stops taking work, lets what is in flight finish within the grace period, and
 * closes the gateway.
 */
import { Client, Events, GatewayIntentBits, Partials, Status, type RESTOptions } from 'discord.js';
import type { DiscordConfig } from '../config.ts';
import type { AdapterDeps, RunningAdapter } from '../deps.ts';
import type { Logger } from '../logger.ts';
import { Throttle } from '../observability/throttle.ts';
import { createConversationLayer } from '../shared/conversation.ts';
import type { CommandContext } from './commands/index.ts';
import { handleInteraction } from './handle-interaction.ts';
import { handleMessage, handleMessageUpdate } from './handle-message.ts';
import { NO_MENTIONS } from './render-message.ts';

/**
 * Guilds (slash commands, channels), GuildMessages (mentions), DirectMessages (DMs). Not the
 * privileged MessageContent: Discord still sends content for messages that mention the bot and DMs.
 */
export const DISCORD_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

/** How long to wait for the gateway's READY and the guilds before giving up at startup. */
const READY_TIMEOUT_MS = 30_000;

/** During an outage, at most one reconnect (or error) log line per this many ms. */
const OUTAGE_LOG_INTERVAL_MS = 60_000;

/** Tuning for tests and proxies; production uses discord.js's defaults. */
export interface DiscordStartOptions {
  /** Passed to discord.js's REST client, e.g. `{ retries: 1, timeout: 2_000 }`. */
  rest?: Partial<RESTOptions>;
  /** The least time between two reconnect or error log lines of one outage. Default 60 s. */
  outageLogIntervalMs?: number;
  /**
   * What to do when the gateway closes for good after startup (bad token, disallowed intents:
   * discord.js does not reconnect). Default: one line at fatal level and exit 1, so a supervisor
   * restarts the process. Tests pass their own.
   */
  onFatal?: (error: { code: number; message: string }) => void;
}

/** A started Discord adapter. */
export interface RunningDiscord extends RunningAdapter {
  /** Whether every gateway shard is connected and ready now. */
  connected(): boolean;
  /** Answers running or waiting for a slot. */
  queueDepth(): number;
}

function exitOnFatal(log: Logger): (error: { code: number; message: string }) => void {
  return (error) => {
    log.fatal({ code: error.code }, `${error.message}. Exiting with status 1.`);
    log.flush?.();
    process.exit(1);
  };
}

/** Logs in and starts answering. Throws, with what to fix, when Discord rejects the token. */
export async function startDiscord(config: DiscordConfig, deps: AdapterDeps, options: DiscordStartOptions = {}): Promise<RunningDiscord> {
  const log = deps.logger.child({ adapter: 'discord' });
  const client = new Client({
    intents: DISCORD_INTENTS,
    // DM channels are not cached before their first message; without this, DMs are dropped.
    partials: [Partials.Channel],
    // The default for every message the client sends; each payload also carries it.
    allowedMentions: NO_MENTIONS,
    // A question deleted before the answer lands still gets its answer, just without the link.
    failIfNotExists: false,
    rest: { ...(config.apiUrl ? { api: config.apiUrl } : {}), ...options.rest },
  });
  const layer = createConversationLayer({ ...deps, logger: log }, 'discord');
  const { work } = layer;
  const context: CommandContext = { ...deps, logger: log, layer };

  // The handlers answer their own failures; these catches are for bugs in that very code.
  const unexpected = (err: unknown) => log.error({ err }, 'discord handler failed unexpectedly');
  client.on(Events.MessageCreate, (message) => void handleMessage(message, context, layer).catch(unexpected));
  client.on(Events.MessageUpdate, (before, after) => void handleMessageUpdate(before, after, context, layer).catch(unexpected));
  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, context).catch(unexpected));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));

  // discord.js reconnects by itself, once per close, for as long as the gateway is away: the
  // first reconnect and the first error of an outage are logged, then one count per interval.
  const outageInterval = options.outageLogIntervalMs ?? OUTAGE_LOG_INTERVAL_MS;
  const reconnects = new Throttle({ intervalMs: outageInterval });
  const errors = new Throttle({ intervalMs: outageInterval });
  const { metrics } = deps;
  let ready = false;
  let stopping = false;
  const logError = (err: unknown, shard?: number) => {
    const d = errors.hit();
    if (d.log === 'first') log.error({ err, shard }, 'discord gateway error (further errors in this outage are counted)');
    else if (d.log === 'summary') log.error({ err, shard, errors: d.count }, 'discord gateway errors continue');
  };
  const back = (shard: number, how: string, extra: Record<string, unknown> = {}) => {
    const { total } = reconnects.settle();
    const { total: errorCount } = errors.settle();
    log.info({ shard, reconnects: total, errors: errorCount, ...extra }, how);
  };
  client.on(Events.Error, (err) => logError(err));
  client.on(Events.ShardError, (err, shard) => logError(err, shard));
  client.on(Events.ShardReconnecting, (shard) => {
    if (stopping) return;
    metrics?.reconnect('discord');
    const d = reconnects.hit();
    if (d.log === 'first') log.warn({ shard }, 'gateway connection lost; reconnecting (further attempts in this outage are counted)');
    else if (d.log === 'summary') log.warn({ shard, reconnects: d.count }, 'gateway still reconnecting');
  });
  client.on(Events.ShardResume, (shard, replayed) => back(shard, 'gateway session resumed', { replayed }));
  client.on(Events.ShardReady, (shard) => {
    if (reconnects.active || errors.active) back(shard, 'gateway ready again (new session)');
  });
  client.on(Events.ShardDisconnect, (event, shard) => {
    if (stopping) return;
    const message = `Discord closed the gateway for good (code ${event.code}, shard ${shard}) and discord.js will not reconnect: check DISCORD_TOKEN (Developer Portal > Bot > Reset Token) and the bot's intents`;
    if (!ready) return log.error({ code: event.code, shard }, message);
    (options.onFatal ?? exitOnFatal(log))({ code: event.code, message });
  });
  client.rest.on('rateLimited', (info) => {
    metrics?.rateLimited('discord');
    log.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'Discord rate limit: waiting');
  });
  // discord.js waits out a 429's Retry-After and retries a 5xx (bounded) by itself; this says so in the log.
  client.rest.on('response', (request, response) => {
    if (response.status >= 500 && request.retries < client.rest.options.retries) metrics?.retry('discord');
    // A refusal no retry changes (403, 404, or a 5xx on its last try) fails for good.
    else if (response.status >= 400 && response.status !== 429) metrics?.apiError('discord', `http_${response.status}`);
    if (response.status === 429 || response.status >= 500) {
      log.warn({ method: request.method, route: request.route, status: response.status, retryAfter: response.headers.get('retry-after'), attempt: request.retries + 1 }, 'Discord REST error; discord.js waits or retries');
    }
  });

  const readyEvent = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Discord did not become ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    client.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve();
    });
  });
  try {
    await client.login(config.token);
    await readyEvent;
  } catch (error) {
    await client.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not connect to Discord (${reason}). Check DISCORD_TOKEN (Developer Portal > Bot > Reset Token)${config.apiUrl ? ` and DISCORD_API_URL (${config.apiUrl})` : ''}.`);
  }
  ready = true;
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord ready');

  let stopped: Promise<void> | undefined;
  return {
    name: 'discord',
    connected: () => !stopping && client.ws.shards.size > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready),
    queueDepth: () => work.pending,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        // Until the gateway closes, a new mention still gets "restarting" (the layer's admission).
        const { abandoned } = await work.drain(deps.limits.shutdownGraceMs);
        if (abandoned) log.warn({ abandoned }, 'shutdown grace period over with work still in flight');
        await client.destroy();
        log.info('discord stopped');
      })();
      return stopped;
    },
  };
}
