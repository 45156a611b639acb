/**
 * Routes every interaction (slash commands, autocomplete, buttons) and guarantees an answer:
 * Discord wants an acknowledgement within 3 seconds, and a user should never meet "This
 * interaction failed". Abuse limits apply here: per-user rate limit, bounded concurrency.
 */
import type { Interaction } from 'discord.js';
import { findCommand, type CommandContext } from './commands/index.ts';
import { TEXTS } from '../shared/texts.ts';
import { deferOnce, sendError } from './commands/respond.ts';
import { handleButton } from './handle-buttons.ts';
import { renderChoices } from './render-message.ts';


/** Handles one interaction to the end; never throws. */
export async function handleInteraction(interaction: Interaction, context: CommandContext): Promise<void> {
  const { layer } = context;
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
    const admission = await layer.admit(interaction.user.id);
    if (!admission.ok) {
      // An interaction must be acknowledged anyway, so the notice goes every time, to the user alone.
      await sendError(interaction, admission.notice);
      return;
    }
    if (interaction.isChatInputCommand()) {
      const command = findCommand(interaction.commandName);
      if (!command) {
        // Commands registered by an older deployment: a short private reply, not a stack trace.
        log.warn({ command: interaction.commandName }, 'unknown command; redeploy the commands with npm run discord:deploy');
        await sendError(interaction, TEXTS.unknownCommand(`/${interaction.commandName}`));
        return;
      }
      // When every worker is busy the wait could outlast Discord's 3 s: acknowledge first.
      if (layer.work.pending >= context.limits.maxConcurrent) await deferOnce(interaction, command.isPrivate(interaction));
      await layer.work.run(() => command.execute(interaction, context));
    } else if (interaction.isButton()) {
      await layer.work.run(() => handleButton(interaction, context, layer));
    }
  } catch (error) {
    log.error({ err: error, command: interaction.isChatInputCommand() ? interaction.commandName : undefined }, 'interaction handler failed');
    await sendError(interaction, TEXTS.apology).catch((err: unknown) => log.error({ err }, 'could not send the error reply'));
  }
}
