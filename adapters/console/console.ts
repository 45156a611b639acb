/**
 * The no-token default: an interactive prompt on the article. A plain line is a question;
 * /help, /summary, /passage and /quit are commands. When stdin is not a terminal it reads
 * questions line by line and exits at end of input.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Answerer } from '../../src/index.ts';
import { renderAnswer, renderHelp, renderPassage, renderSummary } from './render-text.ts';

export interface ConsoleIo {
  input: Readable;
  output: Writable;
  /** Show a prompt and greeting; default: whether input is a TTY. */
  interactive?: boolean;
}

/** Handles one line; returns the reply, or null to quit. Never throws. */
export async function handleLine(answerer: Answerer, line: string): Promise<string | null> {
  const text = line.trim();
  const command = /^\/(\w[\w-]*)\s*([\s\S]*)$/.exec(text);
  try {
    if (!command) return renderAnswer(await answerer.ask(text));
    const [, name, rest = ''] = command;
    switch (name!.toLowerCase()) {
      case 'quit': case 'exit': case 'q':
        return null;
      case 'help':
        return renderHelp(answerer.help());
      case 'summary':
        return renderSummary(await answerer.summarizeText(rest));
      case 'passage':
        return rest.trim() ? renderPassage(answerer.passage(rest.trim())) : 'Usage: /passage <id>, e.g. /passage alaska-summit/s2/p1';
      case 'ask':
        return renderAnswer(await answerer.ask(rest));
      default:
        return `Unknown command /${name}. Try /help.`;
    }
  } catch {
    return 'Sorry, something went wrong while answering that. Please try again or rephrase.';
  }
}

export async function runConsole(answerer: Answerer, io: ConsoleIo): Promise<void> {
  const interactive = io.interactive ?? Boolean((io.input as { isTTY?: boolean }).isTTY);
  const rl = createInterface({ input: io.input, output: interactive ? io.output : undefined, terminal: interactive });
  const write = (s: string) => io.output.write(s + '\n');
  if (interactive) {
    write(`summit-bot — ask about “${answerer.document.title}”. /help for commands, /quit to leave.`);
    rl.setPrompt('> ');
    rl.prompt();
  }
  for await (const line of rl) {
    if (!line.trim()) {
      if (interactive) rl.prompt();
      continue;
    }
    const reply = await handleLine(answerer, line);
    if (reply === null) break;
    write(reply + '\n');
    if (interactive) rl.prompt();
  }
  rl.close();
}
