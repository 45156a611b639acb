/**
 * The operations endpoints, on `PORT` in every mode:
 *
 * - `GET /healthz`: 200 `{"ok":true}` while the process runs (liveness: restart me if this fails);
 * - `GET /readyz`: 200 when the index is loaded and the platforms are connected, else 503, with
 *   each check in the body (readiness: send me traffic);
 * - `GET /metrics`: the Prometheus text of `Metrics`.
 *
 * Slack HTTP mode already listens on `PORT` for `/slack/events`, so there the same handlers go to
 * Bolt as `customRoutes` (`observabilityRoutes`); in Socket Mode and Discord `startHttpServer`
 * listens on its own. Nothing a client sends can throw out of a handler.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.ts';
import type { Metrics } from './metrics.ts';

/** What `/readyz` reports: ready only when every check is `true`; a string says why one is not. */
export interface Readiness {
  ready: boolean;
  checks: Record<string, boolean | string>;
}

/** What the endpoints need. */
export interface ObservabilityOptions {
  metrics: Pick<Metrics, 'text' | 'contentType'>;
  /** Asked on every `/readyz`; a throw or a hang over `READINESS_TIMEOUT_MS` reads as not ready. */
  readiness: () => Promise<Readiness>;
  logger: Logger;
}

export interface HttpServerOptions extends ObservabilityOptions {
  /** 0 picks a free port. */
  port: number;
  /** The interface to listen on. Default: all interfaces. */
  host?: string;
}

/** A listening operations server. */
export interface RunningHttpServer {
  /** The port actually listened on. */
  readonly port: number;
  close(): Promise<void>;
}

/** A route in the shape Bolt's `customRoutes` takes (HTTPReceiver and SocketModeReceiver). */
export interface ObservabilityRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** How long `/readyz` waits for the readiness checks before answering 503. */
export const READINESS_TIMEOUT_MS = 2_000;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function send(res: ServerResponse, status: number, contentType: string, body: string, head: boolean): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(head ? undefined : body);
}

const json = (res: ServerResponse, status: number, value: unknown, head = false) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), head);

/** The three handlers by path. Each writes a response whatever happens inside it. */
function handlers(options: ObservabilityOptions): Record<string, Handler> {
  const { metrics, readiness, logger } = options;
  return {
    '/healthz': async (req, res) => json(res, 200, { ok: true }, req.method === 'HEAD'),
    '/readyz': async (req, res) => {
      let result: Readiness;
      let timer: NodeJS.Timeout | undefined;
      try {
        result = await Promise.race([
          readiness(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`readiness checks took over ${READINESS_TIMEOUT_MS} ms`)), READINESS_TIMEOUT_MS);
          }),
        ]);
      } catch (err) {
        logger.warn({ err }, 'readiness check failed');
        result = { ready: false, checks: { readiness: err instanceof Error ? err.message : String(err) } };
      } finally {
        clearTimeout(timer);
      }
      json(res, result.ready ? 200 : 503, result, req.method === 'HEAD');
    },
    '/metrics': async (req, res) => {
      try {
        send(res, 200, metrics.contentType, await metrics.text(), req.method === 'HEAD');
      } catch (err) {
        logger.error({ err }, 'could not collect metrics');
        send(res, 500, 'text/plain; charset=utf-8', 'could not collect metrics\n', req.method === 'HEAD');
      }
    },
  };
}

/** Runs `handler`, turning anything it throws into a logged 500 rather than a dropped socket. */
function guarded(handler: Handler, logger: Logger): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handler(req, res).catch((err: unknown) => {
      logger.error({ err, url: req.url }, 'operations endpoint failed');
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n', false);
      else res.destroy();
    });
  };
}

/**
 * `/healthz`, `/readyz` and `/metrics` as Bolt `customRoutes`, so Slack HTTP mode serves them on
 * its own port beside `/slack/events`. GET only: Bolt answers other methods with 404.
 */
export function observabilityRoutes(options: ObservabilityOptions): ObservabilityRoute[] {
  return Object.entries(handlers(options)).map(([path, handler]) => ({ path, method: ['GET'], handler: guarded(handler, options.logger) }));
}

/** Listens on `port` with the three endpoints; everything else is a 404, other methods a 405. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const routes = handlers(options);
  const server = createServer((req, res) => {
    // Request bodies are never read; drain them so keep-alive connections stay usable.
    req.resume();
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'bad request\n', false);
    }
    const handler = routes[path];
    if (!handler) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n', req.method === 'HEAD');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', false);
    }
    guarded(handler, options.logger)(req, res);
  });
  // A client that sends garbage gets a 400 from node; its socket error must not reach the process.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const fix = code === 'EADDRINUSE' ? 'another process is using it: stop it or set PORT to a free port' : 'set PORT to a port this process may use';
    throw new Error(`Could not listen on PORT ${options.port} for /healthz, /readyz and /metrics (${code ?? String(err)}): ${fix}.`);
  }
  server.on('error', (err) => options.logger.error({ err }, 'operations server error'));
  const port = (server.address() as AddressInfo).port;
  options.logger.info({ port }, 'operations endpoints listening (/healthz, /readyz, /metrics)');
  return {
    port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
