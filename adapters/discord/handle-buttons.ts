/**
 * Button presses on an answer: "Full passage n" replies with the whole paragraph, 👍/👎 records
 * one changeable vote per user per answer through the shared conversation layer. Both answer the
 * presser alone (ephemeral).
 */
import type { ButtonInteraction } from 'discord.js';
import type { ConversationLayer } from '../shared/conversation.ts';
import { TEXTS } from '../shared/texts.ts';
import type { AdapterDeps } from '../deps.ts';
import { respond } from './commands/respond.ts';
import { CUSTOM_ID, renderNotice, renderPassage } from './render-message.ts';

/** Handles a button the renderer made; a custom id it does not know gets a polite notice. */
export async function handleButton(interaction: ButtonInteraction, { answerer }: AdapterDeps, layer: ConversationLayer): Promise<void> {
  const [kind, ...rest] = interaction.customId.split(':');
  if (kind === CUSTOM_ID.passage) {
    const lookup = answerer.passage(rest.join(':'));
    const payload = lookup.kind === 'passage' ? renderPassage(lookup.passage, answerer.document) : renderNotice(lookup.text);
    await respond(interaction, payload, true);
    return;
  }
  const [vote, ref = '', ids = ''] = rest;
  if (kind === CUSTOM_ID.vote && (vote === 'up' || vote === 'down')) {
    // `@<answer id>` from this version; `<kind>:<ids>` from buttons made before answers had ids.
    const outcome = ref.startsWith('@')
      ? await layer.vote(ref.slice(1), interaction.user.id, vote)
      : await layer.vote('', interaction.user.id, vote, { question: interaction.message.embeds[0]?.title ?? '', citations: ids.split(',').filter(Boolean) });
    await respond(interaction, renderNotice(outcome.text), true);
    return;
  }
  await respond(interaction, renderNotice(TEXTS.oldButton), true);
}
