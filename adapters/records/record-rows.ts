/**
 * Rows to records, shared by the SQL stores: NULL columns become absent fields (not `undefined`
 * ones), so a record reads back exactly as it was logged.
 */
import type { FeedbackRecord, Platform, QuestionRecord } from './record-store.ts';

/** A `questions` row once the store has turned `at` into ms and `citations` into an array. */
export interface QuestionRow {
  at: number;
  platform: string;
  user_hash: string;
  channel: string | null;
  question: string;
  read_as: string | null;
  outcome: string;
  reason: string | null;
  confidence: number | null;
  citations: string[];
  latency_ms: number;
  answer_id: string | null;
}

/** A `feedback` row once the store has turned `at` into ms and `citations` into an array. */
export interface FeedbackRow {
  at: number;
  platform: string;
  answer_id: string;
  user_hash: string;
  vote: string;
  question: string;
  answer_text: string;
  citations: string[];
}

export const QUESTION_COLUMNS =
  'at, platform, user_hash, channel, question, read_as, outcome, reason, confidence, citations, latency_ms, answer_id';
export const FEEDBACK_COLUMNS = 'at, platform, answer_id, user_hash, vote, question, answer_text, citations';

export function questionFromRow(row: QuestionRow): QuestionRecord {
  const record: QuestionRecord = {
    at: row.at,
    platform: row.platform as Platform,
    user: row.user_hash,
    question: row.question,
    outcome: row.outcome as QuestionRecord['outcome'],
    citations: row.citations,
    latencyMs: row.latency_ms,
  };
  if (row.channel !== null) record.channel = row.channel;
  if (row.read_as !== null) record.readAs = row.read_as;
  if (row.reason !== null) record.reason = row.reason;
  if (row.confidence !== null) record.confidence = row.confidence;
  if (row.answer_id !== null) record.answerId = row.answer_id;
  return record;
}

export function feedbackFromRow(row: FeedbackRow): FeedbackRecord {
  return {
    at: row.at,
    platform: row.platform as Platform,
    answerId: row.answer_id,
    user: row.user_hash,
    vote: row.vote as FeedbackRecord['vote'],
    question: row.question,
    answerText: row.answer_text,
    citations: row.citations,
  };
}

/** The cutoff `prune(days)` deletes before. A negative or NaN `days` is a bug, not "keep all". */
export function pruneCutoff(days: number, now: number): number {
  if (!Number.isFinite(days) || days < 0) throw new RangeError(`prune(days) needs a number of days >= 0, got ${days}`);
  return now - days * 86_400_000;
}
