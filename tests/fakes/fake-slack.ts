/**
 * A fake Slack that speaks the wire protocol on 127.0.0.1, so tests drive the real @slack/bolt
 * (and the real WebClient and SocketModeClient inside it) exactly as production does:
 *
 * - a Web API server (`/api/<method>`): auth.test, apps.connections.open, chat.postMessage,
 *   chat.postEphemeral, chat.update, pins.add/list/remove, with bearer-token checks, stored
 *   messages and pins, and injectable faults (HTTP 429 with Retry-After, 5xx, `ok:false`);
 * - a `response_url` sink (`/respond/<n>`) for slash command and button replies;
 * - a Socket Mode WebSocket (`/socket`): `hello`, server pings, envelopes, acks, `disconnect`;
 * - a sender that delivers events, commands and button clicks to the bot, either as signed HTTP
 *   requests (HMAC-SHA256 of `v0:ts:body`) or as Socket Mode envelopes.
 *
 * It never opens a connection to anything but 127.0.0.1.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { Agent as HttpAgent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One Web API request the bot made. */
export interface ApiCall {
  method: string;
  params: Record<string, any>;
  /** The bearer token sent, as received (tests assert on it, never log it). */
  token?: string;
  at: number;
}

/** A message as the fake stores it (posted by the bot, or seeded by a test). */
export interface StoredMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: any[];
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  ephemeral?: boolean;
  /** For ephemeral messages: who sees it. */
  visibleTo?: string;
}

/** A body POSTed to a response_url. */
export interface ResponseUrlPost {
  id: string;
  body: Record<string, any>;
  at: number;
}

/** A fault to inject on a Web API method. */
export interface Fault {
  /** HTTP status: 429 (with `retryAfter`) or 5xx. Omit for an `ok:false` reply with `error`. */
  status?: number;
  retryAfter?: number;
  /** Slack error code for an HTTP 200 `{ ok: false, error }` reply. */
  error?: string;
  /** How many calls it hits; default 1. `Infinity` for every call. */
  times?: number;
}

export interface FakeSlackOptions {
  /** Bot token the Web API accepts (xoxb-…). Requests with another token get `invalid_auth`. */
  botToken: string;
  /** App token apps.connections.open accepts (xapp-…). */
  appToken?: string;
  botUserId?: string;
  botId?: string;
  botName?: string;
  /** Server ping interval on the Socket Mode WebSocket. Default 5 s (the client gives up after 30 s). */
  pingIntervalMs?: number;
}

/** How the fake is unreachable during `goDown()`. */
export type Outage = 'refuse' | 'unavailable';

type Falsy = false | 0 | '' | null | undefined;

const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata']);

export class FakeSlack {
  readonly botUserId: string;
  readonly botId: string;
  readonly botName: string;
  readonly teamId = 'T0FAKE';
  readonly appId = 'A0FAKE';
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly messages: StoredMessage[] = [];
  /** Pinned message ts per channel, in pin order. */
  readonly pins = new Map<string, string[]>();
  /** Channels the bot is not a member of: postMessage and pins.add answer `not_in_channel`. */
  readonly channelsWithoutBot = new Set<string>();
  /** A standing `pins.add` error per channel (no_permission, too_many_pins, restricted_action…). */
  readonly pinErrors = new Map<string, string>();
  /** Pins a channel may hold before pins.add answers `too_many_pins` (Slack's limit is 100). */
  pinLimit = 100;
  /** Socket Mode acks received, by envelope id. */
  readonly acks = new Map<string, Record<string, unknown> | undefined>();
  /** Socket Mode connections opened so far. */
  socketConnections = 0;
  /** Set while `goDown()` holds: how the fake is unreachable. */
  outage?: Outage;

  private server?: Server;
  private wss?: WebSocketServer;
  private sockets = new Set<WebSocket>();
  private faults = new Map<string, Fault[]>();
  private delays = new Map<string, number>();
  private tsSeq = 0;
  private responseSeq = 0;
  private waiters: (() => void)[] = [];
  private ackWaiters = new Map<string, (payload: Record<string, unknown> | undefined) => void>();
  private pingTimer?: NodeJS.Timeout;
  /** The port first listened on, kept so `comeUp()` returns on the same address. */
  private listenPort?: number;

  constructor(private readonly options: FakeSlackOptions) {
    this.botUserId = options.botUserId ?? 'U0SUMMITBOT';
    this.botId = options.botId ?? 'B0SUMMITBOT';
    this.botName = options.botName ?? 'summit-bot';
  }

  /** Starts listening on 127.0.0.1 (`port` 0 picks a free one). */
  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.route(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket') || this.outage) return socket.destroy();
      this.wss!.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.listenPort = (this.server.address() as AddressInfo).port;
    this.pingTimer = setInterval(() => this.sockets.forEach((s) => s.ping()), this.options.pingIntervalMs ?? 5_000);
    this.pingTimer.unref();
    return this;
  }

  get port(): number {
    return (this.server!.address() as AddressInfo | null)?.port ?? this.listenPort!;
  }

  /**
   * Takes Slack away, as a network or Slack outage does: every Socket Mode connection is dropped,
   * and until `comeUp()` either nothing listens on the port (`'refuse'`: connections are refused,
   * the default) or the port answers every Web API call with HTTP 503 and refuses WebSocket
   * upgrades (`'unavailable'`).
   */
  async goDown(outage: Outage = 'refuse'): Promise<void> {
    this.outage = outage;
    for (const s of this.sockets) s.terminate();
    if (outage === 'refuse') {
      const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
      this.server!.closeAllConnections();
      await closed;
    }
  }

  /** Ends an outage begun by `goDown()`, listening again on the same port. */
  async comeUp(): Promise<void> {
    const outage = this.outage;
    this.outage = undefined;
    if (outage === 'refuse') await new Promise<void>((resolve) => this.server!.listen(this.listenPort, '127.0.0.1', resolve));
    this.notify();
  }

  /** The Web API base URL to give the bot as SLACK_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A fresh response_url on this fake. */
  responseUrl(): string {
    this.responseSeq += 1;
    return `http://127.0.0.1:${this.port}/respond/${this.responseSeq}`;
  }

  async stop(): Promise<void> {
    clearInterval(this.pingTimer);
    for (const s of this.sockets) s.terminate();
    this.wss?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Makes the next `times` calls of `method` fail as described; `respond` targets response_url posts. */
  fail(method: string, fault: Fault): void {
    const list = this.faults.get(method) ?? [];
    list.push({ times: 1, ...fault });
    this.faults.set(method, list);
  }

  /** Clears every injected fault and delay. */
  clearFaults(): void {
    this.faults.clear();
    this.delays.clear();
  }

  /** Makes every call of `method` answer after `ms` (a slow Slack). */
  delay(method: string, ms: number): void {
    this.delays.set(method, ms);
  }

  /** Web API calls of one method, in order. */
  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Everything the bot sent that a user could see: posted and ephemeral messages and response_url posts. */
  allOutput(): unknown[] {
    return [...this.messages.filter((m) => m.user === this.botUserId || m.ephemeral), ...this.responses.map((r) => r.body)];
  }

  /** Resolves when `predicate` holds, re-checking after every request the fake receives. */
  async waitFor<T>(predicate: () => T, timeoutMs = 5_000, what = 'condition'): Promise<Exclude<T, Falsy>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value as Exclude<T, Falsy>;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`fake Slack: timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Seeds a message (e.g. a user's question) so pins and threads can refer to it. */
  seedMessage(m: StoredMessage): StoredMessage {
    this.messages.push(m);
    return m;
  }

  /** A message timestamp in Slack's `seconds.micro` form, unique within this fake. */
  nextTs(): string {
    this.tsSeq += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsSeq).padStart(6, '0')}`;
  }

  // ---- Socket Mode ----------------------------------------------------------------------------

  /** The ws:// URL apps.connections.open hands out. */
  get socketUrl(): string {
    return `ws://127.0.0.1:${this.port}/socket`;
  }

  /** Socket Mode connections open now. */
  get openSockets(): number {
    return [...this.sockets].filter((s) => s.readyState === s.OPEN).length;
  }

  /** Resolves once a Socket Mode client is connected (after `hello`). */
  waitForSocket(timeoutMs = 5_000): Promise<WebSocket> {
    return this.waitFor(() => [...this.sockets].find((s) => s.readyState === s.OPEN), timeoutMs, 'a Socket Mode connection');
  }

  /**
   * Sends an envelope to the connected client and resolves with its ack's payload. Socket Mode
   * apps must ack within 3 s, as over HTTP.
   */
  async sendEnvelope(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: Record<string, unknown>,
    options: { retryAttempt?: number; ackTimeoutMs?: number } = {},
  ): Promise<Record<string, unknown> | undefined> {
    const ws = await this.waitForSocket();
    const envelopeId = randomUUID();
    const acked = new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no ack for envelope ${envelopeId}`)), options.ackTimeoutMs ?? 3_000);
      this.ackWaiters.set(envelopeId, (p) => {
        clearTimeout(t);
        resolve(p);
      });
    });
    ws.send(JSON.stringify({
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api' ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryAttempt ? 'timeout' : '' } : {}),
    }));
    return acked;
  }

  /** Asks connected clients to reconnect, as Slack does when it recycles a server. */
  sendDisconnect(reason = 'refresh_requested'): void {
    for (const s of this.sockets) s.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake' } }));
  }

  private onSocket(ws: WebSocket): void {
    this.socketConnections += 1;
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      let msg: { envelope_id?: string; payload?: Record<string, unknown> };
      try {
        msg = JSON.parse(String(data));
      } catch {
        return;
      }
      if (!msg.envelope_id) return;
      this.acks.set(msg.envelope_id, msg.payload);
      this.ackWaiters.get(msg.envelope_id)?.(msg.payload);
      this.ackWaiters.delete(msg.envelope_id);
      this.notify();
    });
    ws.send(JSON.stringify({
      type: 'hello',
      num_connections: this.sockets.size,
      debug_info: { host: 'fake-slack', approximate_connection_time: 18060 },
      connection_info: { app_id: this.appId },
    }));
    this.notify();
  }

  // ---- HTTP -----------------------------------------------------------------------------------

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    if (this.outage) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('service unavailable');
      return;
    }
    try {
      if (url.pathname.startsWith('/respond/')) {
        const fault = this.takeFault('respond');
        if (fault) {
          res.writeHead(fault.status ?? 404, { 'content-type': 'text/plain' }).end(fault.error ?? 'expired_url');
          return;
        }
        this.responses.push({ id: url.pathname.slice('/respond/'.length), body: parseBody(raw, req.headers['content-type']), at: Date.now() });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      if (url.pathname.startsWith('/api/')) {
        const method = url.pathname.slice('/api/'.length);
        const delay = this.delays.get(method);
        if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const params = parseBody(raw, req.headers['content-type']);
        this.calls.push({ method, params, token, at: Date.now() });
        const fault = this.takeFault(method);
        if (fault?.status) {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
          res.writeHead(fault.status, headers).end(JSON.stringify({ ok: false, error: fault.status === 429 ? 'ratelimited' : 'internal_error' }));
          return;
        }
        const body = fault?.error ? { ok: false, error: fault.error } : this.api(method, params, token);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        return;
      }
      res.writeHead(404).end();
    } finally {
      this.notify();
    }
  }

  private takeFault(method: string): Fault | undefined {
    const list = this.faults.get(method);
    const fault = list?.[0];
    if (!list || !fault) return undefined;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) list.shift();
    return fault;
  }

  private api(method: string, p: Record<string, any>, token: string | undefined): Record<string, unknown> {
    if (method === 'apps.connections.open') {
      if (!token || token !== this.options.appToken) return { ok: false, error: 'invalid_auth' };
      return { ok: true, url: this.socketUrl };
    }
    if (!token) return { ok: false, error: 'not_authed' };
    if (token !== this.options.botToken) return { ok: false, error: 'invalid_auth' };
    const channel = String(p.channel ?? '');
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake Team', user: this.botName, team_id: this.teamId, user_id: this.botUserId, bot_id: this.botId };
      case 'chat.postMessage': {
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (this.channelsWithoutBot.has(channel)) return { ok: false, error: 'not_in_channel' };
        if (!p.text && !p.blocks) return { ok: false, error: 'no_text' };
        const m = this.seedMessage({ channel, ts: this.nextTs(), text: p.text, blocks: p.blocks, thread_ts: p.thread_ts, user: this.botUserId, bot_id: this.botId });
        return { ok: true, channel, ts: m.ts, message: { type: 'message', ...m } };
      }
      case 'chat.postEphemeral': {
        if (!channel || !p.user) return { ok: false, error: 'channel_not_found' };
        const m = this.seedMessage({ channel, ts: this.nextTs(), text: p.text, blocks: p.blocks, thread_ts: p.thread_ts, ephemeral: true, visibleTo: p.user });
        return { ok: true, message_ts: m.ts };
      }
      case 'chat.update': {
        const m = this.messages.find((x) => x.channel === channel && x.ts === p.ts);
        if (!m) return { ok: false, error: 'message_not_found' };
        Object.assign(m, { text: p.text, blocks: p.blocks });
        return { ok: true, channel, ts: m.ts };
      }
      case 'pins.add': {
        if (this.channelsWithoutBot.has(channel)) return { ok: false, error: 'not_in_channel' };
        const err = this.pinErrors.get(channel);
        if (err) return { ok: false, error: err };
        if (!this.messages.some((x) => x.channel === channel && x.ts === p.timestamp)) return { ok: false, error: 'message_not_found' };
        const pins = this.pins.get(channel) ?? [];
        if (pins.includes(p.timestamp)) return { ok: false, error: 'already_pinned' };
        if (pins.length >= this.pinLimit) return { ok: false, error: 'too_many_pins' };
        pins.push(p.timestamp);
        this.pins.set(channel, pins);
        return { ok: true };
      }
      case 'pins.list': {
        const items = (this.pins.get(channel) ?? []).map((ts) => {
          const { ephemeral: _e, visibleTo: _v, ...message } = this.messages.find((x) => x.channel === channel && x.ts === ts)!;
          return { type: 'message', channel, created: Number(ts.split('.')[0]), created_by: this.botUserId, message: { type: 'message', ...message } };
        });
        return { ok: true, items };
      }
      case 'pins.remove': {
        const pins = this.pins.get(channel) ?? [];
        if (!pins.includes(p.timestamp)) return { ok: false, error: 'no_pin' };
        this.pins.set(channel, pins.filter((ts) => ts !== p.timestamp));
        return { ok: true };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Web API bodies arrive form-encoded (objects as JSON strings) or as JSON. */
function parseBody(raw: string, contentType: string | undefined): Record<string, any> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw);
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = JSON_FIELDS.has(k) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

// ---- Delivering to the bot --------------------------------------------------------------------

/** Slack's request signature: `v0=` + HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function signSlackRequest(signingSecret: string, body: string, timestamp: number): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** What a delivery to the bot came back with. */
export interface DeliveryResult {
  /** HTTP status (HTTP mode); 200 for an acked envelope (Socket Mode). */
  status: number;
  /** Milliseconds from send to ack. */
  ackMs: number;
  body: string;
}

/** How the sender reaches the bot. */
export type BotEndpoint =
  | { mode: 'http'; url: string; signingSecret: string }
  | { mode: 'socket'; fake: FakeSlack };

let eventSeq = 0;

/**
 * Builds the platform's payloads and delivers them to the bot over HTTP (signed) or Socket Mode,
 * the way Slack does.
 */
export class SlackSender {
  constructor(private readonly fake: FakeSlack, private readonly endpoint: BotEndpoint) {}

  /** An Events API callback around `event`, with a fresh event id unless one is given. */
  eventCallback(event: Record<string, unknown>, eventId = `Ev${String(++eventSeq).padStart(8, '0')}`): Record<string, unknown> {
    return {
      token: 'verification-token-unused',
      team_id: this.fake.teamId,
      api_app_id: this.fake.appId,
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event,
      authorizations: [{ team_id: this.fake.teamId, user_id: this.fake.botUserId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    };
  }

  /** Delivers an Events API callback. `retryNum` marks a redelivery (X-Slack-Retry-Num). */
  async event(callback: Record<string, unknown>, options: { retryNum?: number } = {}): Promise<DeliveryResult> {
    if (this.endpoint.mode === 'socket') return this.envelope('events_api', callback, options.retryNum);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.retryNum) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    return this.post(JSON.stringify(callback), headers);
  }

  /** Delivers a slash command from `user` in `channel`; its response_url points at the fake. */
  async command(command: string, text: string, options: { user?: string; channel?: string; channelName?: string } = {}): Promise<DeliveryResult & { responseUrl: string }> {
    const responseUrl = this.fake.responseUrl();
    const fields: Record<string, string> = {
      token: 'verification-token-unused',
      team_id: this.fake.teamId,
      team_domain: 'fake',
      channel_id: options.channel ?? 'C0GENERAL',
      channel_name: options.channelName ?? 'general',
      user_id: options.user ?? 'U0ASKER',
      user_name: 'asker',
      command,
      text,
      api_app_id: this.fake.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: `${Date.now()}.trigger`,
    };
    const result = this.endpoint.mode === 'socket'
      ? await this.envelope('slash_commands', fields)
      : await this.post(new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    return { ...result, responseUrl };
  }

  /** Delivers a block_actions click on a button the bot sent. */
  async click(
    action: { action_id: string; value?: string; block_id?: string },
    where: { user?: string; channel?: string; messageTs?: string; ephemeral?: boolean; threadTs?: string } = {},
  ): Promise<DeliveryResult & { responseUrl: string }> {
    const responseUrl = this.fake.responseUrl();
    const channel = where.channel ?? 'C0GENERAL';
    const payload = {
      type: 'block_actions',
      user: { id: where.user ?? 'U0ASKER', username: 'asker', team_id: this.fake.teamId },
      api_app_id: this.fake.appId,
      token: 'verification-token-unused',
      container: { type: 'message', message_ts: where.messageTs ?? '1.000001', channel_id: channel, is_ephemeral: Boolean(where.ephemeral), thread_ts: where.threadTs },
      trigger_id: `${Date.now()}.trigger`,
      team: { id: this.fake.teamId, domain: 'fake' },
      channel: { id: channel, name: 'general' },
      response_url: responseUrl,
      actions: [{ type: 'button', block_id: action.block_id ?? 'b', action_id: action.action_id, value: action.value, action_ts: `${Date.now() / 1000}` }],
    };
    const result = this.endpoint.mode === 'socket'
      ? await this.envelope('interactive', payload)
      : await this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    return { ...result, responseUrl };
  }

  /** POSTs a correctly signed request; `sign` lets a test break the signature or age the timestamp. */
  async post(body: string, headers: Record<string, string>, sign: { secret?: string; timestamp?: number } = {}): Promise<DeliveryResult> {
    if (this.endpoint.mode !== 'http') throw new Error('post() needs an HTTP endpoint');
    const ts = sign.timestamp ?? Math.floor(Date.now() / 1000);
    const started = performance.now();
    const res = await postText(this.endpoint.url, body, {
      ...headers,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signSlackRequest(sign.secret ?? this.endpoint.signingSecret, body, ts),
    });
    return { status: res.status, ackMs: performance.now() - started, body: res.body };
  }

  private async envelope(type: 'events_api' | 'slash_commands' | 'interactive', payload: Record<string, unknown>, retryAttempt?: number): Promise<DeliveryResult> {
    const started = performance.now();
    const ack = await this.fake.sendEnvelope(type, payload, { retryAttempt });
    return { status: 200, ackMs: performance.now() - started, body: JSON.stringify(ack ?? {}) };
  }
}

/**
 * A plain node:http POST on a keep-alive agent: the load run sends thousands of these from one
 * process, and fetch's per-request cost there would be measured as the bot's latency.
 */
const keepAlive = new HttpAgent({ keepAlive: true, maxSockets: 64 });
function postText(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent: keepAlive, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
