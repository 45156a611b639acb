/**
 * The state one running Slack adapter shares between its listeners: who the bot is, which
 * questions it has taken (Slack delivers a mention twice and retries slow events), which threads
 * it answers in, and the abuse and concurrency limits. Passed to every `register(app, rt)`.
 */
import type { AdapterDeps } from '../deps.ts';
import { createConversationLayer, type Admission, type ConversationLayer } from '../shared/conversation.ts';
import { TEXTS } from '../shared/texts.ts';

/** Who the bot is, from auth.test. */
export interface BotIdentity {
  userId: string;
  botId: string;
  /** The bot user's name, for "invite me with /invite @name". */
  name: string;
}

/** What every Slack listener shares; one per running adapter. */
export interface SlackRuntime {
  deps: AdapterDeps;
  bot: BotIdentity;
  /** Admission, manners, memory, dedupe, records: shared with the Discord adapter's. */
  layer: ConversationLayer;
  /** Bounded concurrency, and what is in flight at shutdown (the layer's). */
  work: ConversationLayer['work'];
}

/** Builds the runtime from the process services and the bot's identity. */
export function createRuntime(deps: AdapterDeps, bot: BotIdentity): SlackRuntime {
  const layer = createConversationLayer(deps, 'slack');
  return { deps, bot, layer, work: layer.work };
}

/** The outcome of calling the core: its value, or the apology to send when it threw. */
export type CoreResult<T> = { ok: true; value: T } | { ok: false; apology: string };

/** What the user is told when the core throws: a bug on our side, logged with the stack. */
export const CORE_APOLOGY = TEXTS.apology;

/** Calls the core; a throw (a bug) becomes a logged apology instead of silence. */
export function runCore<T>(rt: SlackRuntime, what: string, call: () => T): CoreResult<T> {
  try {
    return { ok: true, value: call() };
  } catch (err) {
    rt.deps.logger.error({ err, what }, 'answer core threw');
    return { ok: false, apology: CORE_APOLOGY };
  }
}

/** `runCore` for the core's asynchronous calls (ask). */
export async function runCoreAsync<T>(rt: SlackRuntime, what: string, call: () => Promise<T>): Promise<CoreResult<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    rt.deps.logger.error({ err, what }, 'answer core threw');
    return { ok: false, apology: CORE_APOLOGY };
  }
}

/** Whether to take a user's request now (the shared layer decides). */
export function admit(rt: SlackRuntime, user: string): Promise<Admission> {
  return rt.layer.admit(user);
}
