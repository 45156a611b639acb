/**
 * The record store in PostgreSQL, used when `DATABASE_URL` is set (several replicas, or a
 * maintainer who wants SQL on the log). Same tables and migrations as SQLite (`migrations.ts`);
 * `at` is a timestamptz here and reads back as ms.
 */
import pg from 'pg';
import type { Logger } from '../logger.ts';
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

/** Options for `PostgresRecordStore.open`. */
export interface PostgresRecordOptions {
  /** `postgres://user:password@host:5432/database`, as in `DATABASE_URL`. */
  connectionString: string;
  /**
   * The schema the tables live in, created if missing; every pooled connection gets it as its
   * `search_path`. Default: the connection's own search_path (usually `public`). Letters, digits
   * and `_` only.
   */
  schema?: string;
  /** Where a dropped idle connection is reported. Default: nowhere (it is never fatal). */
  logger?: Pick<Logger, 'warn'>;
  /** Connections in the pool. Default 4: the bot writes one short row per question. */
  max?: number;
  /** How long connecting may take before it fails. Default 5000 ms (pg's own default waits forever). */
  connectionTimeoutMillis?: number;
  /** Shown in `pg_stat_activity`. Default `summit-bot`. */
  applicationName?: string;
}

export const POSTGRES_RECORD_DEFAULTS = { max: 4, connectionTimeoutMillis: 5000, applicationName: 'summit-bot' } as const;

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

type Stored<Row> = Omit<Row, 'at'> & { at: Date };

export class PostgresRecordStore implements RecordStore {
  readonly kind = 'postgres';
  private ended = false;

  private constructor(private readonly pool: pg.Pool) {}

  /**
   * Connects, creates the schema if asked for one, and applies pending migrations. Throws a
   * `RecordStoreError` naming the server and database (never the password) and what to check.
   */
  static async open(options: PostgresRecordOptions): Promise<PostgresRecordStore> {
    const { max, connectionTimeoutMillis, applicationName } = { ...POSTGRES_RECORD_DEFAULTS, ...options };
    const { schema, logger } = options;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
      throw new RecordStoreError('records-open', `The PostgreSQL schema name "${schema}" may hold only letters, digits and _ (at most 63).`);
    }
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max,
      connectionTimeoutMillis,
      application_name: applicationName,
      // Set at connection start, so no query can run on a connection before its search_path is right.
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle pooled connection that the server or network drops is emitted here; without a
    // listener Node treats it as an unhandled 'error' and exits. The pool replaces the connection.
    pool.on('error', (err) => logger?.warn({ err }, 'records: an idle PostgreSQL connection failed; the pool will open a new one'));
    try {
      await migrate(pool, schema);
    } catch (err) {
      await pool.end().catch(() => {});
      throw describeOpenError(err, options.connectionString, schema);
    }
    return new PostgresRecordStore(pool);
  }

  async logQuestion(r: QuestionRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO questions (${QUESTION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)`,
      [
        new Date(r.at), r.platform, r.user, r.channel ?? null, r.question, r.readAs ?? null, r.outcome,
        r.reason ?? null, r.confidence ?? null,
        // pg would send a JS array as a PostgreSQL array literal, not JSON.
        JSON.stringify(r.citations),
        r.latencyMs, r.answerId ?? null,
      ],
    );
  }

  async vote(r: FeedbackRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO feedback (${FEEDBACK_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
       ON CONFLICT (answer_id, user_hash) DO UPDATE SET
         at = EXCLUDED.at, platform = EXCLUDED.platform, vote = EXCLUDED.vote,
         question = EXCLUDED.question, answer_text = EXCLUDED.answer_text, citations = EXCLUDED.citations`,
      [new Date(r.at), r.platform, r.answerId, r.user, r.vote, r.question, r.answerText, JSON.stringify(r.citations)],
    );
  }

  async questions(since?: number): Promise<QuestionRecord[]> {
    const { rows } =
      since === undefined
        ? await this.pool.query<Stored<QuestionRow>>(`SELECT ${QUESTION_COLUMNS} FROM questions ORDER BY at, id`)
        : await this.pool.query<Stored<QuestionRow>>(`SELECT ${QUESTION_COLUMNS} FROM questions WHERE at >= $1 ORDER BY at, id`, [new Date(since)]);
    return rows.map((row) => questionFromRow({ ...row, at: row.at.getTime() }));
  }

  async feedback(): Promise<FeedbackRecord[]> {
    // COLLATE "C": code-unit order, the same as SQLite and the memory store, whatever the database's locale.
    const { rows } = await this.pool.query<Stored<FeedbackRow>>(
      `SELECT ${FEEDBACK_COLUMNS} FROM feedback ORDER BY at, answer_id COLLATE "C", user_hash COLLATE "C"`,
    );
    return rows.map((row) => feedbackFromRow({ ...row, at: row.at.getTime() }));
  }

  async prune(days: number): Promise<number> {
    const cutoff = new Date(pruneCutoff(days, Date.now()));
    const result = await this.pool.query('DELETE FROM questions WHERE at < $1', [cutoff]);
    return result.rowCount ?? 0;
  }

  async ping(): Promise<boolean> {
    if (this.ended) return false;
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    // pg throws when a pool is ended twice; shutdown paths may call close more than once.
    if (this.ended) return;
    this.ended = true;
    await this.pool.end();
  }
}

/**
 * Applies the pending migrations in one transaction under a transaction-scoped advisory lock, so
 * two replicas starting together take turns: the second waits, then finds nothing to do. The lock
 * is taken before `CREATE … IF NOT EXISTS`, which is not safe against a concurrent twin on its own.
 */
async function migrate(pool: pg.Pool, schema: string | undefined): Promise<void> {
  const client = await pool.connect();
  let failure: unknown;
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('summit-bot records ' || coalesce($1::text, current_schema(), '')))`, [schema ?? null]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    for (const m of pendingMigrations(rows.map((r) => r.version), schema ? `(schema ${schema})` : '')) {
      await client.query(m.postgres);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
    }
    await client.query('COMMIT');
  } catch (err) {
    failure = err;
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    // A connection that failed mid-transaction is not handed back to the pool.
    client.release(failure instanceof Error ? failure : undefined);
  }
}

/** `host:port/database as user`, from a connection string, without the password. */
export function describeTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const host = url.hostname || url.searchParams.get('host') || 'localhost';
    const port = url.port || '5432';
    const user = decodeURIComponent(url.username) || 'the default user';
    const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || user;
    return `${host}:${port}/${database} as ${user}`;
  } catch {
    return 'the server in DATABASE_URL (not a valid URL)';
  }
}

// SQLSTATE classes and Node socket codes that mean "we never got a working session".
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', '28P01', '28000', '3D000', '57P03']);

function describeOpenError(err: unknown, connectionString: string, schema: string | undefined): RecordStoreError {
  if (err instanceof RecordStoreError) return err;
  const target = describeTarget(connectionString);
  const e = err as { code?: string; message?: string };
  // pg's message for a connect timeout has no code.
  const reason = e.message || e.code || String(err);
  if ((e.code && UNREACHABLE.has(e.code)) || /timeout/i.test(reason)) {
    const hint =
      e.code === '28P01' || e.code === '28000'
        ? 'Check the user and password in DATABASE_URL and the server\'s pg_hba.conf.'
        : e.code === '3D000'
          ? 'Create the database (createdb) or fix its name in DATABASE_URL.'
          : 'Check that PostgreSQL is running and reachable from here, and the host and port in DATABASE_URL.';
    return new RecordStoreError(
      'records-unreachable',
      `Cannot connect to PostgreSQL at ${target}: ${reason}. ${hint} Or unset DATABASE_URL to keep records in SQLite under DATA_DIR.`,
      { cause: err },
    );
  }
  return new RecordStoreError(
    'records-open',
    `Cannot prepare the records tables in PostgreSQL at ${target}${schema ? ` (schema ${schema})` : ''}: ${reason}. ` +
      'If it is a permission problem: the user needs CREATE on the database (for the schema) or on the schema (for the tables).',
    { cause: err },
  );
}
