/**
 * The one pure module that turns the core's neutral values (Answer, Summary, PassageLookup,
 * HelpInfo) into Slack messages: Block Kit plus a plain `text` fallback (notifications, screen
 * readers and old clients show only `text`).
 *
 * Safety: every piece of article or user text goes through `escapeSlack` (so `<!channel>`,
 * `<!here>`, `<@U…>` can never be formed) and is marked `verbatim` (so Slack does not auto-parse
 * mentions or channel names in it). Limits: every text is trimmed at a word boundary with an
 * ellipsis to the limits in `slack-limits.ts`; no output breaks them whatever the input.
 */
import type { types } from '@slack/bolt';
import type { Answer, Citation, HelpInfo, Passage, PassageLookup, Summary } from '../../src/index.ts';
import { trimAtWord } from '../shared/trim.ts';
import { ACTION, encodeFeedback, encodeShare, type FeedbackValue, type ShareValue } from './action-values.ts';
import {
  BUTTON_TEXT_LIMIT, HEADER_TEXT_LIMIT, MAX_BLOCKS, MESSAGE_TEXT_LIMIT, SECTION_TEXT_LIMIT,
} from './slack-limits.ts';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/** A message ready for chat.postMessage, chat.postEphemeral or a response_url. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** How a rendered reply is framed. */
export interface RenderOptions {
  /**
   * Adds "Share in channel": for replies only the asker sees (/ask, /summary). The value is what
   * the share handler asks the core again.
   */
  share?: ShareValue;
  /** Slack user id of whoever shared the message publicly; shown as "Shared by". */
  sharedBy?: string;
  /** Adds 👍/👎 buttons. Default true for answers and summaries. */
  feedback?: boolean;
  /** The answer's id in the conversation layer, carried by the 👍/👎 buttons. */
  answerId?: string;
}

/** Characters of each cited passage quoted under an answer; "Full passage" shows the rest. */
const QUOTE_PREVIEW_CHARS = 280;
/** Characters of the asker's question echoed above an answer. */
const QUESTION_ECHO_CHARS = 300;
/** Marks the bot's summary messages, so /pin-summary can find its previous pin. */
export const SUMMARY_BLOCK_ID = 'summit_summary';

/** Escapes the three characters Slack treats as control sequences in message text. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export { trimAtWord };

/** Escaped, then trimmed: the order matters, as escaping lengthens the text. */
const safe = (text: string, max: number) => trimAtWord(escapeSlack(text), max);

/** Slack user ids the bot may mention (only ones Slack itself gave us, never user text). */
const isUserId = (id: string | undefined): id is string => Boolean(id && /^[UW][A-Z0-9]{2,}$/.test(id));

function section(text: string, accessory?: Button, blockId?: string): KnownBlock {
  return {
    type: 'section',
    ...(blockId ? { block_id: blockId } : {}),
    text: { type: 'mrkdwn', text: trimAtWord(text, SECTION_TEXT_LIMIT) || ' ', verbatim: true },
    ...(accessory ? { accessory } : {}),
  };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: trimAtWord(text, SECTION_TEXT_LIMIT) || ' ', verbatim: true }] };
}

function button(label: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: trimAtWord(label, BUTTON_TEXT_LIMIT), emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

function quote(escaped: string): string {
  return escaped.split('\n').map((line) => `> ${line}`).join('\n');
}

function citationBlock(c: Citation, n: number): KnownBlock {
  const body = `*[${n}] ${safe(c.label, 300)}*\n${quote(safe(c.text, QUOTE_PREVIEW_CHARS))}`;
  return section(body, button('Full passage', `${ACTION.passage}:${n}`, c.id));
}

function actionsBlock(feedback: FeedbackValue | undefined, options: RenderOptions): KnownBlock[] {
  const elements: Button[] = [];
  if (feedback && options.feedback !== false) {
    const value = encodeFeedback(feedback);
    elements.push(button('👍 Helpful', ACTION.feedbackUp, value), button('👎 Not helpful', ACTION.feedbackDown, value));
  }
  if (options.share) elements.push(button('Share in channel', ACTION.share, encodeShare(options.share), 'primary'));
  return elements.length ? [{ type: 'actions', elements }] : [];
}

function sharedByBlock(options: RenderOptions): KnownBlock[] {
  return isUserId(options.sharedBy) ? [context(`Shared by <@${options.sharedBy}>`)] : [];
}

/** Keeps a message within the block and text limits, whatever was built. */
function finish(text: string, blocks: KnownBlock[]): SlackMessage {
  let fitted = blocks;
  if (blocks.length > MAX_BLOCKS) {
    const actions = blocks.filter((b) => b.type === 'actions').slice(-1);
    const room = MAX_BLOCKS - actions.length - 1;
    fitted = [...blocks.filter((b) => b.type !== 'actions').slice(0, room), context('…more was left out to fit Slack’s limits.'), ...actions];
  }
  return { text: trimAtWord(text, MESSAGE_TEXT_LIMIT) || ' ', blocks: fitted };
}

/** Renders an answer to a question. */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): SlackMessage {
  // Typo correction is shown, so a wrong reading is seen for what it is.
  const readAs = answer.kind !== 'usage' && answer.readAs ? ` _(read as “${safe(answer.readAs, QUESTION_ECHO_CHARS)}”)_` : '';
  const asked = context(`*Q:* ${safe(answer.question, QUESTION_ECHO_CHARS)}${readAs}`);
  switch (answer.kind) {
    case 'answered': {
      const cites = answer.citations;
      const blocks = [
        asked,
        section(safe(answer.text, SECTION_TEXT_LIMIT)),
        ...cites.map((c, i) => citationBlock(c, i + 1)),
        ...sharedByBlock(options),
        ...actionsBlock({ answerId: options.answerId, question: answer.question, answerKind: answer.kind, citations: cites.map((c) => c.id) }, options),
      ];
      const sources = cites.map((c, i) => `[${i + 1}] ${escapeSlack(c.label)}`).join('; ');
      return finish(`${escapeSlack(answer.text)}${sources ? `\nSources: ${sources}` : ''}`, blocks);
    }
    case 'not-covered': {
      const tries = answer.suggestions.map((s) => `• ${safe(s, 300)}`).join('\n');
      const blocks = [
        asked,
        section(safe(answer.text, SECTION_TEXT_LIMIT)),
        ...(tries ? [section(`*You could ask:*\n${tries}`)] : []),
        ...sharedByBlock(options),
        ...actionsBlock({ answerId: options.answerId, question: answer.question, answerKind: answer.kind, citations: [] }, options),
      ];
      return finish(escapeSlack(answer.text), blocks);
    }
    case 'usage':
      return renderNotice(answer.text);
  }
}

function scopeLine(s: Extract<Summary, { kind: 'summary' }>): string {
  const points = `${s.points.length} point${s.points.length === 1 ? '' : 's'}`;
  switch (s.scope.type) {
    case 'article': return `Summary of the whole article · ${points}`;
    case 'section': return `Section ${s.scope.number}: ${escapeSlack(s.scope.heading)} · ${points}`;
    case 'topic': return `What the article says about “${safe(s.scope.topic, 200)}” · ${points}`;
  }
}

/** Renders a summary. Its first block carries `SUMMARY_BLOCK_ID`, so a pinned one can be found again. */
export function renderSummary(summary: Summary, options: RenderOptions & { command?: string } = {}): SlackMessage {
  if (summary.kind !== 'summary') return renderNotice(summary.text);
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      block_id: SUMMARY_BLOCK_ID,
      text: { type: 'plain_text', text: safe(summary.title, HEADER_TEXT_LIMIT) || 'Summary', emoji: true },
    },
    context(scopeLine(summary)),
    ...summary.points.map((p, i) =>
      section(`*${i + 1}.* ${safe(p.text, 2_400)}\n_${safe(p.citation.label, 300)}_`, button('Full passage', `${ACTION.passage}:${i + 1}`, p.citation.id)),
    ),
    ...sharedByBlock(options),
    ...actionsBlock(
      { question: options.command ?? '/summary', answerKind: 'summary', citations: summary.points.map((p) => p.citation.id) },
      options,
    ),
  ];
  const text = [`${escapeSlack(summary.title)}: ${scopeLine(summary)}`, ...summary.points.map((p, i) => `${i + 1}. ${escapeSlack(p.text)}`)].join('\n');
  return finish(text, blocks);
}

/** Splits escaped text into section-sized chunks at word boundaries. */
function chunk(escaped: string, size: number): string[] {
  const out: string[] = [];
  let rest = escaped;
  while (rest.length > size) {
    let cut = rest.lastIndexOf(' ', size);
    if (cut < size * 0.6) cut = size;
    // Never split an entity such as &amp; across two blocks.
    const amp = rest.lastIndexOf('&', cut);
    if (amp > cut - 5 && !rest.slice(amp, cut).includes(';')) cut = amp;
    if (/[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut -= 1;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/** Renders one passage in full (the "Full passage" button and /passage). */
export function renderPassage(lookup: PassageLookup): SlackMessage {
  if (lookup.kind === 'not-found') return renderNotice(lookup.text);
  const p: Passage = lookup.passage;
  const blocks = [
    section(`*${safe(p.label, 500)}*`),
    // Room for the quote marks that `quote` adds at each line start.
    ...chunk(escapeSlack(p.text), SECTION_TEXT_LIMIT - 200).map((part) => section(quote(part))),
    context(`Passage \`${safe(p.id, 200)}\``),
  ];
  return finish(`${escapeSlack(p.label)}: ${escapeSlack(p.text)}`, blocks);
}

/** The slash commands, as /help lists them. */
const COMMANDS: [string, string][] = [
  ['/ask <question>', 'an answer only you see, with a button to share it'],
  ['/summary [N] [section or topic]', 'the main points, e.g. `/summary 3 road ahead`'],
  ['/pin-summary [N] [section or topic]', 'posts a summary here and pins it (replacing my last pinned one)'],
  ['/passage <id>', 'one cited passage in full'],
  ['/help', 'this message'],
];

/** Renders /help: what the bot does, its commands, example questions and the article's sections. */
export function renderHelp(help: HelpInfo): SlackMessage {
  const by = help.author ? ` by ${escapeSlack(help.author)}` : '';
  const blocks = [
    section(`I answer questions about *${safe(help.title, 500)}*${by}, quoting the article and citing the passages I used. Mention me in a channel, message me directly, or reply in a thread where I have answered; ask “summarise the article” (or a section, or a topic) for a cited summary.`),
    section(`*Commands*\n${COMMANDS.map(([c, d]) => `\`${c}\` ${escapeSlack(d)}`).join('\n')}`),
    ...(help.examples.length ? [section(`*Try asking*\n${help.examples.map((e) => `• ${safe(e, 300)}`).join('\n')}`)] : []),
    ...(help.sections.length ? [section(`*Sections*\n${help.sections.map((s) => `${s.number}. ${safe(s.heading, 200)}`).join('\n')}`)] : []),
  ];
  const text = `I answer questions about ${escapeSlack(help.title)}${by}. Commands: ${COMMANDS.map(([c]) => c).join(', ')}.`;
  return finish(text, blocks);
}

/** A plain message from the bot (usage hints, errors, confirmations); the text is escaped. */
export function renderNotice(text: string): SlackMessage {
  return finish(escapeSlack(text), [section(safe(text, SECTION_TEXT_LIMIT))]);
}
