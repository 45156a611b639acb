/**
 * The bot as `npm start` runs it (`node --import tsx adapters/main.ts`), in a child process
 * configured only by the environment, for black-box tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Bot {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const running: Bot[] = [];

/** Kills every bot still running (afterEach). */
export function stopBots(): void {
  for (const bot of running.splice(0)) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
}

/** Starts `adapters/main.ts` with only `env` (plus PATH) as its environment. */
export function startBot(env: Record<string, string>): Bot {
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      CORPUS_DIR: 'corpus',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'summit-slack-')),
      LOG_LEVEL: 'debug',
      // A free port for /healthz and /metrics: tests run side by side.
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const bot = { child, output: () => output, exited };
  running.push(bot);
  return bot;
}

export async function waitForOutput(bot: Bot, pattern: RegExp, timeoutMs = 40_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = bot.output().match(pattern);
    if (m) return m;
    if (bot.child.exitCode !== null || Date.now() > deadline) throw new Error(`bot never printed ${pattern}; output:\n${bot.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

