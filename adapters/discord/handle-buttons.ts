/**
 * Button presses on an answer: "Full passage n" replies with the whole paragraph, 👍/👎 records a
 * vote through the shared feedback store. Both answer the presser alone (ephemeral).
 */
import type { ButtonInteraction } from 'discord.js';
import { anonymiseUser } from '../../src/index.ts';
import type { AdapterDeps } from '../deps.ts';
import { respond } from './commands/respond.ts';
import { CUSTOM_ID, renderNotice, renderPassage } from './render-message.ts';

/** Handles a button the renderer made; a custom id it does not know gets a polite notice. */
export async function handleButton(interaction: ButtonInteraction, { answerer, feedback }: AdapterDeps): Promise<void> {
  const [kind, ...rest] = interaction.customId.split(':');
  if (kind === CUSTOM_ID.passage) {
    const lookup = answerer.passage(rest.join(':'));
    const payload = lookup.kind === 'passage' ? renderPassage(lookup.passage, answerer.document) : renderNotice(lookup.text);
    await respond(interaction, payload, true);
    return;
  }
  if (kind === CUSTOM_ID.vote) {
    const [vote, answerKind = 'answered', ids = ''] = rest;
    if (vote !== 'up' && vote !== 'down') throw new Error(`unknown vote "${vote}" in button ${interaction.customId}`);
    await feedback.record({
      at: new Date().toISOString(),
      platform: 'discord',
      vote,
      // The answer embed's title is the question as asked (trimmed to Discord's title limit).
      question: interaction.message.embeds[0]?.title ?? '',
      answerKind,
      citations: ids.split(',').filter(Boolean),
      user: anonymiseUser('discord', interaction.user.id),
    });
    await respond(interaction, renderNotice(vote === 'up' ? 'Thanks for the 👍, noted.' : 'Thanks for the 👎, noted: it helps improve the answers.'), true);
    return;
  }
  await respond(interaction, renderNotice('That button is from an older version of me; ask again for a fresh answer.'), true);
}
