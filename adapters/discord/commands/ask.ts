/** `/ask question private`: the core's answer, public unless `private` is set. */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../../src/index.ts';
import { renderAnswer } from '../render-message.ts';
import { askedIn, type Command } from './command.ts';
import { respond, sendError } from './respond.ts';

/** Discord's cap on a string option; the core's own cap is usually lower. */
const MAX_STRING_OPTION_LENGTH = 6_000;

export const ask = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask a question about the article; the answer quotes and cites it.')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) => o.setName('question').setDescription('Your question').setRequired(true)
      .setMaxLength(Math.min(MAX_QUESTION_LENGTH, MAX_STRING_OPTION_LENGTH)))
    .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer'))
    .toJSON(),
  isPrivate: (interaction) => interaction.options.getBoolean('private') ?? false,
  async execute(interaction, { answerer, layer }) {
    // The core is in memory and answers in tens of milliseconds: a direct reply meets the 3 s
    // deadline. The user's earlier /ask in this channel is the conversation: "/ask why?" follows up.
    const { answer, answerId, failed } = await layer.ask(interaction.options.getString('question', true), askedIn(interaction, 'ask'));
    if (failed) {
      await sendError(interaction, answer.text);
      return;
    }
    // Usage replies are private; answers as the command asked.
    await respond(interaction, renderAnswer(answer, answerer.document, { answerId }), answer.kind === 'usage' || this.isPrivate(interaction));
  },
} satisfies Command;
