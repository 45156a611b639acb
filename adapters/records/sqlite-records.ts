/**
 * The record store in SQLite, the default: `<dataDir>/records.db`, in WAL mode so the bot can
 * write while `npm run report` reads. The schema comes from `migrations.ts`, applied at open.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pendingMigrations } from './migrations.ts';
import {
  FEEDBACK_COLUMNS,
  QUESTION_COLUMNS,
  feedbackFromRow,
  pruneCutoff,
  questionFromRow,
  type FeedbackRow,
  type QuestionRow,
} from './record-rows.ts';
import type { FeedbackRecord, QuestionRecord, RecordStore } from './record-store.ts';
import { RecordStoreError } from './records-error.ts';

/** Options for `SqliteRecordStore.open`. */
export interface SqliteRecordOptions {
  /** The directory the database lives in; created if missing. */
  dataDir: string;
  /** The file name inside `dataDir`. Default `records.db`. */
  fileName?: string;
  /** Milliseconds a write waits for another process's lock before failing. Default 5000. */
  busyTimeoutMs?: number;
}

export const SQLITE_RECORD_DEFAULTS = { fileName: 'records.db', busyTimeoutMs: 5000 } as const;

type Stored<Row> = Omit<Row, 'citations'> & { citations: string };

export class SqliteRecordStore implements RecordStore {
  readonly kind = 'sqlite';
  private readonly insertQuestion: Database.Statement;
  private readonly upsertVote: Database.Statement;
  private readonly allQuestions: Database.Statement<[], Stored<QuestionRow>>;
  private readonly questionsSince: Database.Statement<[number], Stored<QuestionRow>>;
  private readonly allFeedback: Database.Statement<[], Stored<FeedbackRow>>;
  private readonly deleteBefore: Database.Statement<[number]>;

  private constructor(
    private readonly db: Database.Database,
    /** The database file, for messages. */
    readonly path: string,
  ) {
    this.insertQuestion = db.prepare(
      `INSERT INTO questions (${QUESTION_COLUMNS}) VALUES
       (@at, @platform, @user_hash, @channel, @question, @read_as, @outcome, @reason, @confidence, @citations, @latency_ms, @answer_id)`,
    );
    this.upsertVote = db.prepare(
      `INSERT INTO feedback (${FEEDBACK_COLUMNS}) VALUES
       (@at, @platform, @answer_id, @user_hash, @vote, @question, @answer_text, @citations)
       ON CONFLICT (answer_id, user_hash) DO UPDATE SET
         at = excluded.at, platform = excluded.platform, vote = excluded.vote,
         question = excluded.question, answer_text = excluded.answer_text, citations = excluded.citations`,
    );
    this.allQuestions = db.prepare(`SELECT ${QUESTION_COLUMNS} FROM questions ORDER BY at, id`);
    this.questionsSince = db.prepare(`SELECT ${QUESTION_COLUMNS} FROM questions WHERE at >= ? ORDER BY at, id`);
    this.allFeedback = db.prepare(`SELECT ${FEEDBACK_COLUMNS} FROM feedback ORDER BY at, answer_id, user_hash`);
    this.deleteBefore = db.prepare('DELETE FROM questions WHERE at < ?');
  }

  /**
   * Opens (creating if need be) and migrates the database. Throws a `RecordStoreError` saying
   * which file and what to do when it cannot.
   */
  static open(options: SqliteRecordOptions): SqliteRecordStore {
    const { fileName, busyTimeoutMs } = { ...SQLITE_RECORD_DEFAULTS, ...options };
    const path = join(options.dataDir, fileName);
    let db: Database.Database | undefined;
    try {
      mkdirSync(options.dataDir, { recursive: true });
      db = new Database(path, { timeout: busyTimeoutMs });
      db.pragma('journal_mode = WAL');
      // NORMAL is durable in WAL mode up to the last checkpoint; a power cut loses at most the
      // last few log lines, never corrupts.
      db.pragma('synchronous = NORMAL');
      migrate(db, path);
      return new SqliteRecordStore(db, path);
    } catch (err) {
      db?.close();
      if (err instanceof RecordStoreError) throw err;
      throw new RecordStoreError(
        'records-open',
        `Cannot open the records database ${path}: ${(err as Error).message}. ` +
          'Check that DATA_DIR is a writable directory, or set DATABASE_URL to keep records in PostgreSQL.',
        { cause: err },
      );
    }
  }

  async logQuestion(r: QuestionRecord): Promise<void> {
    this.insertQuestion.run({
      at: r.at,
      platform: r.platform,
      user_hash: r.user,
      channel: r.channel ?? null,
      question: r.question,
      read_as: r.readAs ?? null,
      outcome: r.outcome,
      reason: r.reason ?? null,
      confidence: r.confidence ?? null,
      citations: JSON.stringify(r.citations),
      latency_ms: r.latencyMs,
      answer_id: r.answerId ?? null,
    });
  }

  async vote(r: FeedbackRecord): Promise<void> {
    this.upsertVote.run({
      at: r.at,
      platform: r.platform,
      answer_id: r.answerId,
      user_hash: r.user,
      vote: r.vote,
      question: r.question,
      answer_text: r.answerText,
      citations: JSON.stringify(r.citations),
    });
  }

  async questions(since?: number): Promise<QuestionRecord[]> {
    const rows = since === undefined ? this.allQuestions.all() : this.questionsSince.all(since);
    return rows.map((row) => questionFromRow({ ...row, citations: JSON.parse(row.citations) as string[] }));
  }

  async feedback(): Promise<FeedbackRecord[]> {
    return this.allFeedback.all().map((row) => feedbackFromRow({ ...row, citations: JSON.parse(row.citations) as string[] }));
  }

  async prune(days: number): Promise<number> {
    return this.deleteBefore.run(pruneCutoff(days, Date.now())).changes;
  }

  async ping(): Promise<boolean> {
    try {
      return this.db.prepare('SELECT 1 AS ok').get() !== undefined;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/**
 * Applies the pending migrations in one IMMEDIATE transaction: a second process opening the same
 * file waits for the write lock, then finds nothing left to do.
 */
function migrate(db: Database.Database, path: string): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    const applied = db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version);
    const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
    for (const m of pendingMigrations(applied, path)) {
      db.exec(m.sqlite);
      record.run(m.version, Date.now());
    }
  }).immediate();
}
