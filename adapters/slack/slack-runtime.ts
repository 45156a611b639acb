/**
 * What one running Slack adapter shares between its listeners: who the bot is, and the
 * conversation layer (admission, dedupe, thread memory, bounded work) it shares with Discord.
 * Passed to every `register(app, rt)`.
 */
import type { AdapterDeps } from '../deps.ts';
import { createConversationLayer, type ConversationLayer } from '../shared/conversation.ts';
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
}

/** Builds the runtime from the process services and the bot's identity. */
export function createRuntime(deps: AdapterDeps, bot: BotIdentity): SlackRuntime {
  return { deps, bot, layer: createConversationLayer(deps, 'slack') };
}

/** The outcome of calling the core: its value, or the apology to send when it threw. */
export type CoreResult<T> = { ok: true; value: T } | { ok: false; apology: string };

/** Calls the core; a throw (a bug) becomes a logged apology instead of silence. */
export function runCore<T>(rt: SlackRuntime, what: string, call: () => T): CoreResult<T> {
  try {
    return { ok: true, value: call() };
  } catch (err) {
    rt.deps.logger.error({ err, what }, 'answer core threw');
    return { ok: false, apology: TEXTS.apology };
  }
}

/** `runCore` for the core's asynchronous calls (ask). */
export async function runCoreAsync<T>(rt: SlackRuntime, what: string, call: () => Promise<T>): Promise<CoreResult<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    rt.deps.logger.error({ err, what }, 'answer core threw');
    return { ok: false, apology: TEXTS.apology };
  }
}
