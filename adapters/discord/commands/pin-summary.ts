/**
 * `/pin-summary points section topic`: posts a summary in the channel and pins it in place of the
 * bot's previous one. Only members who may pin see the command (default_member_permissions);
 * one use per channel per cooldown.
 */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { explainPinOutcome, pinSummary } from '../pin-summary.ts';
import { renderNotice, renderSummary } from '../render-message.ts';
import { askedIn, type Command } from './command.ts';
import { TEXTS } from '../../shared/texts.ts';
import { deferOnce, respond } from './respond.ts';
import { sectionChoices, summaryOptions, withSummaryOptions } from './summary-options.ts';

export const pinSummaryCommand = {
  data: withSummaryOptions(
    new SlashCommandBuilder()
      .setName('pin-summary')
      .setDescription('Post a summary here and pin it, replacing my previous pinned summary.')
      .setContexts(InteractionContextType.Guild)
      // Pin Messages: the permission Discord split out of Manage Messages for pinning.
      .setDefaultMemberPermissions(PermissionFlagsBits.PinMessages),
  ).toJSON(),
  // The summary is for the channel; refusals and explanations go to the user alone.
  isPrivate: () => false,
  async execute(interaction, { answerer, layer }) {
    const summary = await layer.summary(summaryOptions(interaction), askedIn(interaction, 'cmd'));
    if (summary.kind !== 'summary') {
      await respond(interaction, renderNotice(summary.text), true);
      return;
    }
    const wait = await layer.pinCooldown(interaction.channelId);
    if (wait > 0) {
      await respond(interaction, renderNotice(TEXTS.pinCooldown(wait)), true);
      return;
    }
    // Posting, listing pins, unpinning and pinning are four REST calls: defer first.
    await deferOnce(interaction, false);
    const message = await respond(interaction, renderSummary(summary, answerer.document), false);
    if (!message) throw new Error('Discord returned no message for the edited reply');
    const explanation = explainPinOutcome(await pinSummary(message, interaction.client.user.id));
    if (explanation) await interaction.followUp({ ...renderNotice(explanation), flags: ['Ephemeral', 'SuppressEmbeds'] });
  },
  autocomplete: (interaction, { answerer }) => sectionChoices(interaction, answerer),
} satisfies Command;
