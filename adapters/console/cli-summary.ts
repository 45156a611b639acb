/**
 * `npm run summary -- [--points N] [--section S] [--topic T] [--json]` prints a cited summary of
 * the article, as text or as the JSON of `summaryJson`. Words without a flag are read like the
 * console's `/summary` command (`3 road ahead`, `china`).
 *
 * Exit codes: 0 for any summary, including "not covered" and usage replies from the core (they
 * are answers); 2 when the command line itself is malformed.
 */
import { parseArgs } from 'node:util';
import { createAnswerer, type Summary } from '../../src/index.ts';
import { renderSummary, summaryJson } from './render-text.ts';

const USAGE = 'Usage: npm run --silent summary -- [--points N] [--section S] [--topic T] [--json]  (or: npm run summary -- [N] [section or topic])';

function fail(message: string, json: boolean): never {
  if (json) process.stdout.write(JSON.stringify({ kind: 'usage', title: null, points: [], message: `${message} ${USAGE}` }, null, 2) + '\n');
  else process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
const json = argv.includes('--json');
let parsed;
try {
  parsed = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      points: { type: 'string', short: 'n' },
      section: { type: 'string', short: 's' },
      topic: { type: 'string', short: 't' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (err) {
  fail((err as Error).message, json);
}
const { values, positionals } = parsed;
if (values.help) {
  process.stdout.write(USAGE + '\n');
  process.exit(0);
}
// A count that is not a number at all is a malformed command line; 0 or 11 is the core's to explain.
if (values.points !== undefined && !/^\s*[+-]?\d+(?:\.\d+)?\s*$/.test(values.points)) {
  fail(`--points takes a number from 1 to 10, not “${values.points.slice(0, 20)}”.`, json);
}
const flagged = values.points !== undefined || values.section !== undefined || values.topic !== undefined;
if (positionals.length > 0 && flagged) fail(`Unexpected words “${positionals.join(' ').slice(0, 80)}” next to flags.`, json);

const answerer = createAnswerer({ corpusDir: process.env.CORPUS_DIR || 'corpus' });
let summary: Summary;
try {
  summary = flagged
    ? await answerer.summarize({
        points: values.points === undefined ? undefined : Number(values.points),
        section: values.section,
        topic: values.topic,
      })
    : await answerer.summarizeText(positionals.join(' '));
} catch {
  summary = { kind: 'usage', text: 'Sorry, something went wrong while summarising.' };
}
process.stdout.write((json ? JSON.stringify(summaryJson(summary), null, 2) : renderSummary(summary)) + '\n');
