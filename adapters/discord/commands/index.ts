/** Every slash command, in one explicit list: deployment and dispatch both read it. */
import { ask } from './ask.ts';
import type { Command } from './command.ts';
import { help } from './help.ts';
import { passage } from './passage.ts';
import { pinSummaryCommand } from './pin-summary.ts';
import { summary } from './summary.ts';

export type { Command, CommandContext } from './command.ts';

export const commands: readonly Command[] = [ask, summary, pinSummaryCommand, passage, help];

/** Looks a command up by name. */
export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.data.name === name);
}
