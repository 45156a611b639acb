/**
 * The record store in memory: for tests and the console, where nothing should outlive the
 * process. It keeps the same contract as the SQL stores (the shared contract suite holds it).
 */
import type { FeedbackRecord, QuestionRecord, RecordStore } from './record-store.ts';
import { pruneCutoff } from './record-rows.ts';

export class MemoryRecordStore implements RecordStore {
  readonly kind = 'memory';
  // Copies in and out, as a database would: a caller mutating a record later changes nothing here.
  private questionLog: QuestionRecord[] = [];
  private votes = new Map<string, FeedbackRecord>();
  private closed = false;

  async logQuestion(record: QuestionRecord): Promise<void> {
    this.questionLog.push(structuredClone(record));
  }

  async vote(record: FeedbackRecord): Promise<void> {
    this.votes.set(`${record.answerId}\0${record.user}`, structuredClone(record));
  }

  async questions(since?: number): Promise<QuestionRecord[]> {
    const rows = since === undefined ? this.questionLog : this.questionLog.filter((q) => q.at >= since);
    // A stable sort: questions logged in the same millisecond keep their order, as `ORDER BY at, id` does.
    return structuredClone(rows).sort((a, b) => a.at - b.at);
  }

  async feedback(): Promise<FeedbackRecord[]> {
    return structuredClone([...this.votes.values()]).sort(compareFeedback);
  }

  async prune(days: number): Promise<number> {
    const cutoff = pruneCutoff(days, Date.now());
    const before = this.questionLog.length;
    this.questionLog = this.questionLog.filter((q) => q.at >= cutoff);
    return before - this.questionLog.length;
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** The order every store returns votes in: `ORDER BY at, answer_id, user_hash`. */
function compareFeedback(a: FeedbackRecord, b: FeedbackRecord): number {
  return a.at - b.at || compareText(a.answerId, b.answerId) || compareText(a.user, b.user);
}

// Code-unit order, as SQLite's BINARY collation; PostgreSQL's ORDER BY uses `COLLATE "C"` to match.
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
