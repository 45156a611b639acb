/**
 * A fake Discord that speaks the wire protocol on 127.0.0.1: REST under `/api/v10` and a gateway
 * WebSocket. Tests drive the real discord.js Client against it, so what is exercised is exactly
 * what runs in production; nothing in discord.js is mocked.
 *
 * It keeps just enough state to be believable (channels, messages, pins, interaction responses,
 * registered commands, gateway sessions with sequence numbers for RESUME) and records every REST
 * request so tests can assert on the bodies discord.js actually sent. Faults (429 with
 * Retry-After, 5xx, 403, slow responses) are injected per route.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** Discord's epoch (2015-01-01) for snowflakes. */
const DISCORD_EPOCH = 1_420_070_400_000n;
const API_PREFIX = '/api/v10';

/** Permission bits the fake checks (Discord's values). */
export const FAKE_PERMISSIONS = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  PinMessages: 1n << 51n,
} as const;

const ALL_BOT_PERMISSIONS = Object.values(FAKE_PERMISSIONS).reduce((a, b) => a | b, 0n);

const GatewayOp = { Dispatch: 0, Heartbeat: 1, Identify: 2, Resume: 6, Reconnect: 7, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;

export interface RecordedRequest {
  method: string;
  /** The raw path after `/api/v10`, still URL-encoded (`@original` arrives as `%40original`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: any;
  /** The status the fake answered with; 0 while the request is still being served. */
  status: number;
  at: number;
}

/** A canned failure (or delay) for the next request(s) matching `method` and `path`. */
export interface Fault {
  method?: string;
  path: RegExp;
  /** The status to answer with; when absent the request is served normally after `delayMs`. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail; default 1. */
  times?: number;
  /** Answer after this delay (to exercise client timeouts); the status is still sent. */
  delayMs?: number;
}

export interface FakeDiscordOptions {
  /** The bot token the fake accepts. */
  token?: string;
  applicationId?: string;
  /** Gateway heartbeat interval sent in HELLO; short in tests so heartbeats really happen. */
  heartbeatIntervalMs?: number;
  /** The bot's permissions in the guild (its role); default: everything it needs. */
  botPermissions?: bigint;
  /** Discord's pin limit per channel. */
  maxPins?: number;
}

export interface FakeUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: null;
  bot?: boolean;
}

interface GatewaySession {
  id: string;
  seq: number;
  events: { s: number; t: string; d: unknown }[];
  socket?: WebSocket;
}

interface InteractionState {
  id: string;
  token: string;
  channelId: string;
  guildId?: string;
  /** Callback type and data Discord received first. */
  callback?: { type: number; data?: any };
  original?: any;
  followups: any[];
}

export interface SlashOptions {
  /** Invoke in a DM with the bot instead of the guild channel. */
  dm?: boolean;
  user?: FakeUser;
  channelId?: string;
  /** Member permissions the invoking user has (string of bits); default all. */
  memberPermissions?: bigint;
}

/** A fake Discord REST API and gateway on an ephemeral 127.0.0.1 port. */
export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly bot: FakeUser;
  readonly alice: FakeUser;
  readonly otherBot: FakeUser;
  readonly guildId: string;
  readonly channelId: string;
  readonly otherChannelId: string;
  readonly dmChannelId: string;
  readonly botRoleId: string;
  botPermissions: bigint;
  maxPins: number;
  /** When false the gateway stops acknowledging heartbeats: a zombie connection to the client. */
  ackHeartbeats = true;

  /** Every REST request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Gateway payloads received from clients (IDENTIFY, RESUME, heartbeats). */
  readonly gatewayReceived: { op: number; d: any; at: number }[] = [];
  /** Messages per channel, as Discord would return them. */
  readonly messages = new Map<string, any[]>();
  /** Pins per channel, newest first. */
  readonly pins = new Map<string, { messageId: string; pinnedAt: string }[]>();
  /** Commands registered through PUT, by scope (`global` or a guild id). */
  readonly commands = new Map<string, any[]>();
  readonly interactions = new Map<string, InteractionState>();

  private readonly heartbeatIntervalMs: number;
  private readonly faults: Fault[] = [];
  private readonly sessions = new Map<string, GatewaySession>();
  private currentSession?: GatewaySession;
  private readonly waiters = new Set<() => void>();
  private snowflakeCounter = 0n;
  private server!: Server;
  private wss!: WebSocketServer;
  private port = 0;

  private constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? 'fake-discord-token.NOT-A-REAL-SECRET.x9';
    this.applicationId = options.applicationId ?? '1100000000000000001';
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 1_000;
    this.botPermissions = options.botPermissions ?? ALL_BOT_PERMISSIONS;
    this.maxPins = options.maxPins ?? 50;
    this.bot = this.user(this.applicationId, 'summit-bot', true);
    this.alice = this.user(this.snowflake(), 'alice');
    this.otherBot = this.user(this.snowflake(), 'other-bot', true);
    this.guildId = this.snowflake();
    this.channelId = this.snowflake();
    this.otherChannelId = this.snowflake();
    this.dmChannelId = this.snowflake();
    this.botRoleId = this.snowflake();
  }

  /** Starts the fake on an ephemeral port of 127.0.0.1. */
  static async start(options: FakeDiscordOptions = {}, port = 0): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    fake.server = createServer((req, res) => void fake.onHttp(req, res));
    fake.wss = new WebSocketServer({ server: fake.server });
    fake.wss.on('connection', (socket) => fake.onGatewayConnection(socket));
    await new Promise<void>((resolve) => fake.server.listen(port, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** The REST base URL without the version, as discord.js's `rest.api` wants it. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---------------------------------------------------------------- test controls

  /** Makes the next matching request(s) fail as described. */
  fault(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** A new snowflake, increasing. */
  snowflake(): string {
    this.snowflakeCounter += 1n;
    return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) + this.snowflakeCounter).toString();
  }

  user(id: string, username: string, bot = false): FakeUser {
    return { id, username, discriminator: '0', global_name: username, avatar: null, ...(bot ? { bot: true } : {}) };
  }

  /** How many IDENTIFY and RESUME payloads the gateway has received. */
  gatewayCount(op: 'identify' | 'resume' | 'heartbeat'): number {
    const code = { identify: GatewayOp.Identify, resume: GatewayOp.Resume, heartbeat: GatewayOp.Heartbeat }[op];
    return this.gatewayReceived.filter((p) => p.op === code).length;
  }

  /** Closes the bot's gateway socket with `code`; 4000 (unknown error) makes discord.js resume. */
  closeGateway(code = 4000): void {
    this.currentSession?.socket?.close(code, 'fake: closing');
  }

  /** Tells the client its session is gone (op 9, not resumable): it must identify again. */
  invalidateSession(): void {
    const session = this.currentSession;
    if (!session) return;
    this.sessions.delete(session.id);
    session.socket?.send(JSON.stringify({ op: GatewayOp.InvalidSession, d: false }));
  }

  /** Sends a dispatch on the current session; while disconnected it is kept for RESUME replay. */
  dispatch(t: string, d: unknown): void {
    const session = this.currentSession;
    if (!session) throw new Error('fake-discord: no gateway session; is the client logged in?');
    session.seq += 1;
    const event = { s: session.seq, t, d };
    session.events.push(event);
    if (session.socket?.readyState === WebSocket.OPEN) {
      session.socket.send(JSON.stringify({ op: GatewayOp.Dispatch, ...event }));
    }
  }

  /** Deletes a message, as its author would (the fake does not dispatch MESSAGE_DELETE). */
  deleteMessage(channelId: string, messageId: string): void {
    this.removeMessage(channelId, messageId);
  }

  /** A MESSAGE_CREATE from a user in the guild channel (or a DM with `dm`). Returns the message. */
  sendMessage(content: string, options: { author?: FakeUser; dm?: boolean; channelId?: string; mentions?: FakeUser[]; replyTo?: any; mentionEveryone?: boolean } = {}): any {
    const author = options.author ?? this.alice;
    const channelId = options.dm ? this.dmChannelId : options.channelId ?? this.channelId;
    const mentions = [...(options.mentions ?? [])];
    const message: any = {
      id: this.snowflake(),
      channel_id: channelId,
      // Discord sends the channel type so a client can build an uncached DM channel.
      channel_type: options.dm ? 1 : 0,
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: options.mentionEveryone ?? false,
      mentions,
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: options.replyTo ? 19 : 0,
      flags: 0,
      components: [],
    };
    if (!options.dm) {
      message.guild_id = this.guildId;
      message.member = { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 };
    }
    if (options.replyTo) {
      message.message_reference = { type: 0, message_id: options.replyTo.id, channel_id: channelId, guild_id: message.guild_id };
      message.referenced_message = options.replyTo;
    }
    this.storeMessage(message);
    this.dispatch('MESSAGE_CREATE', message);
    return message;
  }

  /** The author edits `message` to `content`: a MESSAGE_UPDATE with the whole message, as Discord sends it. */
  editMessage(message: any, content: string): any {
    Object.assign(message, { content, edited_timestamp: new Date().toISOString() });
    this.dispatch('MESSAGE_UPDATE', message);
    return message;
  }

  /** A guild message that mentions the bot: `<@bot> text`. */
  mentionBot(text: string, options: { author?: FakeUser; channelId?: string } = {}): any {
    return this.sendMessage(`<@${this.bot.id}> ${text}`, { ...options, mentions: [this.bot] });
  }

  /** A slash command invocation. Returns the interaction's id and token. */
  slash(name: string, options: { name: string; type: number; value: unknown; focused?: boolean }[] = [], extra: SlashOptions = {}): InteractionState {
    return this.interaction(2, { id: this.snowflake(), name, type: 1, options }, extra);
  }

  /** An autocomplete request for `name`, with one option focused. */
  autocomplete(name: string, options: { name: string; type: number; value: unknown; focused?: boolean }[], extra: SlashOptions = {}): InteractionState {
    return this.interaction(4, { id: this.snowflake(), name, type: 1, options }, extra);
  }

  /** A button press on `message` (as stored by the fake). */
  pressButton(message: any, customId: string, extra: SlashOptions = {}): InteractionState {
    return this.interaction(3, { custom_id: customId, component_type: 2 }, { ...extra, channelId: message.channel_id }, message);
  }

  /** Waits until a request matches, checking those already received first. */
  async waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs = 5_000, what = 'a matching request'): Promise<RecordedRequest> {
    return this.waitUntil(() => this.requests.find(predicate), timeoutMs, what);
  }

  /** Waits for the first callback Discord received for an interaction. */
  async waitForCallback(interaction: { id: string }, timeoutMs = 5_000): Promise<RecordedRequest> {
    return this.waitForRequest((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${interaction.id}/`), timeoutMs, `the callback of interaction ${interaction.id}`);
  }

  /** Waits for a message the bot posted (or its interaction response) in a channel that matches `predicate`. */
  async waitForBotMessage(channelId: string, predicate: (m: any) => boolean = () => true, timeoutMs = 5_000): Promise<any> {
    return this.waitUntil(
      () => (this.messages.get(channelId) ?? []).find((m) => m.author.id === this.bot.id && predicate(m)),
      timeoutMs,
      `a bot message in ${channelId}`,
    );
  }

  /** Polls `probe` on every state change until it returns a value. */
  async waitUntil<T>(probe: () => T | undefined | false, timeoutMs = 5_000, what = 'a condition'): Promise<T> {
    const found = probe();
    if (found) return found;
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  /** Requests whose path matches, for assertions. */
  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  // ---------------------------------------------------------------- interactions

  private interaction(type: number, data: any, extra: SlashOptions, message?: any): InteractionState {
    const user = extra.user ?? this.alice;
    const dm = extra.dm ?? false;
    const channelId = dm ? this.dmChannelId : extra.channelId ?? this.channelId;
    const state: InteractionState = { id: this.snowflake(), token: `itoken-${randomUUID()}`, channelId, guildId: dm ? undefined : this.guildId, followups: [] };
    this.interactions.set(state.token, state);
    const payload: any = {
      id: state.id,
      application_id: this.applicationId,
      type,
      data,
      channel_id: channelId,
      channel: dm ? { id: channelId, type: 1, recipients: [user] } : { id: channelId, type: 0, name: 'general', guild_id: this.guildId, permission_overwrites: [], position: 0 },
      token: state.token,
      version: 1,
      locale: 'en-US',
      app_permissions: this.botPermissions.toString(),
      entitlements: [],
      authorizing_integration_owners: dm ? { '1': user.id } : { '0': this.guildId },
      context: dm ? 1 : 0,
      attachment_size_limit: 10_485_760,
    };
    if (dm) {
      payload.user = user;
    } else {
      payload.guild_id = this.guildId;
      payload.guild = { id: this.guildId, locale: 'en-US', features: [] };
      payload.guild_locale = 'en-US';
      payload.member = {
        user,
        roles: [],
        permissions: (extra.memberPermissions ?? ALL_BOT_PERMISSIONS).toString(),
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
      };
    }
    if (message) payload.message = message;
    this.dispatch('INTERACTION_CREATE', payload);
    return state;
  }

  // ---------------------------------------------------------------- gateway

  private onGatewayConnection(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: GatewayOp.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs } }));
    socket.on('message', (raw) => {
      let payload: { op: number; d: any };
      try {
        payload = JSON.parse(String(raw));
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      this.gatewayReceived.push({ ...payload, at: Date.now() });
      this.notify();
      switch (payload.op) {
        case GatewayOp.Heartbeat:
          if (this.ackHeartbeats) socket.send(JSON.stringify({ op: GatewayOp.HeartbeatAck }));
          break;
        case GatewayOp.Identify:
          this.onIdentify(socket, payload.d);
          break;
        case GatewayOp.Resume:
          this.onResume(socket, payload.d);
          break;
        default:
          break;
      }
    });
  }

  private onIdentify(socket: WebSocket, d: any): void {
    if (d?.token !== this.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    const session: GatewaySession = { id: randomUUID().replaceAll('-', ''), seq: 0, events: [], socket };
    this.sessions.set(session.id, session);
    this.currentSession = session;
    this.dispatch('READY', {
      v: 10,
      user: { ...this.bot, verified: true, mfa_enabled: false, flags: 0 },
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      user_settings: {},
    });
    this.dispatch('GUILD_CREATE', this.guildPayload());
  }

  private onResume(socket: WebSocket, d: any): void {
    const session = this.sessions.get(d?.session_id);
    if (!session || d?.token !== this.token) {
      socket.send(JSON.stringify({ op: GatewayOp.InvalidSession, d: false }));
      return;
    }
    session.socket = socket;
    this.currentSession = session;
    for (const event of session.events.filter((e) => e.s > (d.seq ?? 0))) {
      socket.send(JSON.stringify({ op: GatewayOp.Dispatch, ...event }));
    }
    this.dispatch('RESUMED', {});
  }

  private guildPayload(): any {
    const now = new Date().toISOString();
    const role = (id: string, name: string, permissions: bigint, position: number, managed = false) => ({
      id, name, permissions: permissions.toString(), position, color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false, managed, mentionable: false, flags: 0, icon: null, unicode_emoji: null,
    });
    const channel = (id: string, name: string, position: number) => ({
      id, type: 0, name, guild_id: this.guildId, position, permission_overwrites: [], topic: null, nsfw: false, parent_id: null, last_message_id: null, rate_limit_per_user: 0,
    });
    return {
      id: this.guildId,
      name: 'Summit Watchers',
      icon: null,
      owner_id: this.alice.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        role(this.guildId, '@everyone', FAKE_PERMISSIONS.ViewChannel | FAKE_PERMISSIONS.SendMessages | FAKE_PERMISSIONS.ReadMessageHistory, 0),
        role(this.botRoleId, 'summit-bot', this.botPermissions, 1, true),
      ],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      joined_at: now,
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [
        { user: this.bot, roles: [this.botRoleId], joined_at: now, deaf: false, mute: false, flags: 0 },
        { user: this.alice, roles: [], joined_at: now, deaf: false, mute: false, flags: 0 },
      ],
      channels: [channel(this.channelId, 'general', 0), channel(this.otherChannelId, 'summit', 1)],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      premium_tier: 0,
      preferred_locale: 'en-US',
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
    };
  }

  // ---------------------------------------------------------------- REST

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: any = undefined;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const method = req.method ?? 'GET';
    const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const record: RecordedRequest = { method, path, query: url.searchParams, headers: req.headers, body, status: 0, at: Date.now() };

    this.requests.push(record);
    this.notify();
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      // -1: the client gave up (its timeout) while a fault delayed the answer.
      record.status = res.destroyed ? -1 : status;
      if (!res.destroyed) {
        const text = payload === undefined ? '' : JSON.stringify(payload);
        res.writeHead(status, { ...(text ? { 'content-type': 'application/json' } : {}), ...headers });
        res.end(text);
      }
      this.notify();
    };

    if (!url.pathname.startsWith(API_PREFIX)) return send(404, { message: '404: Not Found', code: 0 });

    const faultIndex = this.faults.findIndex((f) => (!f.method || f.method === method) && f.path.test(path));
    if (faultIndex >= 0) {
      const fault = this.faults[faultIndex]!;
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(faultIndex, 1);
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.status !== undefined) {
        send(fault.status, fault.body ?? { message: `fake fault ${fault.status}`, code: 0 }, fault.headers);
        return;
      }
    }

    const tokenFree = path.startsWith('/interactions/') || path.startsWith('/webhooks/');
    if (!tokenFree && req.headers.authorization !== `Bot ${this.token}`) return send(401, { message: '401: Unauthorized', code: 0 });

    const result = this.route(method, path, body, url.searchParams);
    send(result.status, result.body);
  }

  private route(method: string, path: string, body: any, query: URLSearchParams): { status: number; body?: unknown } {
    let m: RegExpMatchArray | null;
    const notFound = { status: 404, body: { message: '404: Not Found', code: 0 } };

    if (method === 'GET' && path === '/gateway/bot') {
      return { status: 200, body: { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } } };
    }
    if (method === 'GET' && path === '/users/@me') return { status: 200, body: this.bot };

    if ((m = path.match(/^\/channels\/(\d+)\/messages$/)) && method === 'POST') {
      const reference = body?.message_reference;
      if (reference && !this.findMessage(m[1]!, reference.message_id)) {
        // Discord refuses a reply to a deleted message unless fail_if_not_exists is false.
        if (reference.fail_if_not_exists !== false) {
          return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { message_reference: { _errors: [{ code: 'REPLIES_UNKNOWN_MESSAGE', message: 'Unknown message' }] } } } };
        }
        body = { ...body, message_reference: undefined };
      }
      const message = this.botMessage(m[1]!, body);
      this.storeMessage(message);
      return { status: 200, body: message };
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages\/pins$/)) && method === 'GET') {
      const items = (this.pins.get(m[1]!) ?? []).map((p) => ({ pinned_at: p.pinnedAt, message: this.findMessage(m![1]!, p.messageId) })).filter((i) => i.message);
      return { status: 200, body: { items, has_more: false } };
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages\/pins\/(\d+)$/)) && (method === 'PUT' || method === 'DELETE')) {
      return this.pinRoute(method, m[1]!, m[2]!);
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/)) && method === 'GET') {
      const message = this.findMessage(m[1]!, m[2]!);
      return message ? { status: 200, body: message } : { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/)) && method === 'PATCH') {
      // Only the author may edit a message: here, the bot its own.
      const message = this.findMessage(m[1]!, m[2]!);
      if (!message) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
      if (message.author.id !== this.bot.id) return { status: 403, body: { message: 'Cannot edit a message authored by another user', code: 50005 } };
      Object.assign(message, this.messageFields(body), { edited_timestamp: new Date().toISOString() });
      return { status: 200, body: message };
    }
    if ((m = path.match(/^\/applications\/(\d+)\/(?:guilds\/(\d+)\/)?commands$/)) && method === 'PUT') {
      const registered = (body as any[]).map((c) => ({ ...c, id: this.snowflake(), application_id: m![1], version: this.snowflake(), ...(m![2] ? { guild_id: m![2] } : {}) }));
      this.commands.set(m[2] ?? 'global', registered);
      return { status: 200, body: registered };
    }
    if ((m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/)) && method === 'POST') {
      return this.callbackRoute(m[1]!, decodeURIComponent(m[2]!), body, query);
    }
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/))) {
      return this.webhookRoute(method, decodeURIComponent(m[2]!), m[3] ? decodeURIComponent(m[3]) : undefined, body);
    }
    return notFound;
  }

  private pinRoute(method: string, channelId: string, messageId: string): { status: number; body?: unknown } {
    if ((this.botPermissions & FAKE_PERMISSIONS.PinMessages) === 0n) {
      return { status: 403, body: { message: 'Missing Permissions', code: 50013 } };
    }
    const pins = this.pins.get(channelId) ?? [];
    const message = this.findMessage(channelId, messageId);
    if (!message) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    if (method === 'PUT') {
      if (!pins.some((p) => p.messageId === messageId)) {
        if (pins.length >= this.maxPins) return { status: 400, body: { message: `Maximum number of pins reached (${this.maxPins})`, code: 30003 } };
        pins.unshift({ messageId, pinnedAt: new Date().toISOString() });
      }
      message.pinned = true;
    } else {
      const index = pins.findIndex((p) => p.messageId === messageId);
      if (index >= 0) pins.splice(index, 1);
      message.pinned = false;
    }
    this.pins.set(channelId, pins);
    return { status: 204 };
  }

  private callbackRoute(id: string, token: string, body: any, query: URLSearchParams): { status: number; body?: unknown } {
    const state = this.interactions.get(token);
    if (!state || state.id !== id) return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
    if (state.callback) return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
    state.callback = { type: body?.type, data: body?.data };
    // 4: message, 5: deferred message, 6: deferred update, 7: update, 8: autocomplete result.
    if (body?.type === 4 || body?.type === 5) {
      state.original = this.botMessage(state.channelId, body.type === 4 ? body.data : { content: '', flags: body.data?.flags ?? 0 }, state);
      if (!(state.original.flags & 64)) this.storeMessage(state.original);
    }
    if (query.get('with_response') === 'true') {
      return { status: 200, body: { interaction: { id, type: 2 }, resource: { type: body?.type, message: state.original } } };
    }
    return { status: 204 };
  }

  private webhookRoute(method: string, token: string, messageId: string | undefined, body: any): { status: number; body?: unknown } {
    const state = this.interactions.get(token);
    if (!state) return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
    if (messageId === '@original') {
      if (!state.original) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
      if (method === 'GET') return { status: 200, body: state.original };
      if (method === 'DELETE') {
        this.removeMessage(state.channelId, state.original.id);
        state.original = undefined;
        return { status: 204 };
      }
      if (method === 'PATCH') {
        Object.assign(state.original, this.messageFields(body), { edited_timestamp: new Date().toISOString() });
        return { status: 200, body: state.original };
      }
    }
    if (!messageId && method === 'POST') {
      const message = this.botMessage(state.channelId, body, state);
      state.followups.push(message);
      if (!(message.flags & 64)) this.storeMessage(message);
      return { status: 200, body: message };
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  // ---------------------------------------------------------------- messages

  private messageFields(body: any): any {
    const fields: any = {};
    for (const key of ['content', 'embeds', 'components', 'flags'] as const) {
      if (body && key in body) fields[key] = body[key];
    }
    return fields;
  }

  private botMessage(channelId: string, body: any, interaction?: InteractionState): any {
    const message: any = {
      id: this.snowflake(),
      channel_id: channelId,
      author: this.bot,
      content: '',
      embeds: [],
      components: [],
      flags: 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      type: body?.message_reference ? 19 : 0,
      ...this.messageFields(body),
    };
    if (channelId !== this.dmChannelId) message.guild_id = this.guildId;
    if (body?.message_reference) message.message_reference = { type: 0, channel_id: channelId, ...body.message_reference };
    if (interaction) {
      message.application_id = this.applicationId;
      message.webhook_id = this.applicationId;
      message.type = 20;
    }
    return message;
  }

  private storeMessage(message: any): void {
    const list = this.messages.get(message.channel_id) ?? [];
    list.push(message);
    this.messages.set(message.channel_id, list);
  }

  private findMessage(channelId: string, messageId: string): any {
    return (this.messages.get(channelId) ?? []).find((m) => m.id === messageId);
  }

  private removeMessage(channelId: string, messageId: string): void {
    const list = this.messages.get(channelId) ?? [];
    this.messages.set(channelId, list.filter((m) => m.id !== messageId));
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
