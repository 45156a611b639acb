/**
 * The one error a record store throws: at open, when the database cannot be reached, opened or
 * migrated. Everything after open is a bug or an outage the caller logs; the bot keeps answering.
 */

/** What went wrong, for logs and tests; the message says how to fix it. */
export type RecordStoreErrorCode =
  /** The PostgreSQL server could not be reached or refused us (network, auth, missing database). */
  | 'records-unreachable'
  /** The database was reached but could not be opened or migrated (permissions, a damaged file). */
  | 'records-open'
  /** The database was migrated by a newer summit-bot than this one. */
  | 'records-newer-schema';

export class RecordStoreError extends Error {
  constructor(
    readonly code: RecordStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RecordStoreError';
  }
}
