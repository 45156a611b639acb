/** `/passage id`: one paragraph of the article in full; autocomplete offers the passage labels. */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { renderNotice, renderPassage } from '../render-message.ts';
import type { Command } from './command.ts';
import { respond } from './respond.ts';

export const passage = {
  data: new SlashCommandBuilder()
    .setName('passage')
    .setDescription('Show one paragraph of the article in full.')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) => o.setName('id').setDescription('The passage (start typing a section name)').setRequired(true).setAutocomplete(true))
    .toJSON(),
  isPrivate: () => false,
  async execute(interaction, { answerer }) {
    const lookup = answerer.passage(interaction.options.getString('id', true));
    if (lookup.kind === 'not-found') {
      await respond(interaction, renderNotice(lookup.text), true);
      return;
    }
    await respond(interaction, renderPassage(lookup.passage, answerer.document), false);
  },
  autocomplete(interaction, { answerer }) {
    const typed = interaction.options.getFocused().toLowerCase().trim();
    // Labels (section headings) and ids first, then passages that merely contain the words.
    const byLabel = answerer.passages().filter((p) => !typed || p.label.toLowerCase().includes(typed) || p.id.includes(typed));
    const byText = answerer.passages().filter((p) => typed && !byLabel.includes(p) && p.text.toLowerCase().includes(typed));
    return [...byLabel, ...byText].map((p) => ({ name: p.label, value: p.id }));
  },
} satisfies Command;
