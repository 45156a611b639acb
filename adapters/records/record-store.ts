/**
 * What the bot records for its maintainers: one row per question (the question log) and the
 * votes on answers (feedback), behind one interface: SQLite by default, PostgreSQL when
 * `DATABASE_URL` is set, in memory for tests. `npm run report` reads them back.
 *
 * Users are never stored in the clear: `user` is a salted hash (see `hashUser`).
 */

export type Platform = 'slack' | 'discord' | 'console';

/** One question and what became of it. */
export interface QuestionRecord {
  /** Milliseconds since the epoch. */
  at: number;
  platform: Platform;
  /** Salted hash of the platform user id. */
  user: string;
  /** Channel or conversation id as the platform gives it (not personal data on its own). */
  channel?: string;
  question: string;
  /** The question as the core read it, when that differs. */
  readAs?: string;
  /** 'answered' | 'not-covered' | 'usage' | 'error' (the core threw) */
  outcome: 'answered' | 'not-covered' | 'usage' | 'error';
  /** The answer's reason (not-covered, usage), when any. */
  reason?: string;
  confidence?: number;
  /** Cited passage ids, best first. */
  citations: string[];
  latencyMs: number;
  /** Set when the answer can be voted on; feedback rows point at it. */
  answerId?: string;
}

/** One user's vote on one answer; a later vote by the same user replaces it. */
export interface FeedbackRecord {
  at: number;
  platform: Platform;
  answerId: string;
  /** Salted hash of the platform user id. */
  user: string;
  vote: 'up' | 'down';
  question: string;
  /** The answer's text as the user saw it. */
  answerText: string;
  /** Cited passage ids, best first. */
  citations: string[];
}

export interface RecordStore {
  /** 'memory' | 'sqlite' | 'postgres' */
  readonly kind: string;
  logQuestion(record: QuestionRecord): Promise<void>;
  /** Upserts on (answerId, user): one vote per user per answer, changeable. */
  vote(record: FeedbackRecord): Promise<void>;
  /** Questions at or after `since` (ms), oldest first. */
  questions(since?: number): Promise<QuestionRecord[]>;
  /** Every current vote, oldest first. */
  feedback(): Promise<FeedbackRecord[]>;
  /** Deletes question rows older than `days`; returns how many went. */
  prune(days: number): Promise<number>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

import { createHash } from 'node:crypto';

/**
 * Hashes a platform user id with the deployment's secret salt (`USER_HASH_SALT`): the records can
 * count distinct users and group one user's votes without holding, or letting anyone recompute,
 * the id itself.
 */
export function hashUser(salt: string, platform: Platform, userId: string): string {
  return createHash('sha256').update(`${salt}\0${platform}\0${userId}`).digest('hex').slice(0, 24);
}
