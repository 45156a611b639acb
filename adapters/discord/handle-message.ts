/**
 * Questions in chat: a message that mentions the bot is answered as a reply; a reply to one of
 * the bot's answers continues that conversation and is answered when it is for the bot (a
 * question, a follow-up; not "thanks" or a remark to someone else: `shared/manners.ts`); a DM is
 * always answered, in the DM's one conversation. Bots, the bot itself included, are ignored.
 * An edited question (MESSAGE_UPDATE) updates the bot's answer in place; an edit of a message
 * it never answered is taken as a new message, under the same manners.
 *
 * Without the privileged Message Content intent Discord still delivers the content of messages
 * that mention the bot and of DMs, which is all this needs. A reply that turned its @ping off
 * arrives empty: the bot says so rather than guessing.
 */
import type { Message, PartialMessage } from 'discord.js';
import type { ConversationLayer } from '../shared/conversation.ts';
import { TEXTS } from '../shared/texts.ts';
import type { AdapterDeps } from '../deps.ts';
import { renderAnswer, renderNotice } from './render-message.ts';

/** Removes `<@id>` and `<@!id>` mentions of the bot from the question. */
export function stripBotMention(content: string, botUserId: string): string {
  return content.replace(new RegExp(`<@!?${botUserId}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
}

/** Where a message belongs and whether it is for the bot. */
interface Placed {
  /** The layer's conversation key. */
  conversation: string;
  question: string;
  forBot: boolean;
}

/** Reads a person's message into its conversation, or undefined when it is none of the bot's business. */
async function place(message: Message, botUserId: string, layer: ConversationLayer): Promise<Placed | undefined> {
  if (message.author.bot || message.webhookId || message.system) return undefined;
  const question = stripBotMention(message.content, botUserId);
  const mentionsBot = new RegExp(`<@!?${botUserId}>`).test(message.content);
  if (!message.inGuild()) return { conversation: `dm:${message.channelId}`, question, forBot: true };
  const repliedTo = message.mentions.repliedUser?.id === botUserId ? message.reference?.messageId : undefined;
  const chain = repliedTo ? await layer.conversationOfReply(`${message.channelId}:${repliedTo}`) : undefined;
  if (!mentionsBot && !repliedTo) return undefined;
  // A reply whose ping was turned off arrives without content: still for the bot (it says so).
  if (!question && repliedTo) return { conversation: chain ?? `${message.channelId}:${message.id}`, question, forBot: true };
  const mentionsOthers = /<@[!&]?\d+>|@everyone|@here/.test(question);
  const forBot = layer.isForBot({ text: question, isDm: false, mentionsBot, mentionsOthers });
  return { conversation: chain ?? `${message.channelId}:${message.id}`, question, forBot };
}

/** Handles one new message to the end; never throws. */
export async function handleMessage(message: Message, deps: AdapterDeps, layer: ConversationLayer): Promise<void> {
  const botUserId = message.client.user.id;
  const placed = await place(message, botUserId, layer);
  if (!placed?.forBot) return;
  if (!(await layer.firstDelivery(`${message.channelId}:${message.id}`))) return;
  const log = deps.logger.child({ message: message.id, channel: message.channelId });
  const admission = await layer.admit(message.author.id);
  if (!admission.ok) {
    if (!admission.quiet) await message.reply(renderNotice(admission.notice)).catch((err: unknown) => log.warn({ err }, 'could not send the notice'));
    return;
  }
  try {
    await layer.work.run(async () => {
      if (!placed.question) {
        await message.reply(renderNotice(TEXTS.emptyReply));
        return;
      }
      const where = { conversation: placed.conversation, user: message.author.id, channel: message.channelId, message: `${message.channelId}:${message.id}` };
      const { answer, answerId } = await layer.ask(placed.question, where);
      const reply = await message.reply(renderAnswer(answer, deps.answerer.document, { answerId }));
      await layer.replied(answerId, `${message.channelId}:${reply.id}`);
    });
  } catch (error) {
    log.error({ err: error }, 'message handler failed');
    await message.reply(renderNotice(TEXTS.apology)).catch((err: unknown) => log.error({ err }, 'could not send the error reply'));
  }
}

/** Handles an edited message: its answer updated in place, or (never answered) taken as new. Never throws. */
export async function handleMessageUpdate(before: Message | PartialMessage, after: Message | PartialMessage, deps: AdapterDeps, layer: ConversationLayer): Promise<void> {
  const log = deps.logger.child({ message: after.id, channel: after.channelId });
  try {
    const message = after.partial ? await after.fetch() : after;
    // Discord also sends an update when a link's preview loads: only a changed text is an edit.
    if (!before.partial && before.content === message.content) return;
    const ref = `${message.channelId}:${message.id}`;
    if (!(await layer.answered(ref))) {
      await handleMessage(message, deps, layer);
      return;
    }
    const placed = await place(message, message.client.user.id, layer);
    if (!placed?.question) return;
    if (!(await layer.firstDelivery(`${ref}:edit:${message.editedTimestamp ?? ''}`))) return;
    if (!(await layer.admit(message.author.id)).ok) return;
    await layer.work.run(async () => {
      const updated = await layer.reanswer(ref, placed.question, { conversation: placed.conversation, user: message.author.id, channel: message.channelId, message: ref });
      if (!updated) return;
      const replyId = updated.reply.slice(updated.reply.indexOf(':') + 1);
      const reply = await message.channel.messages.fetch(replyId);
      await reply.edit(renderAnswer(updated.answer, deps.answerer.document, { answerId: updated.answerId }));
    });
  } catch (error) {
    log.warn({ err: error }, 'could not update the answer to an edited message');
  }
}
