/**
 * Questions in chat: a message that mentions the bot, or replies to one of its messages, is
 * answered as a reply; a DM is answered in the DM. Bots, the bot itself included, are ignored.
 *
 * Without the privileged Message Content intent Discord still delivers the content of messages
 * that mention the bot and of DMs, which is all this needs. A reply that turned its @ping off
 * arrives empty: the bot says so rather than guessing.
 */
import type { Message } from 'discord.js';
import type { AdapterDeps } from '../deps.ts';
import type { WorkGuards } from './commands/index.ts';
import { ERROR_TEXT, renderAnswer, renderNotice, slowDownText } from './render-message.ts';

const EMPTY_REPLY_TEXT = 'I could not read that reply: Discord only shows me replies that keep the @mention on. Mention me, or turn the ping back on, and ask again.';

/** Removes `<@id>` and `<@!id>` mentions of the bot from the question. */
export function stripBotMention(content: string, botUserId: string): string {
  return content.replace(new RegExp(`<@!?${botUserId}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
}

/** True when the bot should answer `message`. */
export function isAddressedToBot(message: Message, botUserId: string): boolean {
  if (message.author.bot || message.webhookId || message.system) return false;
  if (!message.inGuild()) return true;
  return message.mentions.users.has(botUserId) || message.mentions.repliedUser?.id === botUserId;
}

/** Handles one message to the end; never throws. */
export async function handleMessage(message: Message, deps: AdapterDeps, guards: WorkGuards): Promise<void> {
  const botUserId = message.client.user.id;
  if (!isAddressedToBot(message, botUserId) || !guards.work.accepting) return;
  const log = deps.logger.child({ message: message.id, channel: message.channelId });
  const decision = guards.rateLimiter.take(message.author.id);
  if (!decision.allowed) {
    if (decision.notify) {
      await message.reply(renderNotice(slowDownText(decision.retryAfterSeconds)))
        .catch((err: unknown) => log.warn({ err }, 'could not send the rate-limit notice'));
    }
    return;
  }
  try {
    await guards.work.run(async () => {
      const question = stripBotMention(message.content, botUserId);
      if (!question && message.inGuild() && !message.mentions.users.has(botUserId)) {
        await message.reply(renderNotice(EMPTY_REPLY_TEXT));
        return;
      }
      await message.reply(renderAnswer(await deps.answerer.ask(question), deps.answerer.document));
    });
  } catch (error) {
    log.error({ err: error }, 'message handler failed');
    await message.reply(renderNotice(ERROR_TEXT)).catch((err: unknown) => log.error({ err }, 'could not send the error reply'));
  }
}
