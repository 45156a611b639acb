/**
 * Thread manners: when a message in a conversation is for the bot. In a thread the bot answered
 * (Slack) or a reply chain to its answer (Discord), people also talk to each other: the bot
 * answers a message only when it is addressed to it (a mention), asks a question (a question mark
 * or a question's form), or follows up on the last answer ("and Putin?", "why?"). It stays quiet on
 * acknowledgements ("thanks", "ok", "lol"), on messages for other people, and on chatter.
 * A DM is always for the bot.
 */
import { isFollowUpForm } from '../../src/index.ts';

/** What the adapter knows about a message, platform-neutrally. */
export interface IncomingChat {
  /** The text with the bot's own mention removed; other mentions left as written. */
  text: string;
  /** A direct message to the bot. */
  isDm: boolean;
  /** The message mentions the bot. */
  mentionsBot: boolean;
  /** The message mentions someone other than the bot (a person, a group). */
  mentionsOthers: boolean;
}

const QUESTION_START = /^(?:(?:and|but|so|ok|okay|also|then|hey|um+|hmm+)[\s,]+)*(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|will|would|can|could|should|has|have|had|may|might|must|shall|tell me|explain|summari[sz]e|describe|define|list|give me)\b/i;
/** Only an acknowledgement or a reaction in words (or emoji): no reply is wanted. */
const ACKNOWLEDGEMENT = /^(?:[\s,.!]*(?:thanks?(?: you)?(?: so much| a lot)?|thx|ty|tysm|cheers|ok(?:ay)?|k|kk|cool|nice|great|good|lol|lmao|rofl|haha+|hehe+|wow|yes|yeah|yep|no|nope|sure|got it|makes sense|fair(?: enough)?|interesting|awesome|perfect|right|true|same|agreed|indeed|:[\w+-]+:|\p{Extended_Pictographic}|\u{FE0F})+[\s,.!]*)$/iu;

/** Whether a message reads as a question or a follow-up, whoever it is for. */
export function readsAsQuestion(text: string): boolean {
  const t = text.trim();
  if (!t || ACKNOWLEDGEMENT.test(t)) return false;
  return /\?\s*$/.test(t) || QUESTION_START.test(t) || isFollowUpForm(t);
}

/**
 * Whether the bot should answer a message in a conversation it is part of (a DM, its thread, a
 * reply to its answer). A top-level channel message is only for the bot when it mentions it; the
 * adapter does not call this for those.
 */
export function isForBot(m: IncomingChat): boolean {
  if (m.mentionsBot || m.isDm) return true;
  if (m.mentionsOthers) return false;
  return readsAsQuestion(m.text);
}
