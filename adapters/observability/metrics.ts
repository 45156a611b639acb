/**
 * The process's Prometheus metrics (prom-client), behind a few typed methods so adapters say what
 * happened (`question`, `apiError`, `retry`, `rateLimited`) and never touch label names. Each call
 * to `createMetrics()` owns its own `Registry`, so tests and several bots in one process do not
 * share counters; `text()` is what `GET /metrics` serves.
 *
 * The metrics, one line each (the README copies this list):
 *
 * - `summit_questions_total{platform,outcome}` (counter): questions taken, by how they ended
 *   (`answered`, `not-covered`, `usage`, `rate-limited`, `failed`…).
 * - `summit_answer_seconds{platform}` (histogram): from taking a question to having its answer,
 *   buckets 5 ms to 10 s.
 * - `summit_platform_api_errors_total{platform,code}` (counter): platform API calls that failed
 *   for good, by the platform's error code (`not_in_channel`, `http_503`, `request_failed`…).
 * - `summit_platform_retries_total{platform}` (counter): API calls the client library retried.
 * - `summit_platform_reconnects_total{platform}` (counter): attempts to reopen a lost platform
 *   connection (Socket Mode, the Discord gateway).
 * - `summit_rate_limited_total{platform}` (counter): requests turned away or delayed by a rate
 *   limit, ours (per user) or the platform's (HTTP 429).
 * - `summit_work_queue_depth{platform}` (gauge): answers running or waiting for a slot.
 * - `summit_platform_connected{platform}` (gauge): 1 while the platform connection is up, else 0.
 * - `summit_process_*`, `summit_nodejs_*` (prom-client's default metrics): CPU, resident memory,
 *   heap, event-loop lag, GC, open handles, start time.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricsSink } from '../deps.ts';
import type { Platform } from '../records/record-store.ts';

/** Prefix of every metric this process exports, the default ones included. */
export const METRIC_PREFIX = 'summit_';

/** Seconds: 5 ms to 10 s, about two buckets per doubling where answers usually fall. */
export const ANSWER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What a platform adapter can be asked at scrape time. */
export interface WatchedPlatform {
  /** Whether the connection is up now (`summit_platform_connected`). */
  connected?(): boolean;
  /** Answers running or waiting now (`summit_work_queue_depth`). */
  queueDepth?(): number;
}

/** The process's metrics. Structurally a `MetricsSink`, so it can go into `AdapterDeps.metrics`. */
export interface Metrics extends MetricsSink {
  /** One question taken on `platform`, how it ended, and how long it took in seconds. */
  question(platform: Platform, outcome: string, seconds: number): void;
  /** A platform API call failed for good with `code`. */
  apiError(platform: Platform, code: string): void;
  /** A platform API call was retried. */
  retry(platform: Platform): void;
  /** A request was turned away or delayed by a rate limit (ours or the platform's). */
  rateLimited(platform: Platform): void;
  /** An attempt to reopen a lost platform connection. */
  reconnect(platform: Platform): void;
  /** Sets the work queue depth; `watch` reads it at scrape time instead. */
  setQueueDepth(platform: Platform, depth: number): void;
  /** Sets whether the platform connection is up; `watch` reads it at scrape time instead. */
  connection(platform: Platform, up: boolean): void;
  /**
   * Reads the connection state and queue depth of a running adapter at every scrape (a
   * `RunningAdapter` with `connected()` and `queueDepth()` fits). Replaces an earlier watch.
   */
  watch(platform: Platform, source: WatchedPlatform): void;
  /** The registry, for anything this interface does not name. */
  readonly registry: Registry;
  /** The `Content-Type` of `text()`. */
  readonly contentType: string;
  /** Everything, in the Prometheus text exposition format. */
  text(): Promise<string>;
}

/** Options for `createMetrics`. */
export interface MetricsOptions {
  /** Collect prom-client's process and Node.js metrics. Default true. */
  defaultMetrics?: boolean;
}

/** Creates a registry with the bot's metrics (and, by default, the process metrics). */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const registers = [registry];
  const watched = new Map<Platform, WatchedPlatform>();

  const questions = new Counter({
    name: `${METRIC_PREFIX}questions_total`,
    help: 'Questions taken, by platform and how they ended.',
    labelNames: ['platform', 'outcome'] as const,
    registers,
  });
  const latency = new Histogram({
    name: `${METRIC_PREFIX}answer_seconds`,
    help: 'Seconds from taking a question to having its answer.',
    labelNames: ['platform'] as const,
    buckets: ANSWER_BUCKETS,
    registers,
  });
  const apiErrors = new Counter({
    name: `${METRIC_PREFIX}platform_api_errors_total`,
    help: 'Platform API calls that failed for good, by error code.',
    labelNames: ['platform', 'code'] as const,
    registers,
  });
  const retries = new Counter({
    name: `${METRIC_PREFIX}platform_retries_total`,
    help: 'Platform API calls retried by the client library.',
    labelNames: ['platform'] as const,
    registers,
  });
  const reconnects = new Counter({
    name: `${METRIC_PREFIX}platform_reconnects_total`,
    help: 'Attempts to reopen a lost platform connection.',
    labelNames: ['platform'] as const,
    registers,
  });
  const rateLimited = new Counter({
    name: `${METRIC_PREFIX}rate_limited_total`,
    help: 'Requests turned away or delayed by a rate limit (per user, or the platform\'s HTTP 429).',
    labelNames: ['platform'] as const,
    registers,
  });
  const queueDepth = new Gauge({
    name: `${METRIC_PREFIX}work_queue_depth`,
    help: 'Answers running or waiting for a slot.',
    labelNames: ['platform'] as const,
    registers,
    collect() {
      for (const [platform, source] of watched) if (source.queueDepth) this.set({ platform }, source.queueDepth());
    },
  });
  const connected = new Gauge({
    name: `${METRIC_PREFIX}platform_connected`,
    help: '1 while the platform connection is up, else 0.',
    labelNames: ['platform'] as const,
    registers,
    collect() {
      for (const [platform, source] of watched) if (source.connected) this.set({ platform }, source.connected() ? 1 : 0);
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    question(platform, outcome, seconds) {
      questions.inc({ platform, outcome });
      // A negative or non-finite duration is a caller's clock bug; it would poison the sum.
      if (Number.isFinite(seconds) && seconds >= 0) latency.observe({ platform }, seconds);
    },
    apiError: (platform, code) => apiErrors.inc({ platform, code }),
    retry: (platform) => retries.inc({ platform }),
    rateLimited: (platform) => rateLimited.inc({ platform }),
    reconnect: (platform) => reconnects.inc({ platform }),
    setQueueDepth: (platform, depth) => queueDepth.set({ platform }, depth),
    connection: (platform, up) => connected.set({ platform }, up ? 1 : 0),
    watch: (platform, source) => void watched.set(platform, source),
    text: () => registry.metrics(),
  };
}
