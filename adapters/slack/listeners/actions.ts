/**
 * Button clicks on the bot's messages: "Full passage" (the whole cited paragraph, privately),
 * 👍/👎 (one changeable vote per user per answer, through the shared layer, acknowledged privately) and "Share
 * in channel" (posts a private /ask or /summary answer publicly). Every click is acked at once.
 */
import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { TEXTS } from '../../shared/texts.ts';
import { ACTION, decodeFeedback, decodeShare, PASSAGE_ACTION_PATTERN } from '../action-values.ts';
import { renderNotice, renderPassage } from '../render-blocks.ts';
import { callSlack } from '../slack-calls.ts';
import { postPublic, respondPrivately, type ReplyTarget } from '../send-reply.ts';
import { runCore, type SlackRuntime } from '../slack-runtime.ts';
import { ackThenRun } from './ack-then-run.ts';
import { answerQuestion, answerSummary } from './commands.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

function clickTarget(args: ButtonArgs): ReplyTarget {
  const { body } = args;
  return { channel: body.channel?.id ?? body.container?.channel_id ?? '', user: body.user.id };
}

/** Acks the click, applies the limits, then runs `work`. */
function onClick(rt: SlackRuntime, args: ButtonArgs, work: (target: ReplyTarget) => Promise<void>): Promise<void> {
  const target = clickTarget(args);
  return ackThenRun(rt, args, target, () => work(target));
}

/** Registers the button handlers. */
export function register(app: App, rt: SlackRuntime): void {
  app.action<BlockButtonAction>(PASSAGE_ACTION_PATTERN, async (args) => {
    await onClick(rt, args, async (target) => {
      const id = args.action.value ?? '';
      const r = runCore(rt, 'passage', () => rt.deps.answerer.passage(id));
      await respondPrivately(rt, args.respond, args.client, target, r.ok ? renderPassage(r.value) : renderNotice(r.apology));
    });
  });

  for (const [actionId, vote] of [[ACTION.feedbackUp, 'up'], [ACTION.feedbackDown, 'down']] as const) {
    app.action<BlockButtonAction>(actionId, async (args) => {
      await onClick(rt, args, async (target) => {
        const value = decodeFeedback(args.action.value);
        if (!value) {
          await respondPrivately(rt, args.respond, args.client, target, renderNotice(TEXTS.oldButton));
          return;
        }
        const outcome = await rt.layer.vote(value.answerId ?? '', target.user, vote, value.answerId ? undefined : value);
        await respondPrivately(rt, args.respond, args.client, target, renderNotice(outcome.text));
      });
    });
  }

  app.action<BlockButtonAction>(ACTION.share, async (args) => {
    await onClick(rt, args, async (target) => {
      const share = decodeShare(args.action.value);
      if (!share) {
        await respondPrivately(rt, args.respond, args.client, target, renderNotice('That button is from an older version of me; run the command again to share.'));
        return;
      }
      // The core is deterministic, so asking again reproduces exactly what the user saw.
      const message = share.command === 'ask'
        ? await answerQuestion(rt, share.text, { sharedBy: target.user })
        : await answerSummary(rt, share.text, { sharedBy: target.user, command: '/summary' });
      const posted = await postPublic(args.client, { channel: target.channel, user: target.user }, message);
      if (posted.ok) {
        // Remove the private copy: the public one replaces it.
        await callSlack(() => args.respond({ delete_original: true }));
        return;
      }
      // Not in the channel (or Slack refused): the response_url can still post publicly.
      rt.deps.logger.info({ code: posted.failure.code }, 'share via chat.postMessage failed; using response_url');
      const viaUrl = await callSlack(() => args.respond({ response_type: 'in_channel', replace_original: false, ...message }));
      if (!viaUrl.ok) {
        await respondPrivately(rt, args.respond, args.client, target, renderNotice(`I couldn’t share that here (${posted.failure.code}). Try inviting me to the channel with \`/invite @${rt.bot.name}\`.`));
      }
    });
  });
}
