/**
 * `npm run report`: reads the question log and the votes from the record store the bot writes to
 * (SQLite in DATA_DIR, or PostgreSQL when DATABASE_URL is set), writes one self-contained HTML
 * page and prints a short summary.
 *
 *   npm run report                         the last 30 days, to <DATA_DIR>/report.html
 *   npm run report -- --days 7 --out r.html
 *   npm run report -- --sample             a page from made-up records, to see what it shows
 *
 * Expected failures (bad flags, bad configuration, a database that cannot be reached, a file that
 * cannot be written) are one line on stderr and exit code 1, never a stack trace.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfigFromEnvFile } from '../adapters/config.ts';
import { openRecordStore } from '../adapters/records/open-record-store.ts';
import type { FeedbackRecord, QuestionRecord, RecordStore } from '../adapters/records/record-store.ts';
import { RecordStoreError } from '../adapters/records/records-error.ts';
import { buildReport, type ReportInput } from '../adapters/records/report.ts';
import { sampleRecords } from '../adapters/records/report-sample.ts';
import { loadCorpus } from '../src/index.ts';

const USAGE = 'usage: npm run report -- [--days N] [--out FILE] [--sample]';
const DAY_MS = 86_400_000;

/** An expected failure: its message is the whole story. */
class ReportError extends Error {}

function fail(message: string): never {
  throw new ReportError(message);
}

function parseFlags(argv: string[]): { days: number; out?: string; sample: boolean; help: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { days: { type: 'string' }, out: { type: 'string' }, sample: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (err) {
    fail(`${(err as Error).message.split('\n')[0]} (${USAGE})`);
  }
  const days = values.days === undefined ? 30 : Number(values.days);
  if (!Number.isInteger(days) || days < 1) fail(`--days must be a whole number of days, 1 or more (got "${values.days}")`);
  return { days, out: values.out, sample: values.sample ?? false, help: values.help ?? false };
}

/** Passage labels and the article titles from the corpus; the report still works without them. */
function corpusInfo(corpusDir: string): Pick<ReportInput, 'title' | 'passageLabels'> {
  try {
    const documents = loadCorpus(corpusDir);
    const passageLabels = new Map<string, string>();
    for (const d of documents) for (const s of d.sections) for (const p of s.passages) passageLabels.set(p.id, p.label);
    return { title: documents.map((d) => d.title).join(' · '), passageLabels };
  } catch (err) {
    process.stderr.write(`summit-bot report: passages are shown by id only (${(err as Error).message})\n`);
    return {};
  }
}

async function readRecords(store: RecordStore, since: number): Promise<{ questions: QuestionRecord[]; feedback: FeedbackRecord[] }> {
  try {
    const questions = await store.questions(since);
    // Votes on answers from before the window belong to an earlier report.
    const feedback = (await store.feedback()).filter((f) => f.at >= since);
    return { questions, feedback };
  } catch (err) {
    fail(`cannot read the records from ${store.kind}: ${(err as Error).message.split('\n')[0]}`);
  }
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let config;
  try {
    config = loadConfigFromEnvFile();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message.replace(/\n/g, ' '));
    throw err;
  }
  const { dataDir, databaseUrl } = config.storage;
  const now = Date.now();

  let input: ReportInput;
  let out: string;
  if (flags.sample) {
    input = sampleRecords();
    out = flags.out ?? join(dataDir, 'report-sample.html');
  } else {
    out = flags.out ?? join(dataDir, 'report.html');
    let store: RecordStore;
    try {
      store = await openRecordStore({ dataDir, databaseUrl });
    } catch (err) {
      if (err instanceof RecordStoreError) fail(err.message.replace(/\n/g, ' '));
      throw err;
    }
    try {
      input = { ...(await readRecords(store, now - flags.days * DAY_MS)), now, ...corpusInfo(config.corpusDir) };
    } finally {
      await store.close().catch(() => undefined);
    }
  }

  const report = buildReport(input, { writtenTo: out, days: flags.sample ? undefined : flags.days });
  try {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, report.html);
  } catch (err) {
    fail(`cannot write ${out} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  process.stdout.write(`${report.summary}\n`);
}

main().catch((err: unknown) => {
  if (err instanceof ReportError) {
    process.stderr.write(`summit-bot report: ${err.message}\n`);
    process.exitCode = 1;
    return;
  }
  throw err;
});
