/** Assertions on rendered Discord payloads, shared by the renderer tests and the hostile-input test. */
import { expect } from 'vitest';
import {
  embedLength, MAX_BUTTON_LABEL_LENGTH, MAX_CONTENT_LENGTH, MAX_CUSTOM_ID_LENGTH, MAX_EMBED_DESCRIPTION_LENGTH,
  MAX_EMBED_FIELD_NAME_LENGTH, MAX_EMBED_FIELD_VALUE_LENGTH, MAX_EMBED_FOOTER_LENGTH, MAX_EMBED_TITLE_LENGTH,
  MAX_EMBEDS_TOTAL_LENGTH, type DiscordReply,
} from '../../adapters/discord/render-message.ts';

/** Every limit Discord enforces on a message, checked at once. */
export function expectWithinDiscordLimits(payload: DiscordReply): void {
  expect(payload.allowedMentions).toEqual({ parse: [], repliedUser: false });
  expect(payload.content?.length ?? 0).toBeLessThanOrEqual(MAX_CONTENT_LENGTH);
  let total = 0;
  for (const embed of payload.embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(MAX_EMBED_TITLE_LENGTH);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION_LENGTH);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(MAX_EMBED_FOOTER_LENGTH);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(MAX_EMBED_FIELD_NAME_LENGTH);
      expect(field.value.length).toBeLessThanOrEqual(MAX_EMBED_FIELD_VALUE_LENGTH);
      expect(field.value.length).toBeGreaterThan(0);
    }
    total += embedLength(embed);
  }
  expect(total).toBeLessThanOrEqual(MAX_EMBEDS_TOTAL_LENGTH);
  for (const row of payload.components) {
    expect(row.components.length).toBeLessThanOrEqual(5);
    for (const button of row.components) {
      expect((button as any).custom_id.length).toBeLessThanOrEqual(MAX_CUSTOM_ID_LENGTH);
      expect((button as any).label?.length ?? 0).toBeLessThanOrEqual(MAX_BUTTON_LABEL_LENGTH);
    }
  }
}

/** No text that Discord would render as a live ping. */
export function expectNoLiveMention(payload: DiscordReply): void {
  const text = JSON.stringify([payload.content ?? '', payload.embeds]);
  expect(text).not.toMatch(/@(everyone|here)/i);
  expect(text).not.toMatch(/<@[!&]?\d+>/);
}
