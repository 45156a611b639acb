/**
 * The shape of a slash command: its registration data and its handler side by side, as in the
 * discord.js team's create-discord-bot template. `commands/index.ts` lists them all explicitly.
 */
import type {
  ApplicationCommandOptionChoiceData, AutocompleteInteraction, ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Cooldown, RateLimiter } from '../../shared/rate-limit.ts';
import type { WorkLimiter } from '../../shared/work-limiter.ts';
import type { AdapterDeps } from '../../deps.ts';

/** What a command handler is given: the core and process services, plus Discord-only state. */
export interface CommandContext extends AdapterDeps {
  /** One /pin-summary per channel per `limits.pinCooldownSeconds`. */
  pinCooldown: Cooldown;
}

/** The abuse limits every chat and interaction handler goes through. */
export interface WorkGuards {
  /** Per-user token bucket. */
  rateLimiter: RateLimiter;
  /** Bounded concurrency, and what is in flight at shutdown. */
  work: WorkLimiter;
}

/** A slash command: data for deployment plus the handlers. */
export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /**
   * Whether the reply is ephemeral. Known before any work, so that a deferral (when the bot is
   * busy) is made with the same visibility as the reply that follows it.
   */
  isPrivate(interaction: ChatInputCommandInteraction): boolean;
  execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void>;
  /** Choices for the focused option; the caller caps and trims them. */
  autocomplete?(interaction: AutocompleteInteraction, context: CommandContext): ApplicationCommandOptionChoiceData<string>[];
}
