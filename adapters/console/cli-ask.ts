/**
 * `npm run ask -- "question"` prints one answer; `--json` prints it as JSON; `--jsonl` reads one
 * question per line on stdin and writes exactly one JSON object per line, in order, and nothing
 * else on stdout (the contract `../shared/eval/score.mjs` relies on).
 */
import { createInterface } from 'node:readline';
import { createAnswerer, type Answer } from '../../src/index.ts';
import { answerJson, renderAnswer } from './render-text.ts';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const question = args.filter((a) => !a.startsWith('--')).join(' ');

const answerer = createAnswerer({ corpusDir: process.env.CORPUS_DIR || 'corpus' });
const safeAsk = async (q: string): Promise<Answer> => {
  try {
    return await answerer.ask(q);
  } catch {
    return { kind: 'usage', question: q.slice(0, 200), reason: 'no-content', text: 'Sorry, something went wrong while answering that.' };
  }
};

if (flags.has('--jsonl')) {
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) process.stdout.write(JSON.stringify(answerJson(await safeAsk(line))) + '\n');
} else if (flags.has('--json')) {
  process.stdout.write(JSON.stringify(answerJson(await safeAsk(question)), null, 2) + '\n');
} else {
  process.stdout.write(renderAnswer(await safeAsk(question)) + '\n');
}
