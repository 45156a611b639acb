/**
 * What every chat adapter is given: the answer core and the process services. Adapters never
 * build these themselves, so tests can hand them fakes and `main.ts` wires the real ones.
 */
import type { Answerer } from '../src/index.ts';
import type { LimitsConfig } from './config.ts';
import type { Logger } from './logger.ts';
import type { Platform, RecordStore } from './records/record-store.ts';
import type { StateStore } from './state/state-store.ts';

/** What the adapters report to metrics (`observability/metrics.ts` implements it). */
export interface MetricsSink {
  question(platform: Platform, outcome: string, seconds: number): void;
  rateLimited(platform: Platform): void;
  apiError(platform: Platform, code: string): void;
  retry(platform: Platform): void;
  /** An attempt to reopen a lost platform connection. */
  reconnect(platform: Platform): void;
}

export interface AdapterDeps {
  answerer: Answerer;
  logger: Logger;
  limits: LimitsConfig;
  /** Conversation memory, dedupe, rate limits, cooldowns: shared by replicas when it is Redis. */
  state: StateStore;
  /** The question log and feedback. */
  records: RecordStore;
  /** The secret salt user ids are hashed with before anything is stored. */
  userSalt: string;
  metrics?: MetricsSink;
}

/** A started adapter. `stop()` stops taking new work, lets in-flight work finish, closes connections. */
export interface RunningAdapter {
  readonly name: string;
  stop(): Promise<void>;
  /** Whether the platform connection is up now (for /readyz). */
  connected?(): boolean;
}
