/**
 * `npm run report` end to end: the real script, in a child process, against a SQLite record store
 * in a temporary DATA_DIR seeded through `openRecordStore`, and against a PostgreSQL nobody runs.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRecordStore } from '../../adapters/records/open-record-store.ts';
import { sampleRecords } from '../../adapters/records/report-sample.ts';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'summit-report-script-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs scripts/report.ts with only the variables given (DATABASE_URL blank unless set). */
async function report(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/report.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: root, DATABASE_URL: '', CORPUS_DIR: 'corpus', ...env },
      timeout: 25_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout: string; stderr: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run report', () => {
  const dataDir = join(root, 'data');
  const sample = sampleRecords();
  // The sample is dated August 2025: a window of ten years holds it whenever the test runs.
  const days = String(Math.ceil((Date.now() - sample.questions[0]!.at) / 86_400_000) + 2);

  beforeAll(async () => {
    const store = await openRecordStore({ dataDir });
    for (const q of sample.questions) await store.logQuestion(q);
    for (const f of sample.feedback) await store.vote(f);
    await store.close();
  });

  it('GIVEN a seeded SQLite DATA_DIR THEN it writes the page there and prints the summary', async () => {
    const { code, stdout, stderr } = await report(['--days', days], { DATA_DIR: dataDir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = join(dataDir, 'report.html');
    const answered = sample.questions.filter((q) => q.outcome === 'answered').length;
    const considered = sample.questions.filter((q) => q.outcome !== 'usage').length;
    expect(stdout).toContain('summit-bot report: Trump–Putin Alaska Summit: Talks Fail to Yield Breakthrough');
    expect(stdout).toContain(`Questions: ${sample.questions.length} · answered ${answered} (${Math.round((answered / considered) * 100)}%)`);
    expect(stdout).toMatch(/Top unanswered:\n {2}1\. \d+× "/);
    expect(stdout).toContain(`Votes: 👍 ${sample.feedback.filter((f) => f.vote === 'up').length} · 👎 2`);
    // Labels come from the real corpus, not from the sample's copy of them.
    expect(stdout).toContain('Most cited: Introduction, paragraph 1 (alaska-summit/s0/p1)');
    expect(stdout.trim().split('\n').at(-1)).toBe(`Report written to ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('data-chart="outcomes-over-time"');
    expect(html).toContain('<code>alaska-summit/s5/p2</code> The Larger Geopolitical Undercurrent, paragraph 2');
  });

  it('GIVEN --days shorter than the log THEN older questions and votes are left out', async () => {
    const out = join(root, 'recent', 'r.html');
    const { code, stdout } = await report(['--days', '1', '--out', out], { DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(stdout).toContain('No questions recorded yet in the last 1 day.');
    expect(readFileSync(out, 'utf8')).toContain('No questions recorded yet');
  });

  it('GIVEN a PostgreSQL that cannot be reached THEN one line says so, exit code 1, no stack trace', async () => {
    const { code, stdout, stderr } = await report([], { DATA_DIR: join(root, 'pg'), DATABASE_URL: 'postgres://report:secret@127.0.0.1:1/records' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^summit-bot report: .*PostgreSQL/);
    expect(stderr).not.toMatch(/\n\s+at |secret/);
    expect(existsSync(join(root, 'pg', 'report.html'))).toBe(false);
  });

  it('GIVEN a bad flag THEN one line names it, exit code 1', async () => {
    const bad = await report(['--days', 'soon'], { DATA_DIR: dataDir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('summit-bot report: --days must be a whole number of days, 1 or more (got "soon")\n');
    const unknown = await report(['--weeks', '2'], { DATA_DIR: dataDir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^summit-bot report: Unknown option '--weeks'.*usage: npm run report/);
  });
});
