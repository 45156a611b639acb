/**
 * Sending a rendered payload as an interaction response, whatever state the interaction is in:
 * a first reply, or an edit of the deferred "thinking…" message (`@original`).
 */
import { MessageFlags, type Message, type RepliableInteraction } from 'discord.js';
import { renderNotice, type DiscordReply } from '../render-message.ts';

/** Flags for an interaction reply: ephemeral when asked, link embeds suppressed when set. */
export function replyFlags(payload: DiscordReply, ephemeral: boolean): (MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds)[] {
  const flags: (MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds)[] = ephemeral ? [MessageFlags.Ephemeral] : [];
  if (payload.flags) flags.push(payload.flags);
  return flags;
}

/** Acknowledges within Discord's 3 seconds, once; later sends edit `@original`. */
export async function deferOnce(interaction: RepliableInteraction, ephemeral: boolean): Promise<void> {
  if (interaction.deferred || interaction.replied) return;
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
}

/**
 * Replies, or edits the deferred reply. Returns the message when Discord sends one back (edits
 * always do), so callers such as /pin-summary can act on it.
 */
export async function respond(interaction: RepliableInteraction, payload: DiscordReply, ephemeral: boolean): Promise<Message | undefined> {
  if (interaction.deferred && !interaction.replied) {
    return interaction.editReply({ ...payload, flags: payload.flags ? [payload.flags] : [] });
  }
  if (interaction.replied) {
    return interaction.followUp({ ...payload, flags: replyFlags(payload, ephemeral) });
  }
  await interaction.reply({ ...payload, flags: replyFlags(payload, ephemeral) });
  return undefined;
}

/**
 * An ephemeral notice in whatever state the interaction is: a reply, an edit of an ephemeral
 * deferral, or (after a public deferral or a reply) the deferral removed and an ephemeral follow-up.
 */
/** An error, a usage reply or any other private notice. */
export async function sendError(interaction: RepliableInteraction, text: string): Promise<void> {
  const payload = renderNotice(text);
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...payload, flags: replyFlags(payload, true) });
  } else if (interaction.deferred && !interaction.replied && interaction.ephemeral) {
    await interaction.editReply(payload);
  } else {
    if (interaction.deferred && !interaction.replied) await interaction.deleteReply().catch(() => undefined);
    await interaction.followUp({ ...payload, flags: [MessageFlags.Ephemeral, MessageFlags.SuppressEmbeds] });
  }
}
