/**
 * /pin-summary: posts a summary publicly, pins it, and unpins the bot's previous pinned summary
 * in that channel, so one stays pinned. Pinning can fail for reasons the user can fix (the bot is
 * not in the channel, a workspace policy, the pin limit); the summary is posted anyway and the
 * user is told why and what to do. A per-channel cooldown stops a pin/unpin storm.
 */
import type { App, webApi } from '@slack/bolt';
import { answerSummary, askedIn, commandTarget, runCommand } from './listeners/commands.ts';
import { renderNotice, SUMMARY_BLOCK_ID } from './render-blocks.ts';
import { callSlack, explainFailure, type SlackFailure } from './slack-calls.ts';
import { postPublic, respondPrivately } from './send-reply.ts';
import type { BotIdentity, SlackRuntime } from './slack-runtime.ts';
import { replacePinned } from '../shared/pin-policy.ts';
import { TEXTS } from '../shared/texts.ts';

type WebClient = webApi.WebClient;

/** What pinning came to. */
export type PinOutcome = { ok: true; unpinned: number } | { ok: false; failure: SlackFailure };

/** Why a pin failed, and what the user can do about it. */
export function explainPinFailure(failure: SlackFailure, botName: string): string {
  const lead = 'I posted the summary but couldn’t pin it:';
  switch (failure.code) {
    case 'not_in_channel':
      return `${lead} I’m not a member of this channel. Invite me with \`/invite @${botName}\`, then run /pin-summary again.`;
    case 'no_permission':
      return `${lead} I don’t have permission to pin here (no_permission). A workspace admin can allow apps to pin, or you can pin it from the message’s ⋮ menu.`;
    case 'too_many_pins':
      return `${lead} this channel has reached Slack’s limit on pinned items (too_many_pins). Unpin something old, then run /pin-summary again.`;
    case 'restricted_action':
      return `${lead} a workspace policy stops pinning in this channel (restricted_action). Ask a workspace admin, or pin it yourself from the message’s ⋮ menu.`;
    case 'missing_scope':
      return `${lead} my Slack app lacks the pins:write scope. Reinstall it from the manifest in adapters/slack/manifest.json.`;
    default:
      return `${lead} ${explainFailure(failure, botName)}`;
  }
}

/** Is `message` one of this bot's summaries (not just any message it pinned)? */
function isOwnSummary(message: { user?: string; bot_id?: string; blocks?: { block_id?: string }[] } | undefined, bot: BotIdentity): boolean {
  if (!message) return false;
  const mine = message.user === bot.userId || message.bot_id === bot.botId;
  return mine && Boolean(message.blocks?.some((b) => b.block_id === SUMMARY_BLOCK_ID));
}

/** The ts of the bot's pinned summaries in `channel`, oldest first. A failed list yields none. */
async function ownPinnedSummaries(rt: SlackRuntime, client: WebClient, channel: string): Promise<string[]> {
  const listed = await callSlack(() => client.pins.list({ channel }));
  if (!listed.ok) {
    rt.deps.logger.warn({ code: listed.failure.code, channel }, 'pins.list failed; the previous summary stays pinned');
    return [];
  }
  const items = (listed.value.items ?? []) as { message?: { ts?: string; user?: string; bot_id?: string; blocks?: { block_id?: string }[] } }[];
  return items
    .filter((i) => isOwnSummary(i.message, rt.bot) && i.message?.ts)
    .map((i) => i.message!.ts!)
    .sort((a, b) => Number(a) - Number(b));
}

/** Pins `ts` and unpins the bot's earlier summaries, in the shared policy's order (`shared/pin-policy.ts`). */
export async function pinReplacingPrevious(rt: SlackRuntime, client: WebClient, channel: string, ts: string): Promise<PinOutcome> {
  return replacePinned<string, SlackFailure>({
    previous: async () => (await ownPinnedSummaries(rt, client, channel)).filter((p) => p !== ts),
    pin: () => callSlack(() => client.pins.add({ channel, timestamp: ts })),
    async unpin(old) {
      const removed = await callSlack(() => client.pins.remove({ channel, timestamp: old }));
      if (!removed.ok) rt.deps.logger.warn({ code: removed.failure.code, channel }, 'could not unpin a previous summary');
      return removed.ok;
    },
    isPinLimit: (failure) => failure.code === 'too_many_pins',
  });
}

/** Registers /pin-summary. */
export function register(app: App, rt: SlackRuntime): void {
  app.command('/pin-summary', async (args) => {
    await runCommand(rt, args, async (respond) => {
      const target = commandTarget(args);
      const tell = (text: string) => respondPrivately(rt, respond, args.client, target, renderNotice(text));
      const text = args.command.text ?? '';
      const message = await answerSummary(rt, text, { sharedBy: target.user, command: '/pin-summary' }, askedIn(args));
      if (!message.blocks.some((b) => b.block_id === SUMMARY_BLOCK_ID)) {
        // A usage reply or "not covered": nothing to pin, and only the asker needs to see it.
        await respondPrivately(rt, respond, args.client, target, message);
        return;
      }
      const wait = await rt.layer.pinCooldown(target.channel);
      if (wait > 0) {
        await tell(TEXTS.pinCooldown(wait));
        return;
      }
      const posted = await postPublic(args.client, target, message);
      if (!posted.ok) {
        // Still post it, through the response_url, which works without channel membership.
        const viaUrl = await callSlack(() => respond({ response_type: 'in_channel', replace_original: false, ...message }));
        await tell(viaUrl.ok ? explainPinFailure(posted.failure, rt.bot.name) : explainFailure(posted.failure, rt.bot.name));
        return;
      }
      const pin = await pinReplacingPrevious(rt, args.client, target.channel, posted.value);
      if (!pin.ok) {
        rt.deps.logger.info({ code: pin.failure.code, channel: target.channel }, 'summary posted but not pinned');
        await tell(explainPinFailure(pin.failure, rt.bot.name));
        return;
      }
      await tell(TEXTS.pinned(pin.unpinned));
    });
  });
}
