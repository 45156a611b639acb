/**
 * The Discord adapter: a discord.js Client with the three intents mentions, DMs and slash commands
 * need, wired to the answer core. `startDiscord` resolves once the bot is connected and has its
 * guilds; `stop()` stops taking work, lets what is in flight finish within the grace period, and
 * closes the gateway.
 */
import { Client, Events, GatewayIntentBits, Partials, type RESTOptions } from 'discord.js';
import type { DiscordConfig } from '../config.ts';
import type { AdapterDeps, RunningAdapter } from '../deps.ts';
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

/** Tuning for tests and proxies; production uses discord.js's defaults. */
export interface DiscordStartOptions {
  /** Passed to discord.js's REST client, e.g. `{ retries: 1, timeout: 2_000 }`. */
  rest?: Partial<RESTOptions>;
}

/** Logs in and starts answering. Throws, with what to fix, when Discord rejects the token. */
export async function startDiscord(config: DiscordConfig, deps: AdapterDeps, options: DiscordStartOptions = {}): Promise<RunningAdapter> {
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
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ code: event.code, shard }, 'gateway disconnected for good'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway session resumed'));
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'gateway reconnecting'));
  client.rest.on('rateLimited', (info) => log.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'Discord rate limit: waiting'));
  // discord.js waits out a 429's Retry-After and retries a 5xx (bounded) by itself; this says so in the log.
  client.rest.on('response', (request, response) => {
    if (response.status === 429 || response.status >= 500) {
      log.warn({ method: request.method, route: request.route, status: response.status, retryAfter: response.headers.get('retry-after'), attempt: request.retries + 1 }, 'Discord REST error; discord.js waits or retries');
    }
  });

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Discord did not become ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    client.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve();
    });
  });
  try {
    await client.login(config.token);
    await ready;
  } catch (error) {
    await client.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not connect to Discord (${reason}). Check DISCORD_TOKEN (Developer Portal > Bot > Reset Token)${config.apiUrl ? ` and DISCORD_API_URL (${config.apiUrl})` : ''}.`);
  }
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord ready');

  let stopped: Promise<void> | undefined;
  return {
    name: 'discord',
    stop() {
      stopped ??= (async () => {
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
