/**
 * `npm run discord:deploy`: registers the slash commands with Discord. Guild-scoped when
 * DISCORD_GUILD_ID is set (instant, for development), else global (can take a while to appear
 * everywhere). A bulk PUT replaces the whole set, so removed commands disappear too.
 */
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { ConfigError, loadConfig, type DiscordConfig } from '../config.ts';
import { commands } from './commands/index.ts';

/** Where the commands were registered and how many. */
export interface DeployResult {
  scope: 'guild' | 'global';
  count: number;
}

/** Registers every command in `commands/index.ts`. */
export async function deployCommands(config: DiscordConfig, rest = new REST(config.apiUrl ? { api: config.apiUrl } : {})): Promise<DeployResult> {
  if (!config.applicationId) {
    throw new ConfigError(['DISCORD_APPLICATION_ID is missing (the Discord application id, from the Developer Portal > General Information): commands are registered for it']);
  }
  rest.setToken(config.token);
  const body = commands.map((c) => c.data);
  const route = config.guildId ? Routes.applicationGuildCommands(config.applicationId, config.guildId) : Routes.applicationCommands(config.applicationId);
  const registered = (await rest.put(route, { body })) as unknown[];
  return { scope: config.guildId ? 'guild' : 'global', count: registered.length };
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.discord) throw new ConfigError(['DISCORD_TOKEN is missing (the Discord bot token, from the Developer Portal > Bot)']);
  const { scope, count } = await deployCommands(config.discord);
  process.stdout.write(`Registered ${count} commands ${scope === 'guild' ? `in guild ${config.discord.guildId}` : 'globally (clients may take a few minutes to show changes)'}.\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`discord:deploy: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  });
}
