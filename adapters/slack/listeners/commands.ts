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
import type { AskedIn } from '../../shared/conversation.ts';
import { TEXTS } from '../../shared/texts.ts';

/** What a command listener is given by Bolt. */
export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** One private command: its name and how to answer its free text. */
interface PrivateCommand {
  name: string;
  answer(rt: SlackRuntime, text: string, args: CommandArgs): SlackMessage | Promise<SlackMessage>;
}

/** /ask's answer; `options` frames it (a share button when private, "Shared by" when public). */
export async function answerQuestion(rt: SlackRuntime, text: string, options: RenderOptions): Promise<SlackMessage> {
  const r = await runCoreAsync(rt, 'ask', () => rt.deps.answerer.ask(text));
  return r.ok ? renderAnswer(r.value, options) : renderNotice(r.apology);
}

/**
 * /ask through the conversation layer: logged, and read against the user's earlier /ask in this
 * channel, so "/ask why?" follows up. Sharing re-asks the question as read, which stands alone.
 */
async function askCommand(rt: SlackRuntime, text: string, args: CommandArgs): Promise<SlackMessage> {
  const { channel_id: channel, user_id: user } = args.command;
  const { answer, answerId } = await rt.layer.ask(text, { conversation: `ask:${channel}:${user}`, user, channel });
  const shared = answer.kind !== 'usage' && answer.readAs ? answer.readAs : text;
  return renderAnswer(answer, { share: { command: 'ask', text: shared }, answerId });
}

/** /summary's (and /pin-summary's) summary of `text`: `[N] [section or topic]`. */
export async function answerSummary(rt: SlackRuntime, text: string, options: RenderOptions & { command: string }, where?: AskedIn): Promise<SlackMessage> {
  // Through the layer when someone asked (logged like a question); a share re-renders what they saw.
  if (where) {
    const summary = await rt.layer.summary(text, where);
    return summary.kind === 'error' ? renderNotice(summary.text) : renderSummary(summary, { ...options, command: `${options.command} ${text}`.trim() });
  }
  const r = await runCoreAsync(rt, 'summary', () => rt.deps.answerer.summarizeText(text));
  return r.ok ? renderSummary(r.value, { ...options, command: `${options.command} ${text}`.trim() }) : renderNotice(r.apology);
}

/** Who asked a command where, for the layer. */
export const askedIn = (args: CommandArgs): AskedIn => ({ conversation: `cmd:${args.command.channel_id}:${args.command.user_id}`, user: args.command.user_id, channel: args.command.channel_id });

const COMMANDS: PrivateCommand[] = [
  { name: '/ask', answer: (rt, text, args) => askCommand(rt, text, args) },
  { name: '/summary', answer: (rt, text, args) => answerSummary(rt, text, { share: { command: 'summary', text }, command: '/summary' }, askedIn(args)) },
  {
    name: '/passage',
    answer: (rt, text) => {
      const id = text.trim();
      if (!id) return renderNotice(TEXTS.passageUsage(`/passage ${rt.deps.answerer.passages()[0]?.id ?? 'doc/s1/p1'}`));
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
        const message = await command.answer(rt, args.command.text ?? '', args);
        await respondPrivately(rt, respond, args.client, commandTarget(args), message);
      });
    });
  }
}
