/**
 * The metrics registry: each method moves the series it names, with the labels it is given, and
 * the process metrics are there; two registries do not share counts.
 */
import { describe, expect, it } from 'vitest';
import { ANSWER_BUCKETS, createMetrics } from '../../adapters/observability/metrics.ts';

/** The value of one series in Prometheus text, or undefined when it is absent. */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GIVEN a fresh metrics registry', () => {
  it('THEN question() counts by platform and outcome and times the answer', async () => {
    const m = createMetrics();
    m.question('slack', 'answered', 0.042);
    m.question('slack', 'answered', 0.3);
    m.question('discord', 'not-covered', 0.02);
    const text = await m.text();
    expect(value(text, 'summit_questions_total{platform="slack",outcome="answered"}')).toBe(2);
    expect(value(text, 'summit_questions_total{platform="discord",outcome="not-covered"}')).toBe(1);
    expect(value(text, 'summit_answer_seconds_count{platform="slack"}')).toBe(2);
    expect(value(text, 'summit_answer_seconds_sum{platform="slack"}')).toBeCloseTo(0.342);
    expect(value(text, 'summit_answer_seconds_bucket{le="0.05",platform="slack"}')).toBe(1);
    expect(value(text, 'summit_answer_seconds_bucket{le="0.5",platform="slack"}')).toBe(2);
  });

  it('THEN the answer buckets run from 5 ms to 10 s', () => {
    expect(ANSWER_BUCKETS[0]).toBe(0.005);
    expect(ANSWER_BUCKETS.at(-1)).toBe(10);
    expect([...ANSWER_BUCKETS].sort((a, b) => a - b)).toEqual(ANSWER_BUCKETS);
  });

  it('THEN a negative or non-finite duration is counted as a question but not timed', async () => {
    const m = createMetrics();
    m.question('slack', 'failed', -1);
    m.question('slack', 'failed', Number.NaN);
    const text = await m.text();
    expect(value(text, 'summit_questions_total{platform="slack",outcome="failed"}')).toBe(2);
    expect(value(text, 'summit_answer_seconds_count{platform="slack"}')).toBeUndefined();
  });

  it('THEN API errors, retries, reconnects and rate limits each have their counter', async () => {
    const m = createMetrics();
    m.apiError('slack', 'not_in_channel');
    m.apiError('slack', 'not_in_channel');
    m.retry('discord');
    m.reconnect('slack');
    m.rateLimited('slack');
    const text = await m.text();
    expect(value(text, 'summit_platform_api_errors_total{platform="slack",code="not_in_channel"}')).toBe(2);
    expect(value(text, 'summit_platform_retries_total{platform="discord"}')).toBe(1);
    expect(value(text, 'summit_platform_reconnects_total{platform="slack"}')).toBe(1);
    expect(value(text, 'summit_rate_limited_total{platform="slack"}')).toBe(1);
  });

  it('THEN queue depth and connection state can be set, or read from an adapter at every scrape', async () => {
    const m = createMetrics();
    m.setQueueDepth('slack', 3);
    m.connection('slack', false);
    let text = await m.text();
    expect(value(text, 'summit_work_queue_depth{platform="slack"}')).toBe(3);
    expect(value(text, 'summit_platform_connected{platform="slack"}')).toBe(0);

    let up = true;
    let depth = 5;
    m.watch('discord', { connected: () => up, queueDepth: () => depth });
    text = await m.text();
    expect(value(text, 'summit_platform_connected{platform="discord"}')).toBe(1);
    expect(value(text, 'summit_work_queue_depth{platform="discord"}')).toBe(5);
    up = false;
    depth = 0;
    text = await m.text();
    expect(value(text, 'summit_platform_connected{platform="discord"}')).toBe(0);
    expect(value(text, 'summit_work_queue_depth{platform="discord"}')).toBe(0);
  });

  it('THEN the process metrics are there, under the same prefix', async () => {
    const text = await createMetrics().text();
    expect(text).toMatch(/^summit_process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^summit_process_resident_memory_bytes \d/m);
    expect(text).toMatch(/^summit_nodejs_heap_size_used_bytes \d/m);
    expect(text).toContain('# TYPE summit_nodejs_eventloop_lag_seconds gauge');
  });

  it('THEN two registries count separately', async () => {
    const a = createMetrics({ defaultMetrics: false });
    const b = createMetrics({ defaultMetrics: false });
    a.question('slack', 'answered', 0.01);
    expect(value(await a.text(), 'summit_questions_total{platform="slack",outcome="answered"}')).toBe(1);
    expect(value(await b.text(), 'summit_questions_total{platform="slack",outcome="answered"}')).toBeUndefined();
    expect(a.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
