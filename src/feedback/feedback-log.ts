/**
 * Feedback (👍/👎) on answers, behind a small interface so a later store (a database) can
 * replace the append-only JSONL file without touching the adapters.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface FeedbackEntry {
  /** ISO time of the click. */
  at: string;
  platform: 'slack' | 'discord' | 'console';
  vote: 'up' | 'down';
  question: string;
  answerKind: string;
  /** Cited passage ids, best first. */
  citations: string[];
  /** A salted hash of the platform user id: lets us count distinct voters, not identify them. */
  user: string;
}

export interface FeedbackStore {
  record(entry: FeedbackEntry): Promise<void>;
}

/** Hashes a platform user id so the log never holds it in the clear. */
export function anonymiseUser(platform: string, userId: string, salt = 'summit-bot'): string {
  return createHash('sha256').update(`${salt}:${platform}:${userId}`).digest('hex').slice(0, 16);
}

/** Appends one JSON line per vote; writes are serialised so lines never interleave. */
export class JsonlFeedbackStore implements FeedbackStore {
  private queue: Promise<void> = Promise.resolve();
  constructor(private readonly path: string) {}

  record(entry: FeedbackEntry): Promise<void> {
    const line = JSON.stringify(entry) + '\n';
    const write = this.queue.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, line, 'utf8');
    });
    this.queue = write.catch(() => undefined);
    return write;
  }
}

/** Keeps votes in memory: for tests and the console. */
export class MemoryFeedbackStore implements FeedbackStore {
  readonly entries: FeedbackEntry[] = [];
  async record(entry: FeedbackEntry): Promise<void> {
    this.entries.push(entry);
  }
}
