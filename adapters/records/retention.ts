/**
 * Keeps the question log to its retention period (QUESTION_LOG_RETENTION_DAYS): prunes once at
 * start, then every 6 hours. A failed prune is logged and tried again next time; it never takes
 * the bot down.
 */
import type { Logger } from '../logger.ts';
import type { RecordStore } from './record-store.ts';

/** How often the log is pruned after the first time. */
export const RETENTION_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** Starts pruning `store` to `days`; the returned function stops it (call it before `store.close()`). */
export function startRetention(store: RecordStore, days: number, logger?: Pick<Logger, 'info' | 'warn'>): () => void {
  const run = async () => {
    try {
      const pruned = await store.prune(days);
      logger?.info({ pruned, days, store: store.kind }, `records: pruned ${pruned} question${pruned === 1 ? '' : 's'} older than ${days} days`);
    } catch (err) {
      logger?.warn({ err, days, store: store.kind }, 'records: pruning the question log failed; will try again');
    }
  };
  void run();
  const timer = setInterval(() => void run(), RETENTION_INTERVAL_MS);
  // Pruning is housekeeping: it must not keep a process alive that is otherwise done.
  timer.unref();
  return () => clearInterval(timer);
}
