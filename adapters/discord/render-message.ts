/**
 * The one pure module that turns the core's neutral values (Answer, Summary, Passage, HelpInfo)
 * into discord.js message payloads. No I/O: tests build a neutral value and assert on the payload.
 *
 * Every payload carries `allowedMentions: { parse: [] }`: that, not escaping, is what guarantees
 * no question or quote can ping anyone. Escaping only keeps the text readable as typed.
 */
import { trimAtWord } from '../shared/trim.ts';
import {
  ButtonStyle, ComponentType, MessageFlags,
  type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type APIEmbedField,
} from 'discord.js';
import type { Answer, Citation, Document, HelpInfo, Passage, Summary } from '../../src/index.ts';

/** Discord's limits, in characters (https://discord.com/developers/docs/resources/message). */
export const MAX_CONTENT_LENGTH = 2_000;
export const MAX_EMBED_TITLE_LENGTH = 256;
export const MAX_EMBED_DESCRIPTION_LENGTH = 4_096;
export const MAX_EMBED_FIELD_NAME_LENGTH = 256;
export const MAX_EMBED_FIELD_VALUE_LENGTH = 1_024;
export const MAX_EMBED_FOOTER_LENGTH = 2_048;
/** Title, description, field names and values, footer and author of all embeds together. */
export const MAX_EMBEDS_TOTAL_LENGTH = 6_000;
export const MAX_EMBED_FIELDS = 25;
export const MAX_BUTTON_LABEL_LENGTH = 80;
export const MAX_CUSTOM_ID_LENGTH = 100;
/** Autocomplete: at most 25 choices, each name and value at most 100 characters. */
export const MAX_AUTOCOMPLETE_CHOICES = 25;
export const MAX_CHOICE_LENGTH = 100;

/** How much of a cited passage a citation field quotes; the "Full passage" button shows the rest. */
const QUOTE_PREVIEW_LENGTH = 500;
/** "Full passage" buttons for the first citations; one row holds 5 buttons, 2 are votes. */
const MAX_PASSAGE_BUTTONS = 3;
const EMBED_COLOR = 0x2b6cb0;
/** A footer is a byline: keep it short even when a title is long (Discord allows 2,048). */
const MAX_FOOTER_USED = 300;

/** The mentions nobody may be pinged by: sent with every message the bot writes. */
export const NO_MENTIONS = { parse: [], repliedUser: false } as const satisfies { parse: []; repliedUser: boolean };

/** A message payload that fits `message.reply`, `channel.send`, `interaction.reply` and `editReply`. */
export interface DiscordReply {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: typeof NO_MENTIONS;
  /** SuppressEmbeds on content-only messages, so a link in them never unfurls. */
  flags?: MessageFlags.SuppressEmbeds;
}

/** The article facts a footer needs. */
export type ArticleInfo = Pick<Document, 'title' | 'author'>;

/** Button custom ids: `passage:<passage id>` and `vote:<up|down>:<answer kind>:<ids>`. */
export const CUSTOM_ID = { passage: 'passage', vote: 'vote' } as const;

/** Discord's name for the shared trimming helper (`shared/trim.ts`). */
export const trimToLimit = trimAtWord;

/**
 * Makes user or article text display literally, within `max` characters: Markdown escaped, and
 * mention syntax broken with a zero-width space so it does not even look like a ping
 * (allowed_mentions is the guarantee). The text is cut before escaping too, so the work is
 * bounded by the limit, not by what a user pasted.
 */
export function displayText(text: string, max: number): string {
  return trimToLimit(breakMentions(escapeDiscordMarkdown(trimToLimit(text, max))), max);
}

/**
 * Backslash-escapes Discord Markdown in one linear pass. (discord.js's `escapeMarkdown` takes
 * over a second on 4 KB of `*_`: a flood of such messages would stall the bot.)
 */
export function escapeDiscordMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|[\]]/gu, '\\$&')
    // Line starts: quotes, headings, list items and subtext.
    .replace(/^([ \t]*)([>#-])/gmu, '$1\\$2');
}

/** Breaks `@everyone`, `@here`, `<@id>`, `<@&id>`, `<#id>` and `</command:id>` with a zero-width space. */
function breakMentions(text: string): string {
  return text.replace(/@(everyone|here)/giu, '@\u200b$1').replace(/<([@#][!&]?|\/)/gu, '<\u200b$1');
}

/** What a user reads when a handler failed: never a stack trace, never silence. */
export const ERROR_TEXT = 'Sorry, something went wrong on my side while answering. Please try again in a moment.';

/** The polite reply to a user over the rate limit. */
export function slowDownText(retryAfterSeconds: number): string {
  return `You are asking faster than I can answer. Please wait ${retryAfterSeconds} s and try again.`;
}

/** A content-only message: usage replies, errors, rate-limit notices. */
export function renderNotice(text: string): DiscordReply {
  return {
    content: displayText(text, MAX_CONTENT_LENGTH),
    embeds: [],
    components: [],
    allowedMentions: NO_MENTIONS,
    flags: MessageFlags.SuppressEmbeds,
  };
}

/** How an answer is framed. */
export interface AnswerRenderOptions {
  /** The answer's id in the conversation layer: the vote buttons carry it. */
  answerId?: string;
}

/** An answer: embed with the sentences, numbered citation fields, passage and vote buttons. */
export function renderAnswer(answer: Answer, article: ArticleInfo, options: AnswerRenderOptions = {}): DiscordReply {
  if (answer.kind === 'usage') return renderNotice(answer.text);
  const title = displayText(answer.question, MAX_EMBED_TITLE_LENGTH);
  // Typo correction is shown, so a wrong reading is seen for what it is.
  const readAs = answer.readAs ? `*Read as “${displayText(answer.readAs, MAX_EMBED_TITLE_LENGTH)}”*\n\n` : '';
  if (answer.kind === 'not-covered') {
    const fields: APIEmbedField[] = answer.suggestions.length
      ? [{ name: 'Try asking', value: trimToLimit(answer.suggestions.map((s) => `• ${displayText(s, MAX_EMBED_FIELD_VALUE_LENGTH)}`).join('\n'), MAX_EMBED_FIELD_VALUE_LENGTH) }]
      : [];
    return embedReply({ title, description: readAs + displayText(answer.text, MAX_EMBED_DESCRIPTION_LENGTH), fields, footer: footer(article) }, [voteRow('not-covered', [], options.answerId)]);
  }
  const marked = answer.sentences.map((sentence) => {
    const index = answer.citations.findIndex((c) => c.text.includes(sentence));
    return displayText(sentence, MAX_EMBED_DESCRIPTION_LENGTH) + (index >= 0 ? ` [${index + 1}]` : '');
  });
  const fields = answer.citations.slice(0, MAX_EMBED_FIELDS).map((c, i) => citationField(c, i, answer.sentences));
  const passageButtons = answer.citations.slice(0, MAX_PASSAGE_BUTTONS).map((c, i) => button(`${CUSTOM_ID.passage}:${c.id}`, `Full passage ${i + 1}`));
  const ids = answer.citations.map((c) => c.id);
  return embedReply(
    { title, description: readAs + marked.join(' '), fields, footer: footer(article) },
    [{ type: ComponentType.ActionRow, components: [...passageButtons, ...voteRow('answered', ids, options.answerId).components] }],
  );
}

/** A summary: numbered points, each with the label of the passage it comes from. */
export function renderSummary(summary: Summary, article: ArticleInfo): DiscordReply {
  if (summary.kind !== 'summary') return renderNotice(summary.text);
  const scope =
    summary.scope.type === 'article' ? 'the whole article'
      : summary.scope.type === 'section' ? summary.scope.heading
        : `“${summary.scope.topic}”`;
  const lines = summary.points.map((p, i) => `**${i + 1}.** ${displayText(p.text, MAX_EMBED_DESCRIPTION_LENGTH)} — *${displayText(p.citation.label, MAX_EMBED_FIELD_NAME_LENGTH)}*`);
  return embedReply(
    { title: trimToLimit(`${SUMMARY_TITLE_PREFIX} ${displayText(scope, MAX_EMBED_TITLE_LENGTH)}`, MAX_EMBED_TITLE_LENGTH), description: lines.join('\n'), fields: [], footer: footer(article) },
    [],
  );
}

/** Every summary embed title starts with this; it is how the bot recognises its pinned summaries. */
export const SUMMARY_TITLE_PREFIX = 'Summary of';

/** One passage in full (the "Full passage" button and `/passage`). */
export function renderPassage(passage: Passage, article: ArticleInfo): DiscordReply {
  return embedReply(
    { title: displayText(passage.label, MAX_EMBED_TITLE_LENGTH), description: displayText(passage.text, MAX_EMBED_DESCRIPTION_LENGTH), fields: [], footer: footer(article, passage.id) },
    [],
  );
}

/** `/help`: what the bot does, example questions, the sections. */
export function renderHelp(help: HelpInfo): DiscordReply {
  const description = [
    `I answer questions about one article, quoting it and citing the paragraphs I used. Mention me with a question (or “summarise the article”), reply to one of my answers, send me a DM, or use the commands:`,
    '`/ask` a question · `/summary` the article, a section or a topic · `/passage` to read a paragraph · `/pin-summary` to pin a summary here',
  ].join('\n');
  const fields: APIEmbedField[] = [
    { name: 'Try asking', value: help.examples.map((e) => `• ${displayText(e, MAX_EMBED_FIELD_VALUE_LENGTH)}`).join('\n') || '—' },
    { name: 'Sections', value: help.sections.map((s) => `${s.number}. ${displayText(s.heading, MAX_EMBED_FIELD_VALUE_LENGTH)}`).join('\n') || '—' },
  ].map((f) => ({ name: f.name, value: trimToLimit(f.value, MAX_EMBED_FIELD_VALUE_LENGTH) }));
  return embedReply({ title: trimToLimit(`About “${displayText(help.title, MAX_EMBED_TITLE_LENGTH)}”`, MAX_EMBED_TITLE_LENGTH), description, fields, footer: footer(help) }, []);
}

/** Autocomplete choices, at most 25, names and values within 100 characters. */
export function renderChoices(choices: { name: string; value: string }[]): { name: string; value: string }[] {
  return choices
    .filter((c) => c.value.length <= MAX_CHOICE_LENGTH)
    .slice(0, MAX_AUTOCOMPLETE_CHOICES)
    .map((c) => ({ name: trimToLimit(c.name, MAX_CHOICE_LENGTH), value: c.value }));
}

/** The total Discord counts against MAX_EMBEDS_TOTAL_LENGTH. */
export function embedLength(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0)
    + (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

function citationField(citation: Citation, index: number, sentences: string[]): APIEmbedField {
  // Quote the answer sentences this passage supplied; otherwise the passage's opening.
  const quoted = sentences.filter((s) => citation.text.includes(s)).join(' ') || citation.text;
  return {
    name: displayText(`${index + 1}. ${citation.label}`, MAX_EMBED_FIELD_NAME_LENGTH),
    value: `> ${displayText(quoted, QUOTE_PREVIEW_LENGTH)}`,
  };
}

/** Builds the embed, trimming the description last so title, fields and footer fit in 6,000. */
function embedReply(parts: { title: string; description: string; fields: APIEmbedField[]; footer: string }, rows: APIActionRowComponent<APIButtonComponent>[]): DiscordReply {
  // Footer trimmed to what a byline needs, leaving the 6,000 for the answer itself.
  const embed: APIEmbed = { title: parts.title, color: EMBED_COLOR, footer: { text: trimToLimit(parts.footer, MAX_FOOTER_USED) } };
  if (parts.fields.length) embed.fields = parts.fields.slice(0, MAX_EMBED_FIELDS);
  const room = Math.min(MAX_EMBED_DESCRIPTION_LENGTH, MAX_EMBEDS_TOTAL_LENGTH - embedLength(embed));
  embed.description = trimToLimit(parts.description || '—', Math.max(room, 1));
  return { embeds: [embed], components: rows.filter((r) => r.components.length), allowedMentions: NO_MENTIONS };
}

function footer(article: ArticleInfo, suffix?: string): string {
  const byline = article.author ? ` by ${article.author}` : '';
  // Footers show Markdown literally, so only mention syntax needs breaking.
  return breakMentions(`From “${article.title}”${byline}${suffix ? ` · ${suffix}` : ''}`);
}

function button(customId: string, label: string, emoji?: string): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: customId.slice(0, MAX_CUSTOM_ID_LENGTH),
    label: trimToLimit(label, MAX_BUTTON_LABEL_LENGTH),
    ...(emoji ? { emoji: { name: emoji } } : {}),
  };
}

/**
 * 👍/👎 buttons. With an answer id the custom id carries just that (`vote:<up|down>:@<id>`: the
 * layer keeps the answer); without one, the answer kind and cited ids (the question is the embed title).
 */
function voteRow(kind: string, citationIds: string[], answerId?: string): APIActionRowComponent<APIButtonComponent> {
  const make = (vote: 'up' | 'down', emoji: string, label: string) => {
    let ids = citationIds;
    const id = () => (answerId ? `${CUSTOM_ID.vote}:${vote}:@${answerId}` : `${CUSTOM_ID.vote}:${vote}:${kind}:${ids.join(',')}`);
    while (id().length > MAX_CUSTOM_ID_LENGTH && ids.length) ids = ids.slice(0, -1);
    return button(id(), label, emoji);
  };
  return { type: ComponentType.ActionRow, components: [make('up', '👍', 'Helpful'), make('down', '👎', 'Not helpful')] };
}
