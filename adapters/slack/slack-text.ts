/**
 * Slack message text to the plain question the core expects. Slack encodes mentions, channels and
 * links as `<…>` tokens and escapes `&`, `<`, `>`; the core should see what the user saw
 * ("@Ana", "#general", "a & b"), minus the mention of the bot that addressed it.
 */

/** Converts Slack's encoded message text to plain text, dropping mentions of `botUserId`. */
export function slackTextToPlain(text: string, botUserId: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_m, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return target.slice(1) === botUserId ? ' ' : `@${label ?? 'someone'}`;
      if (target.startsWith('#')) return `#${label ?? 'channel'}`;
      if (target.startsWith('!subteam^')) return label ?? '@group';
      if (target.startsWith('!date^')) return label ?? '';
      if (target.startsWith('!')) return `@${target.slice(1)}`;
      return label ?? target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
