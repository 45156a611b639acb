import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/index.ts';
import { runConsole } from '../../adapters/console/console.ts';

const answerer = createAnswerer({ corpusDir: 'corpus' });

async function session(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d));
  const done = runConsole(answerer, { input, output, interactive: false });
  for (const l of lines) input.write(l + '\n');
  input.end();
  await done;
  return text;
}

/** Runs an npm script the way a user (or the eval scorer) does, with the environment's tokens cleared. */
function npm(args: string[], input: string) {
  const env = { ...process.env, SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '', DISCORD_TOKEN: '' };
  return spawnSync('npm', args, { input, encoding: 'utf8', env, timeout: 60_000 });
}

describe('the console session', () => {
  it('answers a question, then /passage, /help and an unknown command, and stops at /quit', async () => {
    const out = await session(['How long was the meeting?', '/passage alaska-summit/s2/p1', '/help', '/nope', '/quit', 'never asked']);
    expect(out).toContain('seven hours');
    expect(out).toMatch(/\[1\] Introduction, paragraph 1 \(alaska-summit\/s0\/p1\)/);
    expect(out).toContain('The war in Ukraine dominated the discussions.');
    expect(out).toContain('/summary [N] [section or topic]');
    expect(out).toContain('Unknown command /nope');
    expect(out).not.toContain('never asked');
  });

  it('tells the user about a passage id that does not exist, and about empty /passage', async () => {
    const out = await session(['/passage nope/s9/p9', '/passage']);
    expect(out).toContain('There is no passage “nope/s9/p9”');
    expect(out).toContain('Usage: /passage <id>');
  });
});

describe('npm start with no tokens', () => {
  it('opens the console on the article and answers questions piped on stdin', () => {
    const r = npm(['start', '--silent'], 'How long was the meeting?\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('seven hours');
    expect(r.stdout).toContain('alaska-summit/s0/p1');
  });
});

describe('npm run ask -- --jsonl', () => {
  it('writes exactly one JSON object per input line, in order, and nothing else on stdout', () => {
    const questions = ['How long was the meeting?', '', 'What did Boris Johnson say?', '\u0000\u0001 binary ☃', 'x'.repeat(5000), 'Who wrote this?'];
    const r = npm(['run', '--silent', 'ask', '--', '--jsonl'], questions.join('\n') + '\n');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.length > 0);
    expect(lines).toHaveLength(questions.length);
    const rows = lines.map((l) => JSON.parse(l));
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['question', 'answered', 'answer', 'citations']));
      expect(typeof row.answered).toBe('boolean');
      for (const c of row.citations) {
        expect(c).toEqual(expect.objectContaining({ id: expect.any(String), heading: expect.any(String), text: expect.any(String), score: expect.any(Number) }));
      }
    }
    expect(rows[0].answered).toBe(true);
    expect(rows[0].citations[0].text).toContain('seven hours');
    expect(rows[1].answered).toBe(false);
    expect(rows[2]).toMatchObject({ answered: false, citations: [] });
    expect(rows[2].answer).toContain('Boris Johnson');
    expect(rows[4].answered).toBe(false);
    expect(rows[5].answer).toContain('Poonam Sharma');
  });

  it('prints one answer as JSON with --json, and as text without', () => {
    const json = npm(['run', '--silent', 'ask', '--', '--json', 'What did Trump offer?'], '');
    expect(JSON.parse(json.stdout)).toMatchObject({ answered: true });
    const text = npm(['run', '--silent', 'ask', '--', 'What did Trump offer?'], '');
    expect(text.stdout).toMatch(/\[1\] /);
  });
});
