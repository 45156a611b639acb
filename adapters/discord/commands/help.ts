/** `/help`: what the bot does, example questions and the article's sections, to the asker only. */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { renderHelp } from '../render-message.ts';
import type { Command } from './command.ts';
import { respond } from './respond.ts';

export const help = {
  data: new SlashCommandBuilder()
    .setName('help')
    .setDescription('How to ask me about the article.')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .toJSON(),
  isPrivate: () => true,
  async execute(interaction, { answerer }) {
    await respond(interaction, renderHelp(answerer.help()), true);
  },
} satisfies Command;
