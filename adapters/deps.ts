/**
 * What every chat adapter is given: the answer core and the process services. Adapters never
 * build these themselves, so tests can hand them fakes and `main.ts` wires the real ones.
 */
import type { Answerer } from '../src/index.ts';
import type { FeedbackStore } from '../src/index.ts';
import type { LimitsConfig } from './config.ts';
import type { Logger } from './logger.ts';

export interface AdapterDeps {
  answerer: Answerer;
  logger: Logger;
  feedback: FeedbackStore;
  limits: LimitsConfig;
}

/** A started adapter. `stop()` stops taking new work, lets in-flight work finish, closes connections. */
export interface RunningAdapter {
  readonly name: string;
  stop(): Promise<void>;
}
