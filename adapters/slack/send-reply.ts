/**
 * Sending replies so that every path ends in something the user sees. A public reply that Slack
 * refuses is explained to the asker ephemerally; a response_url that fails (expired after 30
 * minutes, or down) falls back to chat.postEphemeral; Block Kit that Slack rejects is resent as
 * plain text. What cannot be delivered at all is logged.
 */
import type { RespondFn, webApi } from '@slack/bolt';
import type { SlackMessage } from './render-blocks.ts';
import { renderNotice } from './render-blocks.ts';
import { BLOCK_ERRORS, callSlack, explainFailure, type SlackResult } from './slack-calls.ts';
import type { SlackRuntime } from './slack-runtime.ts';

type WebClient = webApi.WebClient;

/** Where a reply goes and who asked. */
export interface ReplyTarget {
  channel: string;
  /** Reply in this thread; undefined for a top-level reply (DMs). */
  threadTs?: string;
  /** The asker, who sees ephemeral explanations. */
  user: string;
}

/** Link previews would quote other sites under our answer; citations are the article's own. */
const NO_PREVIEWS = { unfurl_links: false, unfurl_media: false } as const;

/** Sends `message`; if Slack rejects its blocks, sends the text fallback alone. */
async function withTextFallback<T>(message: SlackMessage, send: (m: Partial<SlackMessage> & { text: string }) => Promise<T>): Promise<SlackResult<T>> {
  const first = await callSlack(() => send(message));
  if (first.ok || !BLOCK_ERRORS.has(first.failure.code)) return first;
  return callSlack(() => send({ text: message.text }));
}

/** Posts publicly in the conversation (in the thread, when given). Returns the message ts. */
export async function postPublic(client: WebClient, target: ReplyTarget, message: SlackMessage): Promise<SlackResult<string>> {
  const r = await withTextFallback(message, (m) =>
    client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, ...m, ...NO_PREVIEWS }));
  return r.ok ? { ok: true, value: r.value.ts ?? '' } : r;
}

/** Tells only the asker, through the Web API. Logs when even that fails. */
export async function tellPrivately(rt: SlackRuntime, client: WebClient, target: ReplyTarget, message: SlackMessage): Promise<boolean> {
  const r = await withTextFallback(message, (m) =>
    client.chat.postEphemeral({ channel: target.channel, user: target.user, thread_ts: target.threadTs, ...m }));
  if (!r.ok) rt.deps.logger.error({ code: r.failure.code, channel: target.channel }, 'could not reach the user at all');
  return r.ok;
}

/**
 * Answers in the conversation; when Slack will not take the answer, tells the asker why
 * (ephemerally) instead of leaving them in silence.
 */
export async function answerPublicly(rt: SlackRuntime, client: WebClient, target: ReplyTarget, message: SlackMessage): Promise<boolean> {
  const r = await postPublic(client, target, message);
  if (r.ok) return true;
  rt.deps.logger.warn({ code: r.failure.code, channel: target.channel }, 'Slack refused a reply');
  await tellPrivately(rt, client, target, renderNotice(explainFailure(r.failure, rt.bot.name)));
  return false;
}

/**
 * Replies only to the user through the command's or click's response_url, falling back to
 * chat.postEphemeral when the response_url fails.
 */
export async function respondPrivately(
  rt: SlackRuntime, respond: RespondFn, client: WebClient, target: ReplyTarget, message: SlackMessage,
): Promise<boolean> {
  const r = await withTextFallback(message, (m) => respond({ response_type: 'ephemeral', replace_original: false, ...m }));
  if (r.ok) return true;
  rt.deps.logger.warn({ code: r.failure.code }, 'response_url failed; trying chat.postEphemeral');
  return tellPrivately(rt, client, target, message);
}
