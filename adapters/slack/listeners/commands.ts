/**
 * The private slash commands: /ask, /summary, /passage and /help. Each is acked at once (Slack
 * gives up on a command after 3 s) and answered after, through the response_url, visible only to
 * the user. /ask and /summary answers carry "Share in channel". /pin-summary lives in
 * `pin-summary.ts`, as it posts publicly and pins.
 */
import type { AllMiddlewareArgs, App, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { RenderOptions, SlackMessage } from '../render-blocks.ts';
import { renderAnswer, renderHelp, renderNotice, renderPassage, renderSummary } from '../render-blocks.ts';
import { respondPrivately, type ReplyTarget } from '../send-reply.ts';
import { runCore, runCoreAsync, type SlackRuntime } from '../slack-runtime.ts';
import { ackThenRun } from './ack-then-run.ts';

/** What a command listener is given by Bolt. */
export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** One private command: its name and how to answer its free text. */
interface PrivateCommand {
  name: string;
  answer(rt: SlackRuntime, text: string): SlackMessage | Promise<SlackMessage>;
}

/** /ask's answer; `options` frames it (a share button when private, "Shared by" when public). */
export async function answerQuestion(rt: SlackRuntime, text: string, options: RenderOptions): Promise<SlackMessage> {
  const r = await runCoreAsync(rt, 'ask', () => rt.deps.answerer.ask(text));
  return r.ok ? renderAnswer(r.value, options) : renderNotice(r.apology);
}

/** /summary's (and /pin-summary's) summary of `text`: `[N] [section or topic]`. */
export async function answerSummary(rt: SlackRuntime, text: string, options: RenderOptions & { command: string }): Promise<SlackMessage> {
  const r = await runCoreAsync(rt, 'summary', () => rt.deps.answerer.summarizeText(text));
  return r.ok ? renderSummary(r.value, { ...options, command: `${options.command} ${text}`.trim() }) : renderNotice(r.apology);
}

const COMMANDS: PrivateCommand[] = [
  { name: '/ask', answer: (rt, text) => answerQuestion(rt, text, { share: { command: 'ask', text } }) },
  { name: '/summary', answer: (rt, text) => answerSummary(rt, text, { share: { command: 'summary', text }, command: '/summary' }) },
  {
    name: '/passage',
    answer: (rt, text) => {
      const id = text.trim();
      if (!id) return renderNotice('Give me a passage id, e.g. `/passage alaska-summit/s1/p2`. Each answer’s “Full passage” button shows one too.');
      const r = runCore(rt, 'passage', () => rt.deps.answerer.passage(id));
      return r.ok ? renderPassage(r.value) : renderNotice(r.apology);
    },
  },
  {
    name: '/help',
    answer: (rt) => {
      const r = runCore(rt, 'help', () => rt.deps.answerer.help());
      return r.ok ? renderHelp(r.value) : renderNotice(r.apology);
    },
  },
];

/** The asker and where they asked, for replies and fallbacks. */
export function commandTarget(args: CommandArgs): ReplyTarget {
  return { channel: args.command.channel_id, user: args.command.user_id };
}

/** Acks the command, applies the limits, then runs `work`. */
export function runCommand(rt: SlackRuntime, args: CommandArgs, work: (respond: RespondFn) => Promise<void>): Promise<void> {
  return ackThenRun(rt, args, commandTarget(args), () => work(args.respond));
}

/** Registers /ask, /summary, /passage and /help. */
export function register(app: App, rt: SlackRuntime): void {
  for (const command of COMMANDS) {
    app.command(command.name, async (args) => {
      await runCommand(rt, args, async (respond) => {
        const message = await command.answer(rt, args.command.text ?? '');
        await respondPrivately(rt, respond, args.client, commandTarget(args), message);
      });
    });
  }
}
