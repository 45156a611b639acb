/**
 * `npm run discord:invite`: prints the OAuth2 URL that adds the bot to a server, with the scopes
 * `bot applications.commands` and exactly the permissions the bot uses, nothing more.
 */
import { pathToFileURL } from 'node:url';
import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { loadConfig } from '../config.ts';

/** Why each permission is asked for. */
export const BOT_PERMISSIONS = {
  /** See the channels it is mentioned in. */
  ViewChannel: PermissionFlagsBits.ViewChannel,
  /** Answer mentions. */
  SendMessages: PermissionFlagsBits.SendMessages,
  /** Answer mentions inside threads. */
  SendMessagesInThreads: PermissionFlagsBits.SendMessagesInThreads,
  /** Answers are embeds. */
  EmbedLinks: PermissionFlagsBits.EmbedLinks,
  /** Replies reference the question; /pin-summary lists the channel's pins. */
  ReadMessageHistory: PermissionFlagsBits.ReadMessageHistory,
  /** /pin-summary pins and unpins its summaries. */
  PinMessages: PermissionFlagsBits.PinMessages,
} as const;

export const INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands];

/** The invite URL for `applicationId`. */
export function inviteUrl(applicationId: string): string {
  const permissions = new PermissionsBitField(Object.values(BOT_PERMISSIONS)).bitfield;
  const params = new URLSearchParams({ client_id: applicationId, scope: INVITE_SCOPES.join(' '), permissions: permissions.toString() });
  return `https://discord.com/oauth2/authorize?${params}`;
}

function main(): void {
  const applicationId = process.argv[2] ?? loadConfig().discord?.applicationId;
  if (!applicationId || !/^\d{15,22}$/.test(applicationId)) {
    process.stderr.write('discord:invite: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (Developer Portal > General Information), or pass the application id: npm run discord:invite -- <application id>\n');
    process.exit(2);
  }
  process.stdout.write(`${inviteUrl(applicationId)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
