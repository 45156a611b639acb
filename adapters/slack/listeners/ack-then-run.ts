/**
 * The common shape of a slash command or a button click: ack at once (Slack gives up after 3 s),
 * turn the request away politely when shutting down or over the rate limit, else run the work
 * inside the concurrency bound. A limited request still gets a private reply: it cannot flood a
 * channel, and the user is not left wondering.
 */
import type { RespondFn, webApi } from '@slack/bolt';
import { renderNotice } from '../render-blocks.ts';
import { respondPrivately, type ReplyTarget } from '../send-reply.ts';
import type { SlackRuntime } from '../slack-runtime.ts';
import { TEXTS } from '../../shared/texts.ts';

/** What Bolt gives a command or action listener that this needs. */
export interface AckedRequest {
  ack: () => Promise<void>;
  respond: RespondFn;
  client: webApi.WebClient;
}

/** Acks `request`, applies the limits, and runs `work` for `target`. */
export async function ackThenRun(rt: SlackRuntime, request: AckedRequest, target: ReplyTarget, work: () => Promise<void>): Promise<void> {
  await request.ack();
  const admission = await rt.layer.admit(target.user);
  if (!admission.ok) {
    await respondPrivately(rt, request.respond, request.client, target, renderNotice(admission.notice));
    return;
  }
  await rt.layer.work.run(async () => {
    try {
      await work();
    } catch (err) {
      // A bug in a handler: log it with the stack, tell the user, keep the process.
      rt.deps.logger.error({ err }, 'Slack handler failed');
      await respondPrivately(rt, request.respond, request.client, target, renderNotice(TEXTS.apology));
    }
  });
}
