/** `/summary points section topic private`: the article, one section or a topic in a few points. */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { renderSummary } from '../render-message.ts';
import { askedIn, type Command } from './command.ts';
import { deferOnce, respond, sendError } from './respond.ts';
import { sectionChoices, summaryOptions, withSummaryOptions } from './summary-options.ts';

export const summary = {
  data: withSummaryOptions(
    new SlashCommandBuilder()
      .setName('summary')
      .setDescription('Summarise the article, a section or a topic, with citations.')
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),
  )
    .addBooleanOption((o) => o.setName('private').setDescription('Only you see the summary'))
    .toJSON(),
  isPrivate: (interaction) => interaction.options.getBoolean('private') ?? false,
  async execute(interaction, { answerer, layer }) {
    const ephemeral = this.isPrivate(interaction);
    // A summary ranks every passage of the article; defer rather than race Discord's 3 s.
    await deferOnce(interaction, ephemeral);
    const summary = await layer.summary(summaryOptions(interaction), askedIn(interaction, 'cmd'));
    // A usage reply or "not covered" is for the asker alone, whatever the command asked for:
    // a public deferral is removed and the reply follows privately.
    if (summary.kind !== 'summary') {
      await sendError(interaction, summary.text);
      return;
    }
    await respond(interaction, renderSummary(summary, answerer.document), ephemeral);
  },
  autocomplete: (interaction, { answerer }) => sectionChoices(interaction, answerer),
} satisfies Command;
