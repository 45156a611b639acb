/**
 * The state one running Slack adapter shares between its listeners: who the bot is, which
 * questions it has taken (Slack delivers a mention twice and retries slow events), which threads
 * it answers in, and the abuse and concurrency limits. Passed to every `register(app, rt)`.
 */
import type { AdapterDeps } from '../deps.ts';
import { BoundedSet } from '../shared/bounded-set.ts';
import { Cooldown, RateLimiter } from '../shared/rate-limit.ts';
import { WorkLimiter } from '../shared/work-limiter.ts';

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
  /** `channel:ts` of every message taken as a question, so each is answered once. */
  taken: BoundedSet;
  /** `channel:thread_ts` of threads the bot has answered in: follow-ups there need no mention. */
  threads: BoundedSet;
  work: WorkLimiter;
  rate: RateLimiter;
  pinCooldown: Cooldown;
}

/** Messages remembered for de-duplication; far more than Slack's retry window ever holds. */
const TAKEN_MEMORY = 20_000;
/** Threads remembered for follow-ups; the oldest are forgotten first. */
const THREAD_MEMORY = 5_000;

/** Builds the runtime from the process services and the bot's identity, with limits from `deps.limits`. */
export function createRuntime(deps: AdapterDeps, bot: BotIdentity): SlackRuntime {
  const { limits } = deps;
  return {
    deps,
    bot,
    taken: new BoundedSet(TAKEN_MEMORY),
    threads: new BoundedSet(THREAD_MEMORY),
    work: new WorkLimiter(limits.maxConcurrent),
    rate: new RateLimiter({ perMinute: limits.ratePerMinute, burst: limits.burst }),
    pinCooldown: new Cooldown(limits.pinCooldownSeconds),
  };
}

/** The outcome of calling the core: its value, or the apology to send when it threw. */
export type CoreResult<T> = { ok: true; value: T } | { ok: false; apology: string };

/** What the user is told when the core throws: a bug on our side, logged with the stack. */
export const CORE_APOLOGY = 'Sorry, something went wrong on my side while working on that. It has been logged; please try again, or rephrase the question.';
/** What a user is told when the bot is shutting down. */
export const RESTARTING = 'I’m restarting right now. Please ask again in a minute.';

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

/** The reply to someone over the rate limit. */
export function slowDown(seconds: number): string {
  return `You’re asking faster than I can keep up. Please try again in ${seconds} s.`;
}

/** Whether to take a user's request now; when not, what to tell them (or to stay quiet). */
export type Admission = { ok: true } | { ok: false; notice: string; quiet: boolean };

/**
 * Turns work away while shutting down, and applies the per-user rate limit. A flooding user is
 * told once per window (`quiet` after that), so the bot never answers a flood with a flood.
 */
export function admit(rt: SlackRuntime, user: string): Admission {
  if (!rt.work.accepting) return { ok: false, notice: RESTARTING, quiet: false };
  const d = rt.rate.take(user);
  if (!d.allowed) return { ok: false, notice: slowDown(d.retryAfterSeconds), quiet: !d.notify };
  return { ok: true };
}
