/**
 * Questions asked in conversation: a mention in a channel (answered in a thread under it), a
 * direct message (answered in the DM), and a message in a thread the bot has answered in
 * (answered without a new mention when it is for the bot: see `shared/manners.ts`). Each thread
 * or DM is one conversation, so follow-ups ("why?", "and Putin?") are read in context.
 *
 * Slack sends both `app_mention` and `message` for one mention, and redelivers an event whose
 * ack was slow (X-Slack-Retry-Num over HTTP, retry_attempt over Socket Mode). Both listeners feed
 * one handler that claims each `channel:ts` once in the shared state store, so every question is
 * answered exactly once, across restarts and replicas. An edited question (`message_changed`, or
 * an `app_mention` carrying `edited`) updates the bot's answer in place with `chat.update`; an
 * edit of a message it never answered is taken as a new message, under the same manners.
 * Bolt acks events before listeners run; the work happens after the ack.
 */
import type { App, webApi } from '@slack/bolt';
import { renderAnswer, renderNotice } from '../render-blocks.ts';
import { explainFailure, callSlack } from '../slack-calls.ts';
import { postPublic, tellPrivately, type ReplyTarget } from '../send-reply.ts';
import { slackTextToPlain } from '../slack-text.ts';
import type { SlackRuntime } from '../slack-runtime.ts';
import { TEXTS } from '../../shared/texts.ts';

/** The fields of a Slack message event this adapter reads. */
interface IncomingMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  text?: string;
  bot_id?: string;
  subtype?: string;
  channel_type?: string;
  edited?: { ts?: string };
  /** `message_changed`: the message as it is now. */
  message?: Omit<IncomingMessage, 'channel' | 'message'>;
}

type Client = webApi.WebClient;

/** Registers the `app_mention` and `message` listeners. */
export function register(app: App, rt: SlackRuntime): void {
  app.event('app_mention', async ({ event, client }) => {
    await onEvent(rt, client, event as unknown as IncomingMessage, 'mention');
  });
  app.event('message', async ({ event, client }) => {
    await onEvent(rt, client, event as unknown as IncomingMessage, 'message');
  });
}

const PERSON_SUBTYPES = new Set(['thread_broadcast', 'file_share']);
/** `<@U123>` user mentions, and `<!here>`, `<!channel>`, `<!subteam^…>` group mentions. */
const MENTION = /<(@[UW][A-Z0-9]+|!(?:here|channel|everyone|subteam\^[A-Z0-9]+))(?:\|[^>]*)?>/g;

/** Where a message belongs: its thread (or the DM), as the layer's conversation key. */
function conversationOf(m: IncomingMessage): { key: string; target: Omit<ReplyTarget, 'user'> } {
  const isDm = m.channel_type === 'im';
  // In a DM the bot replies in the DM itself (or in the thread the user started there).
  const threadTs = isDm ? m.thread_ts : (m.thread_ts ?? m.ts);
  return { key: `${m.channel}:${threadTs ?? 'dm'}`, target: { channel: m.channel, threadTs } };
}

function mentions(rt: SlackRuntime, text: string): { bot: boolean; others: boolean } {
  const ids = [...text.matchAll(MENTION)].map((x) => x[1]!);
  return { bot: ids.includes(`@${rt.bot.userId}`), others: ids.some((id) => id !== `@${rt.bot.userId}`) };
}

/** Whether a person's message is ours to answer; mentions in channels come as `app_mention`. */
async function isForBot(rt: SlackRuntime, m: IncomingMessage, via: 'mention' | 'message'): Promise<boolean> {
  // Bots (this one included) never get an answer: two bots must not talk each other into a loop.
  if (!m.user || m.bot_id || m.user === rt.bot.userId) return false;
  // Joins, deletions and bot posts come as subtypes; these two are still a person talking.
  if (m.subtype && !PERSON_SUBTYPES.has(m.subtype)) return false;
  if (via === 'mention') return true;
  const isDm = m.channel_type === 'im';
  const { bot, others } = mentions(rt, m.text ?? '');
  if (!isDm && !m.thread_ts) return false;
  if (!isDm && !(await rt.layer.follows(conversationOf(m).key))) return false;
  return rt.layer.isForBot({ text: slackTextToPlain(m.text ?? '', rt.bot.userId), isDm, mentionsBot: bot, mentionsOthers: others });
}

async function onEvent(rt: SlackRuntime, client: Client, event: IncomingMessage, via: 'mention' | 'message'): Promise<void> {
  if (via === 'message' && event.subtype === 'message_changed' && event.message) {
    const m: IncomingMessage = { ...event.message, channel: event.channel, channel_type: event.channel_type, subtype: event.message.subtype };
    await onEdit(rt, client, m, 'message');
    return;
  }
  if (via === 'mention' && event.edited) {
    await onEdit(rt, client, event, 'mention');
    return;
  }
  await onMessage(rt, client, event, via, `${event.channel}:${event.ts}`);
}

/** An edited question: its answer updated in place, or (never answered) taken as a new message. */
async function onEdit(rt: SlackRuntime, client: Client, m: IncomingMessage, via: 'mention' | 'message'): Promise<void> {
  if (!m.user || m.bot_id || m.user === rt.bot.userId) return;
  const message = `${m.channel}:${m.ts}`;
  if (!(await rt.layer.answered(message))) {
    await onMessage(rt, client, m, via, message);
    return;
  }
  // One edit arrives as both message_changed and (when it mentions the bot) app_mention.
  if (!(await rt.layer.firstDelivery(`${message}:edit:${m.edited?.ts ?? ''}`))) return;
  const admission = await rt.layer.admit(m.user);
  if (!admission.ok) return;
  const question = slackTextToPlain(m.text ?? '', rt.bot.userId);
  await rt.layer.work.run(async () => {
    try {
      const updated = await rt.layer.reanswer(message, question, { conversation: conversationOf(m).key, user: m.user!, channel: m.channel, message });
      if (!updated) return;
      const [channel, ts] = splitRef(updated.reply);
      const r = await callSlack(() => client.chat.update({ channel, ts, ...renderAnswer(updated.answer, { answerId: updated.answerId }) }));
      if (!r.ok) rt.deps.logger.warn({ code: r.failure.code, channel }, 'could not update the answer to an edited question');
    } catch (err) {
      rt.deps.logger.error({ err }, 'Slack edit handler failed');
    }
  });
}

const splitRef = (ref: string): [string, string] => {
  const i = ref.indexOf(':');
  return [ref.slice(0, i), ref.slice(i + 1)];
};

async function onMessage(rt: SlackRuntime, client: Client, m: IncomingMessage, via: 'mention' | 'message', dedupeKey: string): Promise<void> {
  if (!(await isForBot(rt, m, via))) return;
  if (!(await rt.layer.firstDelivery(dedupeKey))) {
    rt.deps.logger.debug({ channel: m.channel, ts: m.ts, via }, 'question already taken');
    return;
  }
  const user = m.user!;
  const { key, target: place } = conversationOf(m);
  const target: ReplyTarget = { ...place, user };
  const admission = await rt.layer.admit(user);
  if (!admission.ok) {
    if (!admission.quiet) await tellPrivately(rt, client, target, renderNotice(admission.notice));
    return;
  }
  await rt.layer.work.run(async () => {
    try {
      const question = slackTextToPlain(m.text ?? '', rt.bot.userId);
      const { answer, answerId } = await rt.layer.ask(question, { conversation: key, user, channel: m.channel, message: `${m.channel}:${m.ts}` });
      const posted = await postPublic(client, target, renderAnswer(answer, { answerId }));
      if (posted.ok) {
        await rt.layer.replied(answerId, `${m.channel}:${posted.value}`);
        return;
      }
      rt.deps.logger.warn({ code: posted.failure.code, channel: m.channel }, 'Slack refused a reply');
      await tellPrivately(rt, client, target, renderNotice(explainFailure(posted.failure, rt.bot.name)));
    } catch (err) {
      // A bug in this handler: log it with the stack, tell the asker, keep the process.
      rt.deps.logger.error({ err }, 'Slack message handler failed');
      await tellPrivately(rt, client, target, renderNotice(TEXTS.apology));
    }
  });
}
