/**
 * Pins a posted summary and unpins the bot's previous pinned summary in that channel (pin first,
 * then unpin: `shared/pin-policy.ts`), so a channel holds one current summary. Discord's refusals (no Pin Messages permission, the channel
 * at its pin limit) come back as values: the summary is already posted, and the caller tells the
 * user what is missing.
 *
 * discord.js 14.22+ uses the newer routes: GET /channels/{id}/messages/pins and
 * PUT/DELETE /channels/{id}/messages/pins/{message id}.
 */
import { DiscordAPIError, RESTJSONErrorCodes, type Message } from 'discord.js';
import { replacePinned } from '../shared/pin-policy.ts';
import { SUMMARY_TITLE_PREFIX } from './render-message.ts';

/** Discord's pin limit per channel, named in the reply when it is reached. */
export const MAX_PINS_PER_CHANNEL = 50;

/** What happened to the pin. */
export type PinOutcome =
  | { kind: 'pinned'; unpinned: number }
  | { kind: 'missing-permission' }
  | { kind: 'pin-limit' }
  | { kind: 'failed'; reason: string };

/** True for a message the bot wrote whose embed is a summary. */
export function isBotSummary(message: Message, botUserId: string): boolean {
  return message.author.id === botUserId && (message.embeds[0]?.title?.startsWith(SUMMARY_TITLE_PREFIX) ?? false);
}

/** A Discord refusal as the pin outcome it means. */
function outcomeOf(error: unknown): Exclude<PinOutcome, { kind: 'pinned' }> {
  if (error instanceof DiscordAPIError) {
    if (error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess) return { kind: 'missing-permission' };
    if (error.code === RESTJSONErrorCodes.MaximumNumberOfPinsReachedForTheChannel) return { kind: 'pin-limit' };
  }
  return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
}

/** Pins `message` and unpins the bot's earlier summaries, in the shared policy's order (`shared/pin-policy.ts`). */
export async function pinSummary(message: Message, botUserId: string): Promise<PinOutcome> {
  const result = await replacePinned<Message, Exclude<PinOutcome, { kind: 'pinned' }>>({
    async previous() {
      try {
        const { items } = await message.channel.messages.fetchPins();
        return items.map((item) => item.message).filter((m) => m.id !== message.id && isBotSummary(m, botUserId))
          .sort((a, b) => a.createdTimestamp - b.createdTimestamp);
      } catch {
        return []; // Cannot list: the new summary is still pinned, the old one stays.
      }
    },
    pin: () => message.pin('/pin-summary').then(() => ({ ok: true as const }), (error: unknown) => ({ ok: false as const, failure: outcomeOf(error) })),
    unpin: (old) => old.unpin('Replaced by a newer /pin-summary').then(() => true, () => false),
    isPinLimit: (failure) => failure.kind === 'pin-limit',
  });
  return result.ok ? { kind: 'pinned', unpinned: result.unpinned } : result.failure;
}
/** The ephemeral explanation for a summary that posted but did not pin; undefined when pinned. */
export function explainPinOutcome(outcome: PinOutcome): string | undefined {
  switch (outcome.kind) {
    case 'pinned':
      return undefined;
    case 'missing-permission':
      return 'I posted the summary but could not pin it: I need the Pin Messages permission in this channel. Ask a moderator to grant it to my role, then run /pin-summary again.';
    case 'pin-limit':
      return `I posted the summary but could not pin it: this channel has reached Discord's limit of ${MAX_PINS_PER_CHANNEL} pinned messages. Unpin one, then run /pin-summary again.`;
    case 'failed':
      return 'I posted the summary but Discord would not pin it just now. Please try /pin-summary again in a moment.';
  }
}
