/**
 * Every Slack listener, registered in one place with the runtime passed in (the shape of
 * slack-samples/bolt-ts-starter-template's `listeners/index.ts`).
 */
import type { App } from '@slack/bolt';
import { register as registerPinSummary } from '../pin-summary.ts';
import type { SlackRuntime } from '../slack-runtime.ts';
import { register as registerActions } from './actions.ts';
import { register as registerCommands } from './commands.ts';
import { register as registerMessages } from './messages.ts';

/** Registers messages, slash commands, /pin-summary and button actions on `app`. */
export function registerListeners(app: App, rt: SlackRuntime): void {
  registerMessages(app, rt);
  registerCommands(app, rt);
  registerPinSummary(app, rt);
  registerActions(app, rt);
}
