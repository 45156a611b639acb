/**
 * `npm run summary` as a person runs it: the real CLI in a child process, its stdout and exit code.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function summary(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'adapters/console/cli-summary.ts', ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface SummaryJson {
  kind: string;
  title: string | null;
  points: { text: string; citation: { id: string; heading: string; text: string } }[];
  message?: string;
}
const json = (stdout: string) => JSON.parse(stdout) as SummaryJson;

describe.concurrent('npm run summary', { timeout: 30_000 }, () => {
  it('--json prints the title and 5 cited points, none repeating another', async () => {
    const { code, stdout } = await summary('--json');
    expect(code).toBe(0);
    const s = json(stdout);
    expect(s.title).toMatch(/Alaska Summit/);
    expect(s.points).toHaveLength(5);
    expect(new Set(s.points.map((p) => p.text)).size).toBe(5);
    for (const p of s.points) {
      expect(p.citation.text).toContain(p.text.replace(/…$/, ''));
      expect(p.citation.heading).toBeTruthy();
    }
  });

  it('--json --topic China cites the China paragraph', async () => {
    const s = json((await summary('--json', '--topic', 'China')).stdout);
    expect(s.points.map((p) => p.citation.id)).toContain('alaska-summit/s5/p2');
  });

  it('--json --section "road ahead" cites only that section', async () => {
    const s = json((await summary('--json', '--section', 'road ahead')).stdout);
    expect(s.points.length).toBeGreaterThan(0);
    for (const p of s.points) expect(p.citation.id).toMatch(/^alaska-summit\/s7\//);
  });

  it('--topic cryptocurrency says the article does not cover it, and exits 0', async () => {
    const { code, stdout } = await summary('--topic', 'cryptocurrency');
    expect(code).toBe(0);
    expect(stdout).toMatch(/does not cover cryptocurrency/);
  });

  it('GIVEN an unknown flag or a count that is not a number THEN it prints the usage and exits 2', async () => {
    const bad = await summary('--colour');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Usage: npm run/);
    const notNumber = await summary('--json', '--points', 'five');
    expect(notNumber.code).toBe(2);
    expect(json(notNumber.stdout).kind).toBe('usage');
  });

  it('GIVEN --points 11 THEN the range is explained as a normal reply (exit 0)', async () => {
    const { code, stdout } = await summary('--json', '--points', '11');
    expect(code).toBe(0);
    expect(json(stdout)).toMatchObject({ kind: 'usage', points: [] });
  });
});
