/**
 * The shape of a slash command: its registration data and its handler side by side, as in the
 * discord.js team's create-discord-bot template. `commands/index.ts` lists them all explicitly.
 */
import type {
  ApplicationCommandOptionChoiceData, AutocompleteInteraction, ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { AskedIn, ConversationLayer } from '../../shared/conversation.ts';
import type { AdapterDeps } from '../../deps.ts';

/** What a command handler is given: the core and process services, and the shared conversation layer. */
export interface CommandContext extends AdapterDeps {
  /** Admission, memory, records, the pin cooldown: shared with the Slack adapter's. */
  layer: ConversationLayer;
}

/**
 * Who ran a command where, for the layer. Each user's commands in a channel are one conversation
 * of their own (`kind` keeps /ask's follow-ups apart from summaries).
 */
export function askedIn(interaction: ChatInputCommandInteraction, kind: 'ask' | 'cmd'): AskedIn {
  return { conversation: `${kind}:${interaction.channelId}:${interaction.user.id}`, user: interaction.user.id, channel: interaction.channelId };
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
