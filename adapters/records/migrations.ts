/**
 * The records schema as an ordered list of numbered migrations, one list for both databases so
 * that SQLite and PostgreSQL stay at the same version with the same tables. A store applies the
 * pending ones at open, in one transaction, and notes each in `schema_migrations`.
 *
 * Never edit a migration that has shipped: a database that already applied it would not see the
 * change. Append a new one with the next number.
 */
import { RecordStoreError } from './records-error.ts';

export interface Migration {
  /** 1, 2, 3 … in order, without gaps. */
  version: number;
  /** What it does, for the reader of this file. */
  name: string;
  sqlite: string;
  postgres: string;
}

// `user` is a reserved word in PostgreSQL, hence `user_hash`. `at` is ms since the epoch in SQLite
// and a timestamptz in PostgreSQL, so psql shows readable times; both read back as ms numbers.
// `questions.id` only orders questions logged in the same millisecond. Feedback has no foreign key
// to questions: a vote outlives the question row that retention prunes.
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'question log and feedback',
    sqlite: `
      CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        platform TEXT NOT NULL,
        user_hash TEXT NOT NULL,
        channel TEXT,
        question TEXT NOT NULL,
        read_as TEXT,
        outcome TEXT NOT NULL,
        reason TEXT,
        confidence REAL,
        citations TEXT NOT NULL DEFAULT '[]',
        latency_ms REAL NOT NULL,
        answer_id TEXT
      );
      CREATE INDEX questions_at_outcome ON questions (at, outcome);
      CREATE TABLE feedback (
        answer_id TEXT NOT NULL,
        user_hash TEXT NOT NULL,
        at INTEGER NOT NULL,
        platform TEXT NOT NULL,
        vote TEXT NOT NULL,
        question TEXT NOT NULL,
        answer_text TEXT NOT NULL,
        citations TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (answer_id, user_hash)
      );
      CREATE INDEX feedback_at ON feedback (at);
    `,
    postgres: `
      CREATE TABLE questions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        platform text NOT NULL,
        user_hash text NOT NULL,
        channel text,
        question text NOT NULL,
        read_as text,
        outcome text NOT NULL,
        reason text,
        confidence double precision,
        citations jsonb NOT NULL DEFAULT '[]',
        latency_ms double precision NOT NULL,
        answer_id text
      );
      CREATE INDEX questions_at_outcome ON questions (at, outcome);
      CREATE TABLE feedback (
        answer_id text NOT NULL,
        user_hash text NOT NULL,
        at timestamptz NOT NULL,
        platform text NOT NULL,
        vote text NOT NULL,
        question text NOT NULL,
        answer_text text NOT NULL,
        citations jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (answer_id, user_hash)
      );
      CREATE INDEX feedback_at ON feedback (at);
    `,
  },
];

/** The version a fully migrated database is at. */
export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/**
 * The migrations a database at `applied` still needs, oldest first. Throws when the database is
 * ahead of this code: running old code on it could write rows the newer schema does not expect.
 */
export function pendingMigrations(applied: Iterable<number>, where: string): Migration[] {
  const done = new Set(applied);
  const newest = Math.max(0, ...done);
  if (newest > LATEST_VERSION) {
    throw new RecordStoreError(
      'records-newer-schema',
      `The records database ${where} is at schema version ${newest}, newer than this summit-bot knows (${LATEST_VERSION}). ` +
        'Run the newer summit-bot, or point it at another database.',
    );
  }
  return MIGRATIONS.filter((m) => !done.has(m.version));
}
