/**
 * The ids and values of the buttons the bot puts on its messages. Values carry everything a click
 * needs (the question, the answer kind, the cited ids), so a click still works after a restart and
 * no per-message state has to be kept. Slack caps a value at 2,000 characters: long questions are
 * cut to fit, which costs a feedback record a few words but never breaks the button.
 */
import { BUTTON_VALUE_LIMIT } from './slack-limits.ts';

/** Action ids. "Full passage" ids get a `:n` suffix, because action ids must be unique in a message. */
export const ACTION = {
  passage: 'summit_passage',
  feedbackUp: 'summit_feedback_up',
  feedbackDown: 'summit_feedback_down',
  share: 'summit_share',
} as const;

/** Matches every "Full passage" button, whatever its suffix. */
export const PASSAGE_ACTION_PATTERN = /^summit_passage(:\d+)?$/;

/** What a 👍/👎 button carries. */
export interface FeedbackValue {
  /** The answer's id in the shared layer (its stored text and citations go with the vote). */
  answerId?: string;
  question: string;
  answerKind: string;
  citations: string[];
}

/** What "Share in channel" carries: enough to ask the (deterministic) core again. */
export type ShareValue = { command: 'ask'; text: string } | { command: 'summary'; text: string };

/**
 * JSON with `<`, `>` and `&` as \u escapes: a value holding user text (`<!channel>`) then never
 * contains Slack's control sequences, even where Slack echoes it back; JSON.parse restores it.
 */
function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * Serialises `value`, cutting the string field `shrink` until the JSON fits Slack's value limit.
 * Cutting by code points keeps the JSON valid Unicode.
 */
function fitJson<T extends Record<string, unknown>>(value: T, shrink: keyof T & string): string {
  let json = inertJson(value);
  let chars = Array.from(String(value[shrink]));
  while (json.length > BUTTON_VALUE_LIMIT && chars.length > 0) {
    const over = json.length - BUTTON_VALUE_LIMIT;
    chars = chars.slice(0, Math.max(0, chars.length - Math.max(over, 16)));
    json = inertJson({ ...value, [shrink]: chars.join('') });
  }
  return json;
}

/** Encodes a feedback button's value, within the 2,000-character limit. */
export function encodeFeedback(v: FeedbackValue): string {
  return fitJson({ ...(v.answerId ? { a: v.answerId } : {}), q: v.question, k: v.answerKind, c: v.citations.slice(0, 10) }, 'q');
}

/** Decodes a feedback value; `undefined` for anything the bot did not write. */
export function decodeFeedback(raw: string | undefined): FeedbackValue | undefined {
  const o = parseObject(raw);
  if (!o || typeof o.q !== 'string' || typeof o.k !== 'string' || !Array.isArray(o.c)) return undefined;
  return { ...(typeof o.a === 'string' ? { answerId: o.a } : {}), question: o.q, answerKind: o.k, citations: o.c.filter((c): c is string => typeof c === 'string') };
}

/** Encodes a "Share in channel" value, within the 2,000-character limit. */
export function encodeShare(v: ShareValue): string {
  return fitJson({ s: v.command, t: v.text }, 't');
}

/** Decodes a share value; `undefined` for anything the bot did not write. */
export function decodeShare(raw: string | undefined): ShareValue | undefined {
  const o = parseObject(raw);
  if (!o || (o.s !== 'ask' && o.s !== 'summary') || typeof o.t !== 'string') return undefined;
  return { command: o.s, text: o.t };
}

function parseObject(raw: string | undefined): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  try {
    const o: unknown = JSON.parse(raw);
    return o && typeof o === 'object' ? (o as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
