/**
 * The operations server on a real port: liveness, readiness that follows its checks, the metrics
 * text, and nothing a client sends (unknown paths, other methods, garbage) takes it down.
 */
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../adapters/logger.ts';
import { READINESS_TIMEOUT_MS, startHttpServer, type Readiness, type RunningHttpServer } from '../../adapters/observability/http-server.ts';
import { createMetrics, type Metrics } from '../../adapters/observability/metrics.ts';

const servers: RunningHttpServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

interface Started {
  base: string;
  metrics: Metrics;
  logs: string[];
  setReadiness(r: () => Promise<Readiness>): void;
}

async function start(): Promise<Started> {
  const metrics = createMetrics();
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', destination: new Writable({ write: (c, _e, done) => (logs.push(String(c)), done()) }) });
  let readiness: () => Promise<Readiness> = async () => ({ ready: false, checks: { index: true, slack: 'connecting' } });
  const server = await startHttpServer({ port: 0, host: '127.0.0.1', metrics, logger, readiness: () => readiness() });
  servers.push(server);
  return { base: `http://127.0.0.1:${server.port}`, metrics, logs, setReadiness: (r) => (readiness = r) };
}

/** Sends raw bytes and resolves with whatever comes back before the server closes or 1 s passes. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.on('data', (d) => (out += String(d)));
    socket.on('error', reject);
    socket.on('close', () => resolve(out));
    setTimeout(() => socket.destroy(), 1_000).unref();
  });
}

describe('GIVEN the operations server on a free port', () => {
  it('THEN PORT=0 picks a real port and /healthz answers 200 {ok:true}', async () => {
    const s = await start();
    expect(Number(new URL(s.base).port)).toBeGreaterThan(0);
    const res = await fetch(`${s.base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('THEN /readyz is 503 with its checks until they pass, then 200', async () => {
    const s = await start();
    const before = await fetch(`${s.base}/readyz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({ ready: false, checks: { index: true, slack: 'connecting' } });
    s.setReadiness(async () => ({ ready: true, checks: { index: true, slack: true } }));
    const after = await fetch(`${s.base}/readyz`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ ready: true, checks: { index: true, slack: true } });
  });

  it('THEN a readiness check that throws reads as not ready, with the reason', async () => {
    const s = await start();
    s.setReadiness(async () => {
      throw new Error('state store unreachable');
    });
    const res = await fetch(`${s.base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, checks: { readiness: 'state store unreachable' } });
  });

  it('THEN a readiness check that hangs reads as not ready after the timeout', { timeout: READINESS_TIMEOUT_MS + 5_000 }, async () => {
    const s = await start();
    s.setReadiness(() => new Promise(() => undefined));
    const started = Date.now();
    const res = await fetch(`${s.base}/readyz`);
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(READINESS_TIMEOUT_MS - 50);
  });

  it('THEN /metrics serves Prometheus text with a question counted under its labels, and the process metrics', async () => {
    const s = await start();
    s.metrics.question('slack', 'answered', 0.12);
    const res = await fetch(`${s.base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^summit_questions_total\{platform="slack",outcome="answered"\} 1$/m);
    expect(text).toMatch(/^summit_answer_seconds_count\{platform="slack"\} 1$/m);
    expect(text).toMatch(/^summit_process_resident_memory_bytes \d+/m);
    s.metrics.question('slack', 'answered', 0.2);
    expect(await (await fetch(`${s.base}/metrics`)).text()).toMatch(/^summit_questions_total\{platform="slack",outcome="answered"\} 2$/m);
  });

  it('THEN an unknown path is 404 and a query string does not change the route', async () => {
    const s = await start();
    expect((await fetch(`${s.base}/nope`)).status).toBe(404);
    expect((await fetch(`${s.base}/`)).status).toBe(404);
    expect((await fetch(`${s.base}/healthz/extra`)).status).toBe(404);
    expect((await fetch(`${s.base}/healthz?probe=1`)).status).toBe(200);
  });

  it('THEN HEAD answers with headers and no body, and POST is 405 without crashing anything', async () => {
    const s = await start();
    const head = await fetch(`${s.base}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${s.base}/healthz`, { method: 'POST', body: 'x'.repeat(100_000) });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${s.base}/readyz`, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(`${s.base}/healthz`)).status).toBe(200);
  });

  it('THEN garbage on the socket gets a 400 and the server keeps serving', async () => {
    const s = await start();
    const port = Number(new URL(s.base).port);
    expect(await raw(port, 'NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(port, 'GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 (400|404)/);
    expect((await fetch(`${s.base}/healthz`)).status).toBe(200);
  });

  it('THEN metrics that fail to collect give a 500, logged, and the server lives on', async () => {
    const s = await start();
    s.metrics.registry.registerMetric({
      name: 'broken', help: 'x', type: 'gauge', aggregator: 'sum',
      get: async () => {
        throw new Error('collector broke');
      },
      reset: () => undefined,
    } as never);
    expect((await fetch(`${s.base}/metrics`)).status).toBe(500);
    expect(s.logs.join('')).toMatch(/could not collect metrics/);
    expect((await fetch(`${s.base}/healthz`)).status).toBe(200);
  });

  it('THEN a port in use fails at startup with what to do', async () => {
    const s = await start();
    const port = Number(new URL(s.base).port);
    await expect(startHttpServer({ port, host: '127.0.0.1', metrics: s.metrics, logger: createLogger({ level: 'silent' }), readiness: async () => ({ ready: true, checks: {} }) }))
      .rejects.toThrow(/PORT \d+ .*EADDRINUSE.*set PORT to a free port/);
  });
});
