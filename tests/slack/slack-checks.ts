/** Assertions on rendered Slack messages, shared by the renderer tests and the hostile-input test. */
import { expect } from 'vitest';
import type { SlackMessage } from '../../adapters/slack/render-blocks.ts';
import {
  BUTTON_TEXT_LIMIT, BUTTON_VALUE_LIMIT, HEADER_TEXT_LIMIT, MAX_BLOCKS, MESSAGE_TEXT_LIMIT, SECTION_TEXT_LIMIT,
} from '../../adapters/slack/slack-limits.ts';

/** Every text a rendered message carries, with where it sits. */
export function texts(m: SlackMessage): { where: string; text: string }[] {
  const out = [{ where: 'text', text: m.text }];
  for (const b of m.blocks as any[]) {
    if (b.text) out.push({ where: b.type, text: b.text.text });
    for (const e of b.elements ?? []) {
      if (e.text) out.push({ where: `${b.type}-element`, text: typeof e.text === 'string' ? e.text : e.text.text });
      if (e.value) out.push({ where: 'value', text: e.value });
    }
    if (b.accessory) out.push({ where: 'button', text: b.accessory.text.text }, { where: 'value', text: b.accessory.value });
  }
  return out;
}

/** Asserts Slack would accept `m` and that nothing in it pings anyone. */
export function expectSafe(m: SlackMessage): void {
  expect(m.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
  expect(m.text.length).toBeLessThanOrEqual(MESSAGE_TEXT_LIMIT);
  expect(m.text.length).toBeGreaterThan(0);
  for (const { where, text } of texts(m)) {
    const limit = where === 'text' ? MESSAGE_TEXT_LIMIT : where === 'value' ? BUTTON_VALUE_LIMIT : where === 'button' ? BUTTON_TEXT_LIMIT : where === 'header' ? HEADER_TEXT_LIMIT : SECTION_TEXT_LIMIT;
    expect(text.length, where).toBeLessThanOrEqual(limit);
    expect(text).not.toMatch(/<[!@#]/);
  }
}
