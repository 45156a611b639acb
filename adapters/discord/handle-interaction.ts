/**
 * Routes every interaction (slash commands, autocomplete, buttons) and guarantees an answer:
 * Discord wants an acknowledgement within 3 seconds, and a user should never meet "This
 * interaction failed". Abuse limits apply here: per-user rate limit, bounded concurrency.
 */
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { findCommand, type CommandContext, type WorkGuards } from './commands/index.ts';
import { deferOnce, replyFlags } from './commands/respond.ts';
import { handleButton } from './handle-buttons.ts';
import { ERROR_TEXT, renderChoices, renderNotice, slowDownText } from './render-message.ts';

const STOPPING_TEXT = 'I am restarting and not taking new questions for a moment. Please try again shortly.';

/** Handles one interaction to the end; never throws. */
export async function handleInteraction(interaction: Interaction, context: CommandContext, guards: WorkGuards): Promise<void> {
  const log = context.logger.child({ interaction: interaction.id, type: interaction.type });
  if (interaction.isAutocomplete()) {
    const command = findCommand(interaction.commandName);
    try {
      await interaction.respond(renderChoices(command?.autocomplete?.(interaction, context) ?? []));
    } catch (error) {
      log.warn({ err: error }, 'autocomplete failed');
    }
    return;
  }
  if (!interaction.isRepliable()) return;
  try {
    if (!guards.work.accepting) {
      await sendError(interaction, STOPPING_TEXT);
      return;
    }
    const decision = guards.rateLimiter.take(interaction.user.id);
    if (!decision.allowed) {
      // An interaction must be acknowledged anyway, so the notice goes every time, to the user alone.
      await sendError(interaction, slowDownText(decision.retryAfterSeconds));
      return;
    }
    if (interaction.isChatInputCommand()) {
      const command = findCommand(interaction.commandName);
      if (!command) throw new Error(`no handler for /${interaction.commandName}; redeploy the commands`);
      // When every worker is busy the wait could outlast Discord's 3 s: acknowledge first.
      if (guards.work.pending >= context.limits.maxConcurrent) await deferOnce(interaction, command.isPrivate(interaction));
      await guards.work.run(() => command.execute(interaction, context));
    } else if (interaction.isButton()) {
      await guards.work.run(() => handleButton(interaction, context));
    }
  } catch (error) {
    log.error({ err: error, command: interaction.isChatInputCommand() ? interaction.commandName : undefined }, 'interaction handler failed');
    await sendError(interaction, ERROR_TEXT).catch((err: unknown) => log.error({ err }, 'could not send the error reply'));
  }
}

/**
 * An ephemeral notice in whatever state the interaction is: a reply, an edit of an ephemeral
 * deferral, or (after a public deferral or a reply) the deferral removed and an ephemeral follow-up.
 */
export async function sendError(interaction: RepliableInteraction, text: string): Promise<void> {
  const payload = renderNotice(text);
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...payload, flags: replyFlags(payload, true) });
  } else if (interaction.deferred && !interaction.replied && interaction.ephemeral) {
    await interaction.editReply(payload);
  } else {
    if (interaction.deferred && !interaction.replied) await interaction.deleteReply().catch(() => undefined);
    await interaction.followUp({ ...payload, flags: [MessageFlags.Ephemeral, MessageFlags.SuppressEmbeds] });
  }
}
